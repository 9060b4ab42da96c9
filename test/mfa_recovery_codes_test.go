package test

import (
	"net/http"
	"slices"
	"testing"
)

// TestRecoveryCodesRenewal: POST /api/v1/me/mfa/totp/recovery-codes with a
// current TOTP code replaces the ten recovery codes (shown once); the old
// ones stop working at login, the new ones work. A recovery code or a wrong
// code does not renew them (invalid_code); without
// enabled TOTP it answers 404 totp_not_enabled.
func TestRecoveryCodesRenewal(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Recovery Renewal Spa")
		tok := h.token(t, acc.email, acc.password)
		h.post(t, "/api/v1/me/mfa/totp/recovery-codes", tok, map[string]any{"code": "123456"}).problem(http.StatusNotFound, "totp_not_enabled")
		h.post(t, "/api/v1/me/mfa/totp", tok, nil).expect(http.StatusCreated)
		h.post(t, "/api/v1/me/mfa/totp/recovery-codes", tok, map[string]any{"code": "123456"}).problem(http.StatusNotFound, "totp_not_enabled")
		h.do(t, http.MethodDelete, "/api/v1/me/mfa/totp", req{token: tok, body: map[string]any{"code": "123456"}})

		app, old := h.enrolTOTP(t, tok)
		for _, code := range []string{old[0], "000000", ""} {
			p := h.post(t, "/api/v1/me/mfa/totp/recovery-codes", tok, map[string]any{"code": code}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if got := p.fieldError("code").str("code"); got != "invalid_code" && got != "required" {
				t.Errorf("renewal with %q: field code %q", code, got)
			}
		}
		r := h.post(t, "/api/v1/me/mfa/totp/recovery-codes", tok, map[string]any{"code": app.next()}).expect(http.StatusOK).obj()
		fresh := r.strs("recovery_codes")
		if len(slices.Compact(slices.Sorted(slices.Values(fresh)))) != 10 || r.num("recovery_codes_left") != 10 {
			t.Fatalf("renewed codes: %s", r)
		}
		for _, c := range fresh {
			if slices.Contains(old, c) {
				t.Errorf("the old code %q was kept", c)
			}
		}
		if st := h.get(t, "/api/v1/me/mfa/totp", tok).expect(http.StatusOK).obj(); !st.boolean("enabled") || st.num("recovery_codes_left") != 10 {
			t.Errorf("status after the renewal: %s", st)
		}

		// At login an old recovery code fails (old[0] was refused above, so it is unused), a new one works.
		mfa := challenged(t, h.login(t, acc.email, acc.password), false)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": old[1]}).problem(http.StatusUnauthorized, "invalid_mfa_code")
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": fresh[0]}).expect(http.StatusOK)
	})
}
