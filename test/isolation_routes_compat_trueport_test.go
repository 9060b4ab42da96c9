package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
)

// compatTrueportEntries are the trueport routes whose expectations differ
// from the native route each stands for (the others meet the native
// route's: isolation_matrix_test.go plan). Their mail requests come from
// another client address, so that the native and the seed's cases do not
// share one address's limit.
func compatTrueportEntries() map[string]entry {
	fromElsewhere := func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
		cl := mailRequest(t, m, c, tg, w)
		cl.header = map[string]string{"X-Forwarded-For": "198.51.100.7"}
		return cl
	}
	return map[string]entry{
		"POST /platform/api/global/auth/otp/request": {targets: []target{own, foreign}, want: always(ok(http.StatusOK)),
			call: fromElsewhere},
		"POST /platform/api/global/auth/forgot-password": {targets: []target{own, foreign}, want: always(ok(http.StatusOK)),
			call: fromElsewhere},
		"POST /platform/api/global/auth/select-tenant": {targets: tenantTargets, want: self,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"tenant_id": pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)}}
			},
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				o := r.obj()
				o.eq("tenant_id", m.a.tenantID)
				o.eq("role", membership.TrueportName(c.role))
			}},
		"GET /platform/api/service/info": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				o.eq("id", m.a.tenantID)
				o.sub("subscription").eq("status", "ACTIVE")
			}},
		// After the native change (same phase, the table's order), which
		// ended the caller's sessions: a new one, with the native case's
		// new password.
		"PUT /platform/api/global/auth/password": {want: self, phase: 2,
			call: func(t *testing.T, m *matrix, c *caller, _ target, w want) call {
				cl := call{body: map[string]any{"current_password": "An0ther-Passw0rd!", "new_password": "Th1rd-Passw0rd!!"}}
				if w.code == "" {
					cl.token = m.h.scoped(t, c.email, "An0ther-Passw0rd!", m.a.tenantID)
				}
				return cl
			}},
	}
}
