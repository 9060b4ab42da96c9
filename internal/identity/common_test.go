package identity

import (
	"sort"
	"strings"
	"testing"
)

func TestCommonPasswordListIsSortedAndLarge(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(commonPasswords, "\n"), "\n")
	if len(lines) < 10000 || CommonPasswordCount() != len(lines) {
		t.Fatalf("list has %d lines (count %d), want at least 10000", len(lines), CommonPasswordCount())
	}
	if !sort.StringsAreSorted(lines) {
		t.Fatal("list is not sorted byte-wise: regenerate it with commongen")
	}
	for i, l := range lines {
		if l == "" || l != strings.ToLower(l) || strings.ContainsAny(l, " \t\r") || (i > 0 && lines[i-1] == l) {
			t.Fatalf("line %d %q: want unique, lower-case, no blanks", i+1, l)
		}
	}
	// Every line is found by the binary search, and near misses are not.
	for _, l := range lines {
		if !inSortedLines(commonPasswords, l) {
			t.Fatalf("%q is in the list but not found", l)
		}
		if inSortedLines(commonPasswords, l+"\x00") || inSortedLines(commonPasswords, l[:len(l)-1]+"\x7f") {
			t.Fatalf("a near miss of %q was found", l)
		}
	}
	if inSortedLines(commonPasswords, "") || inSortedLines("", "x") || !inSortedLines("x", "x") {
		t.Fatal("edge cases of the search")
	}
}

func TestIsCommonPassword(t *testing.T) {
	for _, pw := range []string{
		"Password123", "Welcome1", "Qwerty123!", "P@ssw0rd", "p@$$w0rd1", "Passw0rd!", "Iloveyou2",
		"Dragon2024!", "Monkey123", "Sunshine1!", "Letmein1", "Trustno1", "1qaz2wsx", "1Qaz2wsx!",
		"Michael1990", "Liverpool1", "Summer2024", "Football1!", "2024Password", "Admin123", "Abc12345",
		"Qwertyuiop1", "Zxcvbnm1", "Baseball7", "Starwars1!", "Charlie2023", "!Princess1",
	} {
		if !IsCommonPassword(pw) {
			t.Errorf("IsCommonPassword(%q) = false, want true", pw)
		}
	}
	for _, pw := range []string{
		"SecurePass123!", "Platform-Admin-Passw0rd", "Choose-A-Strong-Passw0rd", "NewSecurePassword456!",
		"Tr0ub4dor&3-horse", "correct-Horse-battery-9", "Zq8#mLp2vR", "Xyz12345678", "Tenantry-Rocks-42",
	} {
		if IsCommonPassword(pw) {
			t.Errorf("IsCommonPassword(%q) = true, want false", pw)
		}
	}
}
