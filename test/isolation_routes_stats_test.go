package test

import "testing"

// statsEntries cover the platform's figures (platform admins only) and a
// tenant's statistics and overview: owner and tenant_admin of the tenant in
// the path (a key with stats:read for the statistics), another tenant
// answering like a missing one, tenant_not_found.
func statsEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/admin/stats": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); o.num("total_tenants") < 2 || len(o.objs("signups_per_day")) != 30 {
					t.Errorf("stats: want at least the 2 tenants of the matrix and 30 days of sign-ups: %s", r.body)
				}
			}},
		"GET /api/v1/tenants/{tenant_id}/stats": {targets: tenantTargets, want: onTenant, call: atTenant(nil),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				o.sub("tenant_info").eq("id", m.a.tenantID)
				if o.sub("users").num("total") < 1 || len(o.sub("appointments").sub("this_month_by_status").m) != 5 {
					t.Errorf("stats of A: %s", r.body)
				}
			}},
		"GET /api/v1/tenants/{tenant_id}/overview": {targets: tenantTargets, want: onTenant, call: atTenant(nil),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				o.sub("profile").eq("id", m.a.tenantID)
				o.sub("insights").sub("tenant_info").eq("id", m.a.tenantID)
				if len(o.objs("contracts")) != 1 || !o.has("unpaid_invoices") {
					t.Errorf("overview of A: %s", r.body)
				}
			}},
	}
}
