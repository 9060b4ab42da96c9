package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/plan"
)

// onPlan moves tenantID to the catalog plan code at once, as a platform
// admin does: trueport's "activate or change" (POST /api/v1/subscriptions
// naming the tenant), which applies the change now in either direction. A
// fixture for scenarios that need more than the free plan allows (its 1
// outlet).
func (h *harness) onPlan(t testing.TB, tenantID, code string) {
	t.Helper()
	planID := ""
	for _, p := range h.get(t, "/api/v1/catalog/plans", "").expect(http.StatusOK).list() {
		if p.str("code") == code {
			planID = p.str("id")
		}
	}
	if planID == "" {
		t.Fatalf("no plan %s in the catalog", code)
	}
	h.post(t, "/api/v1/subscriptions?tenant_id="+tenantID, h.admin(t), map[string]any{"plan_id": planID}).
		expect(http.StatusCreated)
}

// addPlan adds a plan with code, price (minor units) and limits to the
// catalog, as the platform admin (POST /api/v1/admin/plans). No catalog
// plan limits members or API keys, so the scenarios of those meters make
// their own.
func (h *harness) addPlan(t testing.TB, code string, price int64, limits plan.Limits) {
	t.Helper()
	h.post(t, "/api/v1/admin/plans", h.admin(t), map[string]any{"code": code, "name": "Plan " + code, "price": price,
		"currency": "USD", "billing_cycle": "MONTHLY", "limits": limits}).expect(http.StatusCreated)
}

// usageOf reads tenantID's usage as token sees it and returns each meter's
// object by name.
func (h *harness) usageOf(t testing.TB, token string) map[string]obj {
	t.Helper()
	out := map[string]obj{}
	for _, m := range h.get(t, "/api/v1/subscriptions/usage", token).expect(http.StatusOK).obj().objs("meters") {
		out[m.str("meter")] = m
	}
	return out
}

// limitRefusal checks r is the 403 refusal of a creation past meter's
// limit on plan current, naming used, limit and upgradeTo ("" for none).
func limitRefusal(t testing.TB, r *response, meter string, used, limit int64, current, upgradeTo string) {
	t.Helper()
	p := r.problem(http.StatusForbidden, "plan_limit_exceeded")
	p.eq("meter", meter)
	p.eq("plan", current)
	if p.num("used") != float64(used) || p.num("limit") != float64(limit) {
		t.Errorf("refusal of %s: want used %d, limit %d: %s", meter, used, limit, r.body)
	}
	if upgradeTo == "" && p.has("upgrade_to") || upgradeTo != "" && p.str("upgrade_to") != upgradeTo {
		t.Errorf("refusal of %s: want upgrade_to %q: %s", meter, upgradeTo, r.body)
	}
	ex := p.objs("exceeded")
	if len(ex) != 1 || ex[0].str("meter") != meter || ex[0].num("used") != float64(used) || ex[0].num("limit") != float64(limit) {
		t.Errorf("refusal of %s: exceeded %s", meter, r.body)
	}
}
