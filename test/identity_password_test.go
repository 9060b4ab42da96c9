package test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/tenantry/tenantry/internal/mailtest"
)

const (
	resetSent = "If that email exists, a reset link has been sent"
	newPass   = "Brand-New-Passw0rd-42"
)

// TestForgotAndResetPassword: the same answer for any email, a link that
// works once, a reset that ends every session and lifts the login
// throttle, and bad or weak input refused with clear codes.
func TestForgotAndResetPassword(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		acc := h.register(t, "Reset Spa")
		old := h.login(t, acc.email, acc.password)
		known := h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": acc.email}).expect(http.StatusOK)
		unknown := h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": "ghost@reset-spa.example.com"}).expect(http.StatusOK)
		if string(known.body) != string(unknown.body) || known.obj().str("message") != resetSent {
			t.Fatalf("answers differ: %s / %s", known.body, unknown.body)
		}
		token := resetTokenOf(t, nthMail(t, srv, acc.email, resetSubject, 1))

		// Lock the account with failed logins: the reset lifts it.
		for i := 0; i < 5; i++ {
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": "Wrong-Passw0rd"})
		}
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password}).
			problem(http.StatusTooManyRequests, "login_throttled")

		weak := h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": token, "new_password": "Password1"})
		weak.problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("new_password").eq("code", "common_password")
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": "prt_forged", "new_password": newPass}).
			problem(http.StatusUnauthorized, "invalid_reset_token")
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": token, "new_password": newPass}).
			expect(http.StatusOK).obj().eq("message", "Password updated successfully")
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": token, "new_password": "Another-Passw0rd-43"}).
			problem(http.StatusUnauthorized, "invalid_reset_token") // single use

		// Every earlier session ended; the new password works at once.
		h.get(t, "/api/v1/tenants/"+acc.tenantID, old.str("access_token")).problem(http.StatusUnauthorized, "invalid_token")
		h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": old.str("refresh_token")}).expect(http.StatusUnauthorized)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password}).
			problem(http.StatusUnauthorized, "invalid_credentials")
		h.login(t, acc.email, newPass)

		// A newer link retires the older one.
		h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": acc.email}).expect(http.StatusOK)
		first := resetTokenOf(t, nthMail(t, srv, acc.email, resetSubject, 2))
		h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": acc.email}).expect(http.StatusOK)
		second := resetTokenOf(t, nthMail(t, srv, acc.email, resetSubject, 3))
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": first, "new_password": "Another-Passw0rd-43"}).
			problem(http.StatusUnauthorized, "invalid_reset_token")
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": second, "new_password": "Another-Passw0rd-43"}).
			expect(http.StatusOK)

		if got := srv.To("ghost@reset-spa.example.com"); len(got) != 0 {
			t.Errorf("mail sent to an unknown email: %v", got)
		}
		p := h.post(t, "/api/v1/auth/reset-password", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		if fe := p.fieldErrors(); fe["token"] != "required" || fe["new_password"] != "weak_password" {
			t.Errorf("field errors %v", fe)
		}
		actions, raw := h.auditActions(t, "public")
		if actions["auth.password_forgot:success"] != 4 || actions["auth.password_reset:success"] != 2 || actions["auth.password_reset:failure"] != 3 {
			t.Errorf("audit: %v", actions)
		}
		noLeak(t, raw, token, first, second, newPass)
	})
}

// changePassword sends a password change and returns the response.
func (h *harness) changePassword(t testing.TB, token, current, next, stamp string) *response {
	t.Helper()
	return h.put(t, "/api/v1/me/password", token, map[string]any{"current_password": current, "new_password": next, "concurrency_stamp": stamp})
}

// stamp gets a fresh concurrency stamp.
func (h *harness) stamp(t testing.TB, token string) string {
	t.Helper()
	o := h.post(t, "/api/v1/me/password/stamp", token, nil).expect(http.StatusOK).obj()
	o.str("expires_at")
	return o.str("concurrency_stamp")
}

