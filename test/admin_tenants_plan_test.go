package test

import (
	"net/http"
	"testing"
)

// TestAdminTenantPlanFilter: ?plan= narrows the platform admins' tenant
// list to the tenants whose current subscription is to that plan (its
// code), alone and with a search; its total counts the matches; an
// unknown plan matches nothing.
func TestAdminTenantPlanFilter(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		a := h.register(t, "Plan Filter Alpha Spa")
		b := h.register(t, "Plan Filter Beta Spa")
		h.post(t, "/api/v1/subscriptions/upgrade?tenant_id="+b.tenantID, admin, map[string]any{"plan_id": "plan_pro"}).expect(http.StatusOK)

		pro := h.get(t, "/api/v1/admin/tenants?plan=pro&limit=500", admin).expect(http.StatusOK).obj()
		seen := map[string]bool{}
		for _, x := range pro.objs("items") {
			seen[x.str("id")] = true
			if x.str("subscription_plan") == "" {
				t.Fatalf("no plan: %s", x)
			}
		}
		if !seen[b.tenantID] || seen[a.tenantID] || int(pro.num("total")) != len(pro.objs("items")) {
			t.Fatalf("plan=pro: %s", pro)
		}
		both := h.get(t, "/api/v1/admin/tenants?plan=free&q=plan-filter", admin).expect(http.StatusOK).obj()
		if both.num("total") != 1 || both.objs("items")[0].str("id") != a.tenantID {
			t.Fatalf("plan=free&q=plan-filter: %s", both)
		}
		none := h.get(t, "/api/v1/admin/tenants?plan=nope", admin).expect(http.StatusOK).obj()
		if none.num("total") != 0 || len(none.objs("items")) != 0 {
			t.Fatalf("plan=nope: %s", none)
		}
		h.get(t, "/api/v1/admin/tenants?plan=a%0Ab", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
