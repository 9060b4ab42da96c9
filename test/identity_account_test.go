package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestRegisterAccount: a global account (trueport seed) — 201 with the
// seed's fields and no password, 409 email_taken naming the field, 422 with
// every bad field, common passwords refused, and a login that works at once.
func TestRegisterAccount(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		body := map[string]any{"email": "Dev@Acme.example.com", "password": "SecurePassword123!", "first_name": "Jane", "last_name": "Doe"}
		from := h.clock.peek()
		r := h.post(t, "/api/v1/auth/register", "", body).expect(http.StatusCreated)
		o := r.obj()
		o.eq("email", "dev@acme.example.com")
		o.eq("first_name", "Jane")
		o.eq("last_name", "Doe")
		if !strings.HasPrefix(o.str("id"), "usr_") || len(o.m) != 5 || strings.Contains(string(r.body), "SecurePassword123!") {
			t.Fatalf("register answer %s: want exactly id, email, first_name, last_name, created_at", o)
		}
		h.clock.stamped(t, "created_at", o.str("created_at"), from)

		dup := h.post(t, "/api/v1/auth/register", "", body).problem(http.StatusConflict, "email_taken")
		if dup.fieldError("email").str("code") != "taken" {
			t.Errorf("duplicate email problem %s", dup)
		}

		bad := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "not-an-email", "password": "short",
			"first_name": " ", "last_name": strings.Repeat("x", 101)}).problem(http.StatusUnprocessableEntity, "validation_failed")
		want := map[string]string{"email": "invalid_email", "password": "weak_password", "first_name": "required", "last_name": "too_long"}
		if got := bad.fieldErrors(); len(got) != len(want) {
			t.Fatalf("field errors %v, want %v", got, want)
		} else {
			for f, c := range want {
				if got[f] != c {
					t.Errorf("field %s: %q, want %q", f, got[f], c)
				}
			}
		}
		for _, pw := range []string{"Password123", "Welcome1", "Qwerty123!", "P@ssw0rd2024"} {
			b := map[string]any{"email": "common@acme.example.com", "password": pw, "first_name": "C", "last_name": "P"}
			p := h.post(t, "/api/v1/auth/register", "", b).problem(http.StatusUnprocessableEntity, "validation_failed")
			if e := p.fieldError("password"); e.str("code") != "common_password" || !strings.Contains(e.str("message"), "128") {
				t.Errorf("password %q: %s", pw, e)
			}
		}
		long := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "long@acme.example.com",
			"password": strings.Repeat("Aa1", 43), "first_name": "L", "last_name": "P"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		if msg := long.fieldError("password").str("message"); !strings.Contains(msg, "at most 128 characters") {
			t.Errorf("too long password message %q does not state the maximum", msg)
		}
		h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "x@acme.example.com", "password": goodPassword,
			"first_name": "X", "last_name": "Y", "role": "owner"}).problem(http.StatusBadRequest, "unknown_field")

		// The account logs in at once, belongs to no tenant, and its registration is audited.
		login := h.login(t, "dev@acme.example.com", "SecurePassword123!")
		if len(login.objs("tenants")) != 0 {
			t.Errorf("a new account lists tenants: %s", login)
		}
		me := h.get(t, "/api/v1/me/tenants", login.str("access_token")).expect(http.StatusOK).list()
		if len(me) != 0 {
			t.Errorf("GET /me/tenants of a new account: %v", me)
		}
		actions, raw := h.auditActions(t, "public")
		if actions["auth.register:success"] != 1 {
			t.Errorf("audit: %v", actions)
		}
		noLeak(t, raw, "SecurePassword123!")
	})
}