// TestChangePasswordWithStamp: the storegister flow — a stamp first, then
// the change, which applies once: a replay answers stamp_used; stale or
// foreign stamps stamp_invalid; a wrong current password 403 without using
// the stamp. Other sessions end; the caller continues with new tokens.
func TestChangePasswordWithStamp(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Stamp Spa")
		other := h.login(t, acc.email, acc.password) // another device
		token := h.scoped(t, acc.email, acc.password, acc.tenantID)
		stamp := h.stamp(t, token)

		h.changePassword(t, token, "Wrong-Passw0rd", newPass, stamp).problem(http.StatusForbidden, "invalid_current_password")
		h.changePassword(t, token, acc.password, "password", stamp).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.changePassword(t, token, acc.password, newPass, "pcs_unknown").problem(http.StatusConflict, "stamp_invalid")
		h.put(t, "/api/v1/me/password", token, map[string]any{"current_password": acc.password, "new_password": newPass}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("concurrency_stamp").eq("code", "required")

		ok := h.changePassword(t, token, acc.password, newPass, stamp).expect(http.StatusOK).obj()
		ok.eq("message", "Password updated successfully")
		if !startsWith(ok.str("user_id"), "usr_") || ok.str("access_token") == "" || ok.str("refresh_token") == "" {
			t.Fatalf("change answer %s", ok)
		}
		// A replay is refused as such, though the current password changed
		// since; with the old token it meets the ended session first.
		next := ok.str("access_token")
		h.changePassword(t, next, acc.password, newPass, stamp).problem(http.StatusConflict, "stamp_used")
		h.changePassword(t, token, acc.password, newPass, stamp).problem(http.StatusUnauthorized, "invalid_token")

		// The caller goes on with the new tokens (same tenant); everything older ended.
		if claims(t, next).str("tenant_id") != acc.tenantID {
			t.Errorf("the new token lost its tenant: %s", claims(t, next))
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, next).expect(http.StatusOK)
		h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": ok.str("refresh_token")}).expect(http.StatusOK)
		h.get(t, "/api/v1/me", token).problem(http.StatusUnauthorized, "invalid_token")
		h.get(t, "/api/v1/me", other.str("access_token")).problem(http.StatusUnauthorized, "invalid_token")
		h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": other.str("refresh_token")}).expect(http.StatusUnauthorized)
		h.login(t, acc.email, newPass)

		// Another user's stamp is no stamp at all.
		b := h.register(t, "Other Stamp Spa")
		bToken := h.token(t, b.email, b.password)
		h.changePassword(t, next, newPass, "Third-Passw0rd-44", h.stamp(t, bToken)).problem(http.StatusConflict, "stamp_invalid")

		actions, raw := h.auditActions(t, acc.tenantID)
		if actions["auth.password_change:success"] != 1 || actions["auth.password_change:failure"] != 1 {
			t.Errorf("audit: %v", actions)
		}
		noLeak(t, raw, stamp, newPass, acc.password)
	})
}

// TestChangePasswordDuplicateRequests: of simultaneous duplicates of one
// change, exactly one applies; the others answer stamp_used, or, when they
// reach the server after the change ended the session, invalid_token.
func TestChangePasswordDuplicateRequests(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		email := h.newAccount(t, "dup@stamp.example.com")
		token := h.token(t, email, goodPassword)
		stamp := h.stamp(t, token)
		statuses := make([]int, 4)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Go(func() { statuses[i] = h.changePassword(t, token, goodPassword, newPass, stamp).status })
		}
		wg.Wait()
		ok, refused := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusConflict, http.StatusUnauthorized:
				refused++
			}
		}
		if ok != 1 || refused != len(statuses)-1 {
			t.Fatalf("statuses %v: want one 200 and the rest 409 (or 401)", statuses)
		}
		h.login(t, email, newPass)
	})
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }
