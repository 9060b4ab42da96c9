package apikey

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

func TestSecretFormat(t *testing.T) {
	t.Parallel()
	shape := regexp.MustCompile(`^tnt_(live|test)_[0-9A-Za-z]{49}$`)
	for env, marker := range map[string]string{"prod": "tnt_live_", "staging": "tnt_test_", "dev": "tnt_test_"} {
		s, err := NewSecret(env)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(s, marker) || !shape.MatchString(s) || len(s) != 58 {
			t.Errorf("%s secret %q: want %s + 49 base62 characters", env, s, marker)
		}
		if !WellFormed(s) {
			t.Errorf("%s secret %q is not well formed", env, s)
		}
		if p := VisiblePrefix(s); len(p) != PrefixLen || !strings.HasPrefix(s, p) || !strings.HasPrefix(p, marker) {
			t.Errorf("visible prefix %q of %q", p, s)
		}
	}
}

func TestSecretsDiffer(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	prefixes := map[string]bool{}
	for range 200 {
		s, err := NewSecret("prod")
		if err != nil {
			t.Fatal(err)
		}
		if seen[s] {
			t.Fatalf("secret %q made twice", s)
		}
		seen[s] = true
		prefixes[VisiblePrefix(s)] = true
	}
	if len(prefixes) < 195 {
		t.Errorf("only %d distinct visible prefixes among 200 secrets", len(prefixes))
	}
}

func TestWellFormedRefusesNearMisses(t *testing.T) {
	t.Parallel()
	s, err := NewSecret("staging")
	if err != nil {
		t.Fatal(err)
	}
	flip := func(i int) string {
		b := []byte(s)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	bad := map[string]string{
		"empty":          "",
		"truncated":      s[:len(s)-1],
		"extended":       s + "a",
		"body changed":   flip(20),
		"check changed":  flip(len(s) - 1),
		"other marker":   "tnt_prod_" + s[9:],
		"marker swapped": "tnt_live_" + s[9:],
		"symbol":         s[:30] + "-" + s[31:],
		"bearer token":   "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c3IifQ.c2ln",
	}
	for name, v := range bad {
		if WellFormed(v) {
			t.Errorf("%s: %q accepted", name, v)
		}
	}
}

func TestHash(t *testing.T) {
	t.Parallel()
	// SHA-256 of "abc" (FIPS 180-2 test vector).
	if got := Hash("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Hash(abc) = %s", got)
	}
	a, _ := NewSecret("prod")
	b, _ := NewSecret("prod")
	if ha, hb := Hash(a), Hash(b); ha == hb || len(ha) != 64 || ha != Hash(string([]byte(a))) {
		t.Error("hashes of different secrets agree, are not 64 hex digits, or of one secret differ")
	}
}

func TestEnvironmentsAndScopes(t *testing.T) {
	t.Parallel()
	for env, ok := range map[string]bool{"prod": true, "staging": true, "dev": true, "test": false, "": false, "PROD": false} {
		if ValidEnvironment(env) != ok {
			t.Errorf("ValidEnvironment(%q) = %v", env, !ok)
		}
	}
	for _, s := range []string{"tenant:read", "outlets:read", "outlets:write"} {
		if !KnownScope(s) {
			t.Errorf("scope %s unknown", s)
		}
	}
	for _, s := range []string{"", "tenant:write", "admin", "*"} {
		if KnownScope(s) {
			t.Errorf("scope %q known", s)
		}
	}
	k := Key{Scopes: DefaultScopes()}
	if !k.Allows(ScopeTenantRead) || k.Allows(ScopeOutletsWrite) || k.Allows("") {
		t.Errorf("default key allows: %v", k.Scopes)
	}
}

// TestPermissionScopesAreKnown keeps the permission table and the scope
// vocabulary in step: a rule naming a scope no key can hold would be dead.
func TestPermissionScopesAreKnown(t *testing.T) {
	t.Parallel()
	for _, a := range membership.Actions() {
		r, _ := membership.RuleOf(a)
		if r.Scope != "" && !KnownScope(r.Scope) {
			t.Errorf("action %s needs scope %q, which is not in the vocabulary %v", a, r.Scope, Scopes())
		}
	}
}
