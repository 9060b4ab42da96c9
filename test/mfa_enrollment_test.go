package test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
)

// TestTenantRequiresTOTP: a tenant requiring TOTP gives a user without it an
// enrolment path (not a lock-out) whose token allows only the enrolment
// calls; enrolled users answer a normal challenge; sessions without a
// second factor cannot select the tenant.
func TestTenantRequiresTOTP(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Required Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		h.authConfig(t, owner, acc.tenantID, map[string]any{"required_secondary_factors": []string{"totp"}})

		// A password-only session cannot be narrowed to this tenant.
		global := h.login(t, acc.email, acc.password)
		h.post(t, "/api/v1/auth/select-tenant", global.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).
			problem(http.StatusForbidden, "mfa_required")

		enrol := challenged(t, h.loginBody(t, acc.email, acc.password, acc.tenantID), true)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": enrol, "code": "123456"}).
			problem(http.StatusForbidden, "mfa_enrollment_required")
		h.post(t, "/api/v1/auth/mfa/enroll/verify", "", map[string]any{"mfa_token": enrol, "code": "123456"}).
			problem(http.StatusConflict, "totp_not_enrolled")
		h.post(t, "/api/v1/auth/mfa/enroll", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, "/api/v1/auth/mfa/enroll", "", map[string]any{"mfa_token": "mfa_nope"}).problem(http.StatusUnauthorized, "invalid_mfa_token")

		e := h.post(t, "/api/v1/auth/mfa/enroll", "", map[string]any{"mfa_token": enrol}).expect(http.StatusOK).obj()
		if u, err := url.Parse(e.str("otpauth_uri")); err != nil || u.Path != "/Tenantry:"+acc.email || len(e.strs("recovery_codes")) != 10 {
			t.Fatalf("enrolment: %s", e)
		}
		app := newAuthenticator(t, h.clock, e.str("secret"))
		h.post(t, "/api/v1/auth/mfa/enroll/verify", "", map[string]any{"mfa_token": enrol, "code": e.strs("recovery_codes")[0]}).
			problem(http.StatusUnauthorized, "invalid_mfa_code") // a recovery code does not confirm an enrolment
		s := h.post(t, "/api/v1/auth/mfa/enroll/verify", "", map[string]any{"mfa_token": enrol, "code": app.next()}).expect(http.StatusOK).obj()
		s.eq("tenant_id", acc.tenantID)
		if got := amr(t, s.str("access_token")); !slices.Equal(got, []string{"pwd", "mfa"}) || s.str("refresh_token") == "" {
			t.Fatalf("login completed by enrolment: amr %v, %s", got, s)
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, s.str("access_token")).expect(http.StatusOK)
		h.post(t, "/api/v1/auth/mfa/enroll", "", map[string]any{"mfa_token": enrol}).problem(http.StatusUnauthorized, "invalid_mfa_token")
		if st := h.get(t, "/api/v1/me/mfa/totp", s.str("access_token")).expect(http.StatusOK).obj(); !st.boolean("enabled") {
			t.Fatalf("status after enrolment at login: %s", st)
		}

		// Enrolled now: every login (global too) gets a normal challenge, and
		// a global session with "mfa" may select the tenant.
		mfa := challenged(t, h.login(t, acc.email, acc.password), false)
		g := h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": app.next()}).expect(http.StatusOK).obj()
		sel := h.post(t, "/api/v1/auth/select-tenant", g.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).expect(http.StatusOK).obj()
		if got := amr(t, sel.str("access_token")); !slices.Equal(got, []string{"pwd", "mfa"}) {
			t.Fatalf("amr of the selected token: %v", got)
		}

		actions, body := h.auditActions(t, acc.tenantID)
		noLeak(t, body, e.str("secret"), enrol)
		for _, a := range []string{"mfa.enroll:success", "mfa.confirm:success", "auth.mfa_challenge:success", "auth.mfa_verify:success",
			"auth.mfa_verify:failure", "auth.select_tenant:success", "auth_config.update:success"} {
			if actions[a] == 0 {
				t.Errorf("no %s event in the tenant's log: %v", a, actions)
			}
		}
	})
}
