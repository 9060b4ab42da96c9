package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestPasswordPolicyIsObeyed: auth.password_policy decides what a new
// password must be — seed (8+ with upper, lower and a digit) by default,
// nist (12+, no composition rules) once a platform admin sets it — and the
// common-password check holds under both.
func TestPasswordPolicyIsObeyed(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		register := func(email, pw string) *response {
			return h.post(t, "/api/v1/auth/register", "", map[string]any{"email": email, "password": pw,
				"first_name": "P", "last_name": "Q"})
		}
		const passphrase = "correct horse battery staple"
		// seed: a long passphrase without upper case or digits is refused
		p := register("seed@policy.example.com", passphrase).problem(http.StatusUnprocessableEntity, "validation_failed")
		if e := p.fieldError("password"); e.str("code") != "weak_password" || !strings.Contains(e.str("message"), "uppercase") {
			t.Fatalf("seed policy on a passphrase: %s", e)
		}
		register("seed@policy.example.com", "Abcdefg1x").expect(http.StatusCreated)

		h.adminConfig(t, "auth.password_policy", map[string]any{"value": "nist", "scope": "GLOBAL"})
		p = register("nist@policy.example.com", "Abcdefg1x").problem(http.StatusUnprocessableEntity, "validation_failed")
		if e := p.fieldError("password"); e.str("code") != "weak_password" || !strings.Contains(e.str("message"), "12") {
			t.Fatalf("nist policy on 9 characters: %s", e)
		}
		register("nist@policy.example.com", passphrase).expect(http.StatusCreated)
		p = register("common@policy.example.com", "password1234").problem(http.StatusUnprocessableEntity, "validation_failed")
		if e := p.fieldError("password"); e.str("code") != "common_password" {
			t.Fatalf("nist policy on a common password: %s", e)
		}
		h.login(t, "nist@policy.example.com", passphrase)
	})
}
