package test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// onPlan moves tenantID to the catalog plan code at once, as a platform
// admin changing the tenant's subscription would. This branch has no
// endpoint for that yet (plan changes are the billing part of issue 8), so
// the new current subscription is written straight through the store, in
// one transaction: a fixture for scenarios that need more than the free
// plan allows (its 1 outlet).
func (h *harness) onPlan(t testing.TB, tenantID, code string) {
	t.Helper()
	ctx := context.Background()
	now := h.clock.now().UTC()
	err := h.srv.App.DB().InTenant(ctx, tenantID, func(tx *store.Tx) error {
		cur, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil {
			return err
		}
		subID := id.New(id.Subscription)
		for subID <= cur.ID { // the newest id is the current subscription
			subID = id.New(id.Subscription)
		}
		return tx.CreateSubscription(ctx, &plan.Subscription{TenantID: tenantID, ID: subID, Plan: code, Status: plan.Active,
			CurrentPeriodStart: now, CurrentPeriodEnd: now.AddDate(0, 1, 0), CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatalf("put %s on plan %s: %v", tenantID, code, err)
	}
}

// addPlan adds a plan with code, price (minor units) and limits to the
// catalog. No catalog plan limits members or API keys, so the scenarios of
// those meters make their own. Written through SQL: managing plans is the
// billing part of issue 8 (POST /api/v1/admin/plans) and not on this branch.
func (h *harness) addPlan(t testing.TB, code string, price int64, limits plan.Limits) {
	t.Helper()
	b, err := json.Marshal(limits)
	if err != nil {
		t.Fatal(err)
	}
	const at = "2026-01-01T00:00:00.000000Z"
	err = h.srv.App.DB().InSystem(context.Background(), func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(tx.Rebind(`INSERT INTO plans (id, code, name, price, limits, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 100, ?, ?)`), "plan_"+code, code, "Plan "+code, price, string(b), at, at)
		return err
	})
	if err != nil {
		t.Fatalf("add plan %s: %v", code, err)
	}
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
