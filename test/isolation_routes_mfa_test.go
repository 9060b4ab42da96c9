package test

import (
	"net/http"
	"testing"
)

// enableTOTP enrols and confirms TOTP for the member c and returns one of
// the recovery codes, which turns it off again.
func (m *matrix) enableTOTP(t *testing.T, c *caller) string {
	t.Helper()
	_, codes := m.h.enrolTOTP(t, c.token)
	return codes[0]
}

// mfaEntries cover per-tenant authentication configuration, the user's own
// TOTP factor and the second step of a login.
func mfaEntries() map[string]entry {
	badChallenge := "mfa_" + "0123456789abcdefghjkmnpqrstvwxyz0123456789ab"
	return map[string]entry{
		"GET /api/v1/tenants/{tenant_id}/auth-config": {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		"PUT /api/v1/tenants/{tenant_id}/auth-config": {targets: tenantTargets, want: onTenant,
			call: atTenant(map[string]any{"core_config": map[string]any{"access_token_validity": 1800}})},

		"GET /api/v1/me/mfa/totp": {want: self, call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if r.obj().boolean("enabled") {
					t.Errorf("GET /api/v1/me/mfa/totp: enabled before any enrolment: %s", r.body)
				}
			}},
		// An enrolment is pending until confirmed: it changes no login.
		"POST /api/v1/me/mfa/totp": {want: self, call: fixed(call{})},
		// Each confirmation is undone right after, with a recovery code.
		"POST /api/v1/me/mfa/totp/verify": {want: self,
			call: func(t *testing.T, m *matrix, c *caller, _ target, w want) call {
				if w.code != "" {
					return call{body: map[string]any{"code": "123456"}}
				}
				e := m.h.post(t, "/api/v1/me/mfa/totp", c.token, nil).expect(http.StatusCreated).obj()
				m.recovery = e.strs("recovery_codes")[0]
				return call{body: map[string]any{"code": newAuthenticator(t, m.h.clock, e.str("secret")).next()}}
			},
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				r.obj().eq("status", "OK")
				m.h.do(t, http.MethodDelete, "/api/v1/me/mfa/totp", req{token: c.token, body: map[string]any{"code": m.recovery}}).
					expect(http.StatusNoContent)
			}},
		"DELETE /api/v1/me/mfa/totp": {want: self,
			call: func(t *testing.T, m *matrix, c *caller, _ target, w want) call {
				code := "123456"
				if w.code == "" {
					code = m.enableTOTP(t, c)
				}
				return call{body: map[string]any{"code": code}}
			}},
		// New recovery codes for an enabled factor; undone with one of them.
		"POST /api/v1/me/mfa/totp/recovery-codes": {want: self,
			call: func(t *testing.T, m *matrix, c *caller, _ target, w want) call {
				if w.code != "" {
					return call{body: map[string]any{"code": "123456"}}
				}
				app, _ := m.h.enrolTOTP(t, c.token)
				return call{body: map[string]any{"code": app.next()}}
			},
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				codes := r.obj().strs("recovery_codes")
				if len(codes) != 10 {
					t.Fatalf("POST /api/v1/me/mfa/totp/recovery-codes: %d codes: %s", len(codes), r.body)
				}
				m.h.do(t, http.MethodDelete, "/api/v1/me/mfa/totp", req{token: c.token, body: map[string]any{"code": codes[0]}}).
					expect(http.StatusNoContent)
			}},

		"POST /api/v1/auth/mfa/verify": {want: always(problem(http.StatusUnauthorized, "invalid_mfa_token")),
			call: fixed(call{body: map[string]any{"mfa_token": badChallenge, "code": "123456"}})},
		"POST /api/v1/auth/mfa/enroll": {want: always(problem(http.StatusUnauthorized, "invalid_mfa_token")),
			call: fixed(call{body: map[string]any{"mfa_token": badChallenge}})},
		"POST /api/v1/auth/mfa/enroll/verify": {want: always(problem(http.StatusUnauthorized, "invalid_mfa_token")),
			call: fixed(call{body: map[string]any{"mfa_token": badChallenge, "code": "123456"}})},
	}
}
