package test

import (
	"net/http"
	"testing"
	"time"
)

// TestAdminStatsCountRealRequests: GET /api/v1/admin/stats counts the
// tenants, users and requests really made: ten more tenant requests and
// two more refusals raise the 24-hour figures by that much, a tenant
// registered in between adds one tenant, one user, one sign-up today and
// one tenant on the free plan; others get 403.
func TestAdminStatsCountRealRequests(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, token := h.keyOwner(t, "Stats Spa")
		h.get(t, "/api/v1/admin/stats", token).problem(http.StatusForbidden, "forbidden")
		before := h.get(t, "/api/v1/admin/stats", h.admin(t)).expect(http.StatusOK).obj()
		for range 10 {
			h.get(t, "/api/v1/tenants/"+acc.tenantID, token).expect(http.StatusOK)
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, "bad-token").expect(http.StatusUnauthorized)
		h.get(t, "/api/v1/admin/stats", token).expect(http.StatusForbidden)
		h.register(t, "Later Spa") // one more tenant, owner and sign-up today
		after := h.get(t, "/api/v1/admin/stats", h.admin(t)).expect(http.StatusOK).obj()
		if d := after.num("total_api_requests_24h") - before.num("total_api_requests_24h"); d != 10 {
			t.Errorf("total_api_requests_24h rose by %v, want 10", d)
		}
		if d := after.num("total_violations_24h") - before.num("total_violations_24h"); d != 2 {
			t.Errorf("total_violations_24h rose by %v, want 2 (a 401 and a 403)", d)
		}
		for _, k := range []string{"total_tenants", "active_tenants", "total_users"} {
			if d := after.num(k) - before.num(k); d != 1 {
				t.Errorf("%s rose by %v, want 1", k, d)
			}
		}
		if d := after.sub("tenants_by_plan").num("free") - before.sub("tenants_by_plan").num("free"); d != 1 {
			t.Errorf("tenants_by_plan free rose by %v, want 1: %s", d, after.sub("tenants_by_plan"))
		}
		days, was := after.objs("signups_per_day"), before.objs("signups_per_day")
		today := h.clock.peek().UTC().Format(time.DateOnly)
		if len(days) != 30 || days[29].str("date") != today || days[29].num("count") != was[29].num("count")+1 {
			t.Errorf("signups_per_day: %d days, last %s; want 30 ending %s with one more", len(days), days[len(days)-1], today)
		}
	})
}
