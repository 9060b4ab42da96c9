package secret

import (
	"bytes"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	old, err := NewBox("1", map[string][]byte{"1": k1})
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := old.Seal([]byte("sk_live_123"), "paper:ten_1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sealed, "v1.") || strings.Contains(sealed, "sk_live") {
		t.Fatalf("sealed %q", sealed)
	}
	if _, err := old.Open(sealed, "paper:ten_2"); err == nil {
		t.Fatal("opened with the wrong context")
	}
	// After rotation, values sealed with the old key still open; new ones use the new key.
	rotated, err := NewBox("2", map[string][]byte{"1": k1, "2": k2})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := rotated.Open(sealed, "paper:ten_1")
	if err != nil || string(plain) != "sk_live_123" {
		t.Fatalf("open after rotation: %q %v", plain, err)
	}
	fresh, _ := rotated.Seal([]byte("x"), "c")
	if !strings.HasPrefix(fresh, "v2.") {
		t.Fatalf("rotated box sealed with %q", fresh[:3])
	}
	if _, err := old.Open(fresh, "c"); err == nil {
		t.Fatal("old box opened a value of an unknown key version")
	}
	tampered := sealed[:len(sealed)-2] + "AA"
	if _, err := old.Open(tampered, "paper:ten_1"); err == nil {
		t.Fatal("tampered value opened")
	}
}

func TestParseKey(t *testing.T) {
	hexKey, _ := NewKey()
	if k, err := ParseKey(hexKey); err != nil || len(k) != 32 {
		t.Fatalf("hex key: %v", err)
	}
	if _, err := ParseKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="); err != nil {
		t.Fatalf("base64 key: %v", err)
	}
	if _, err := ParseKey("too-short"); err == nil {
		t.Fatal("short key accepted")
	}
	if _, err := NewBox("1", map[string][]byte{"1": []byte("short")}); err == nil {
		t.Fatal("box with a short key")
	}
}

func TestMAC(t *testing.T) {
	k1, k2 := make([]byte, KeySize), make([]byte, KeySize)
	k2[0] = 1
	a, err := NewBox("1", map[string][]byte{"1": k1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewBox("1", map[string][]byte{"1": k2})
	m := a.MAC("otp_1", "123456")
	if len(m) != 64 || !EqualMAC(m, a.MAC("otp_1", "123456")) {
		t.Fatalf("MAC %q is not stable", m)
	}
	for name, other := range map[string]string{
		"other code": a.MAC("otp_1", "123457"), "other row": a.MAC("otp_2", "123456"),
		"other split": a.MAC("otp_11", "23456"), "other key": b.MAC("otp_1", "123456"),
	} {
		if EqualMAC(m, other) {
			t.Errorf("%s: same MAC", name)
		}
	}
}
