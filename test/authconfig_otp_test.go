package test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// otpCode requests a sign-in code for email (naming tenantID unless "")
// and reads it from the newest sign-in message in the outbox that is not
// among used (to which it adds it). The message is queued with the answer,
// in the request's transaction, so it is there when the answer is.
func (h *harness) otpCode(t *testing.T, db *store.DB, used map[string]bool, email, tenantID string) string {
	t.Helper()
	body := map[string]any{"email": email}
	if tenantID != "" {
		body["tenant_id"] = tenantID
	}
	h.post(t, "/api/v1/auth/otp/request", "", body).expect(http.StatusOK)
	const prefix = "Your sign-in code: "
	for _, m := range mailTo(t, db, email) { // newest first
		if code, ok := strings.CutPrefix(m.Subject, prefix); ok && !used[code] {
			used[code] = true
			return code
		}
	}
	t.Fatalf("no new sign-in code for %s", email)
	return ""
}

// TestOTPLoginHonoursConfig: email OTP logins (first factor "otp-email")
// follow the same policy as password logins: refused where passwordless is
// off, amr "otp", and a TOTP challenge for users who have it.
func TestOTPLoginHonoursConfig(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		db, used := outbox(t, h.cfg), map[string]bool{}
		acc := h.register(t, "Passwordless Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		verify := func(code, tenantID string) *response {
			body := map[string]any{"email": acc.email, "code": code}
			if tenantID != "" {
				body["tenant_id"] = tenantID
			}
			return h.post(t, "/api/v1/auth/otp/verify", "", body)
		}

		h.authConfig(t, owner, acc.tenantID, map[string]any{"passwordless_enabled": false})
		// Neither a code for that tenant nor a sign-in to it with a code: and a
		// code refused there is not used up.
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": acc.email, "tenant_id": acc.tenantID}).
			problem(http.StatusForbidden, "login_method_disabled")
		code := h.otpCode(t, db, used, acc.email, "")
		verify(code, acc.tenantID).problem(http.StatusForbidden, "login_method_disabled")

		g := verify(code, "").expect(http.StatusOK).obj()
		if got := amr(t, g.str("access_token")); !slices.Equal(got, []string{"otp"}) {
			t.Fatalf("amr of an OTP login: %v", got)
		}
		// An OTP session may not enter a tenant where OTP is off.
		h.post(t, "/api/v1/auth/select-tenant", g.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).
			problem(http.StatusForbidden, "login_method_disabled")

		app, _ := h.enrolTOTP(t, g.str("access_token"))
		mfa := challenged(t, verify(h.otpCode(t, db, used, acc.email, ""), "").expect(http.StatusOK).obj(), false)
		s := h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": app.next()}).expect(http.StatusOK).obj()
		if got := amr(t, s.str("access_token")); !slices.Equal(got, []string{"otp", "mfa"}) {
			t.Fatalf("amr of an OTP login with TOTP: %v", got)
		}
	})
}
