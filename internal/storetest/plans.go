package storetest

import (
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// planCases cover the plan catalog.
func planCases() map[string]Case {
	return map[string]Case{
		"PlanCatalogSeeded": testPlanCatalogSeeded,
		"TenantPlan":        testTenantPlan,
		"Usage":             testUsage,
	}
}

// testPlanCatalogSeeded: the migration seeds the reserva catalog in order,
// with its limits.
func testPlanCatalogSeeded(t *testing.T, db *store.DB) {
	var plans []plan.Plan
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { plans, err = tx.ListPlans(ctx, false); return }))
	var codes []string
	for _, p := range plans {
		codes = append(codes, p.Code)
	}
	if len(codes) != 4 || codes[0] != "free" || codes[1] != "basic" || codes[2] != "pro" || codes[3] != "enterprise" {
		t.Fatalf("catalog = %v", codes)
	}
	free := plans[0]
	if n, ok := free.Limits.Of(plan.Outlets); !ok || n != 1 || free.Limits[plan.StorageBytes] != 1<<30 || free.Price != 0 {
		t.Errorf("free = %+v", free)
	}
	if _, ok := plans[3].Limits.Of(plan.Outlets); ok || len(plans[3].Features) == 0 {
		t.Errorf("enterprise = %+v", plans[3])
	}
	var got *plan.Plan
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.GetPlan(ctx, "plan_basic"); return }))
	if got.Code != "basic" || got.Limits[plan.Outlets] != 3 || got.BillingCycle != plan.Monthly {
		t.Errorf("basic = %+v", got)
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetPlan(ctx, "plan_missing"); return err })
	if errs.CodeOf(err) != "plan_not_found" {
		t.Errorf("missing plan: %v", err)
	}
}

// testTenantPlan: a tenant's plan is its current subscription's.
func testTenantPlan(t *testing.T, db *store.DB) {
	x := newTenant("planned")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateTenant(ctx, x); err != nil {
			return err
		}
		s := plan.NewFree(x.ID, id.New(id.Subscription), now)
		return tx.CreateSubscription(ctx, &s)
	}))
	var got *plan.Plan
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.TenantPlan(ctx, x.ID); return }))
	if got.ID != "plan_free" {
		t.Errorf("TenantPlan = %s", got.ID)
	}
}

// testUsage: the meters count a tenant's own rows.
func testUsage(t *testing.T, db *store.DB) {
	x := newTenant("metered")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, x) }))
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, name := range []string{"One", "Two"} {
			if err := tx.CreateOutlet(ctx, newOutlet(x.ID, name, "Cebu")); err != nil {
				return err
			}
		}
		return nil
	}))
	var u plan.Usage
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { u, err = tx.Usage(ctx, x.ID, now); return }))
	if u[plan.Outlets] != 2 || u[plan.APIKeys] != 0 || len(u) != len(plan.Meters()) {
		t.Errorf("usage = %v", u)
	}
	free := &plan.Plan{Code: "free", Limits: plan.Limits{plan.Outlets: 1}}
	if over := u.Over(free); len(over) != 1 || over[0] != (plan.Exceeded{Meter: plan.Outlets, Used: 2, Limit: 1}) {
		t.Errorf("over = %v", over)
	}
	if u.Allows(free, plan.Outlets, 1) || !u.Allows(&plan.Plan{}, plan.Outlets, 1) {
		t.Error("Allows")
	}
}
