package test

import (
	"bytes"
	"encoding/json"
	"testing"
)

// exchangeEntries cover the export of a tenant's complete data: owner and
// tenant_admin of the tenant only, never an API key; another tenant
// answers like a missing one (tenant_not_found), before any role is
// considered. The export's header names the tenant of the path.
func exchangeEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/tenants/{tenant_id}/export": {targets: tenantTargets, want: onTenant, call: atTenant(nil),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				// The matrix asks for application/json: one document, its header first.
				var doc struct {
					Header struct {
						Format   string `json:"format"`
						TenantID string `json:"tenant_id"`
					} `json:"header"`
				}
				h := &doc.Header
				if err := json.Unmarshal(r.body, &doc); err != nil || h.Format != "tenantry-export" || h.TenantID != m.a.tenantID {
					t.Errorf("export header: %+v (%v)", *h, err)
				}
				if bytes.Contains(r.body, []byte(m.b.tenantID)) {
					t.Errorf("A's export names B's tenant")
				}
			}},
	}
}
