package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// auditEntries cover the audit chain's verification: it names its tenant
// in the query as the listing does; without it, the token's.
func auditEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/audit-logs/verify": {targets: tenantTargets, want: onTenant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				if tg == own {
					return call{}
				}
				return call{query: "tenant_id=" + pick(tg, "", m.b.tenantID, id.Tenant)}
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); o.str("tenant_id") != m.a.tenantID || !o.boolean("ok") {
					t.Errorf("verify: want tenant A's chain verified: %.300s", r.body)
				}
			}},
	}
}
