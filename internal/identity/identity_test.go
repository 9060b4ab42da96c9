package identity

import (
	"strings"
	"testing"
)

func TestPasswordProblems(t *testing.T) {
	for pw, want := range map[string]string{
		"SecurePass123!":          "",
		"short1A":                 "too_short",
		"alllowercase1":           "missing_uppercase",
		"ALLUPPERCASE1":           "missing_lowercase",
		"NoDigitsHere":            "missing_digit",
		"":                        "too_short,missing_uppercase,missing_lowercase,missing_digit",
		strings.Repeat("Aa1", 50): "too_long",
	} {
		var codes []string
		for _, p := range PasswordProblems(pw, PolicySeed) {
			codes = append(codes, p.Code)
		}
		if got := strings.Join(codes, ","); got != want {
			t.Errorf("PasswordProblems(%q, seed) = %s, want %s", pw, got, want)
		}
	}
}

func TestPasswordProblemsNIST(t *testing.T) {
	for pw, want := range map[string]string{
		"correct horse battery":   "",
		"alllowercase":            "",
		"Abcdefg1":                "too_short",
		"":                        "too_short",
		strings.Repeat("Aa1", 50): "too_long",
	} {
		var codes []string
		for _, p := range PasswordProblems(pw, PolicyNIST) {
			codes = append(codes, p.Code)
		}
		if got := strings.Join(codes, ","); got != want {
			t.Errorf("PasswordProblems(%q, nist) = %s, want %s", pw, got, want)
		}
	}
	if p := PasswordProblems("short", PolicyNIST); len(p) != 1 || p[0].What != "at least 12 characters" {
		t.Errorf("nist too_short = %+v", p)
	}
}

func TestHashAndVerify(t *testing.T) {
	h := Hasher{Memory: 1024, Time: 1, Threads: 1}
	enc, err := h.Hash("SecurePass123!")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("encoding %q", enc)
	}
	again, _ := h.Hash("SecurePass123!")
	if again == enc {
		t.Fatal("two hashes of one password are equal: salt not random")
	}
	for pw, want := range map[string]bool{"SecurePass123!": true, "SecurePass123": false, "": false} {
		ok, err := h.Verify(pw, enc)
		if err != nil || ok != want {
			t.Errorf("Verify(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	// Parameters come from the hash, not the hasher: old hashes keep verifying.
	if ok, _ := DefaultHasher().Verify("SecurePass123!", enc); !ok {
		t.Error("hash not verified by a hasher with other parameters")
	}
	if _, err := h.Verify("x", "$bcrypt$nope"); err == nil {
		t.Error("foreign hash format accepted")
	}
}

func TestEmail(t *testing.T) {
	if NormalizeEmail("  Maria@BellaVista.COM ") != "maria@bellavista.com" {
		t.Error("normalize")
	}
	if got := NormalizeEmail("Jose\u0301@example.com"); got != "jos\u00e9@example.com" {
		t.Errorf("normalize NFD: %q, want NFC", got)
	}
	for e, want := range map[string]bool{
		"maria@bellavista.com": true, "maria@localhost": false, "Maria <m@x.com>": false, "no-at": false, "a@b.c": true,
		"jos\u00e9@example.com": true, "a\u2028b@example.com": false, "a@exa\u2029mple.com": false, "a\u202eb@example.com": false,
		"a\u0085b@example.com": false,
	} {
		if got := ValidEmail(e); got != want {
			t.Errorf("ValidEmail(%q) = %v", e, got)
		}
	}
}
