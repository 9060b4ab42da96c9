package test

import (
	"bytes"
	"testing"

	"github.com/tenantry/tenantry/internal/audit"

	"github.com/tenantry/tenantry/internal/id"
)

// auditEntries cover the audit chain's verification and the export: they
// name their tenant in the query as the listing does; without it, the token's.
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
		"GET /api/v1/audit-logs/export": {targets: tenantTargets, want: onTenant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				if tg == own {
					return call{}
				}
				return call{query: "tenant_id=" + pick(tg, "", m.b.tenantID, id.Tenant)}
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				rep, err := audit.VerifyFile(bytes.NewReader(r.body))
				if err != nil || !rep.OK || rep.TenantID != m.a.tenantID || rep.Unsealed+rep.Events == 0 {
					t.Errorf("export: want tenant A's events, verified: %+v, %v: %.300s", rep, err, r.body)
				}
				if bytes.Contains(r.body, []byte(m.b.tenantID)) {
					t.Errorf("export of A names tenant B: %.300s", r.body)
				}
			}},
	}
}
