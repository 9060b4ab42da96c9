package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
)

// erasureEntries cover the deliberate erasures: platform admins only, so
// A's members get 403 forbidden and the key 403 insufficient_scope before
// any lookup, whether the call names A's tenant or user, B's or a missing
// one (and nothing is erased).
func erasureEntries() map[string]entry {
	return map[string]entry{
		"POST /api/v1/admin/tenants/{tenant_id}/erase": {targets: tenantTargets, want: platformOnlyWant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				tenantID := pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)
				return call{vals: map[string]string{"tenant_id": tenantID},
					body: map[string]any{"confirm_slug": "any-slug", "force": true, "reason": "Matrix"}}
			}},
		"GET /api/v1/admin/tenants/{tenant_id}/erase": {targets: tenantTargets, want: platformOnlyWant, call: atTenant(nil)},
		"POST /api/v1/admin/users/{user_id}/erase": {targets: tenantTargets, want: platformOnlyWant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{vals: map[string]string{"user_id": pick(tg, m.a.users[membership.Staff], m.b.users[membership.Staff], id.User)}}
			}},
	}
}
