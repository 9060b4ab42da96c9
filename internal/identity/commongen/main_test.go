package main

import (
	"bytes"
	"os"
	"testing"
)

// TestCommittedListIsCurrent checks that common_passwords.txt is exactly
// what this command writes, so the list and its sources never drift apart.
func TestCommittedListIsCurrent(t *testing.T) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../common_passwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), committed) {
		t.Fatal("internal/identity/common_passwords.txt is stale: run go run ./internal/identity/commongen > internal/identity/common_passwords.txt")
	}
}
