package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
)

// adminEntries cover platform administration: no tenant role and no API
// key may call it, so A's members get 403 forbidden and the key 403
// insufficient_scope, whatever tenant or user the call names (A's, B's or
// a missing one alike: the refusal comes before any lookup, so it says
// nothing about B).
func adminEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/admin/tenants": {want: platformOnlyWant, call: fixed(call{})},
		"GET /api/v1/admin/tenants/{tenant_id}/status-history": {targets: tenantTargets, want: platformOnlyWant,
			call: atTenant(nil)},
		"POST /api/v1/admin/impersonate": {targets: tenantTargets, want: platformOnlyWant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"tenant_id": pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant),
					"user_id": pick(tg, m.a.users[membership.Staff], m.b.users[membership.Staff], id.User), "reason": "Support ticket 1"}}
			}},
		"GET /api/v1/admin/users": {want: platformOnlyWant, call: fixed(call{query: "email=example.com"})},
		"PUT /api/v1/admin/users/{user_id}": {targets: tenantTargets, want: platformOnlyWant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{vals: map[string]string{"user_id": pick(tg, m.a.users[membership.Staff], m.b.users[membership.Staff], id.User)},
					body: map[string]any{"status": "locked"}}
			}},
	}
}

// platformOnlyWant expects a platform-admin route: the gate's answer, or
// 403 forbidden to every member.
func platformOnlyWant(m *matrix, rt api.Route, c *caller, _ target) want {
	if w, done := gate(m, rt, c); done {
		return w
	}
	return forbidden
}
