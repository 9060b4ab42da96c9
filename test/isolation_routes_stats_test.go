package test

import "testing"

// statsEntries cover the platform's figures: platform admins only.
func statsEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/admin/stats": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); o.num("total_tenants") < 2 || len(o.objs("signups_per_day")) != 30 {
					t.Errorf("stats: want at least the 2 tenants of the matrix and 30 days of sign-ups: %s", r.body)
				}
			}},
	}
}
