package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// billingCases cover subscriptions' billing fields, payments and writes to
// the plan catalog.
func billingCases() map[string]Case {
	return map[string]Case{
		"SubscriptionBilling": testSubscriptionBilling,
		"Payments":            testPayments,
		"PlanWrites":          testPlanWrites,
	}
}

// newPayment is a paid payment of s's current period on the basic plan.
func newPayment(s *plan.Subscription, ref string) *plan.Payment {
	return &plan.Payment{TenantID: s.TenantID, ID: id.New(id.Payment), SubscriptionID: s.ID, PlanID: "plan_basic",
		Amount: 2900, Currency: "USD", Status: plan.PaymentPaid, PeriodStart: s.CurrentPeriodStart,
		PeriodEnd: s.CurrentPeriodEnd, Provider: "stripe", ProviderRef: ref, CreatedAt: now, UpdatedAt: now}
}

// testSubscriptionBilling: every billing field of a subscription survives
// UpdateSubscription and CurrentSubscription; tenant listings show the
// same plan and status.
func testSubscriptionBilling(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "billed")
	var s *plan.Subscription
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.CurrentSubscription(ctx, x.ID); return }))
	if s.Provider != plan.ProviderNone || s.ScheduledPlan != "" || s.PastDueSince != nil || len(s.Trialed) != 0 {
		t.Fatalf("a new subscription: %+v", s)
	}
	trialEnd, at, since := now.AddDate(0, 0, 14), now.AddDate(0, 1, 0), now.Add(time.Hour)
	want := *s
	want.Plan, want.Status, want.TrialEndsAt = "pro", plan.PastDue, &trialEnd
	want.CurrentPeriodStart, want.CurrentPeriodEnd = now.Add(time.Minute), at
	want.ScheduledPlan, want.ScheduledAt, want.PastDueSince = "basic", &at, &since
	want.Provider, want.ProviderCustomerID, want.ProviderSubscriptionID = "stripe", "cus_123", "sub_123"
	want.Trialed, want.UpdatedAt = []string{"basic", "pro"}, now.Add(2*time.Hour)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateSubscription(ctx, &want) }))
	var got *plan.Subscription
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.CurrentSubscription(ctx, x.ID); return }))
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, want)
	}
	var l struct{ plan, status string }
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		v, err := tx.GetTenantListing(ctx, x.ID)
		l.plan, l.status = v.Subscription.Plan, string(v.Subscription.Status)
		return err
	}))
	if l.plan != "pro" || l.status != "past_due" {
		t.Errorf("listing shows %+v", l)
	}
	missing := want
	missing.ID = id.New(id.Subscription)
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateSubscription(ctx, &missing) })
	if errs.CodeOf(err) != "subscription_not_found" {
		t.Errorf("UpdateSubscription of a missing one: %v", err)
	}
}

// testPayments: payments round-trip, list newest first with their total,
// are found by their provider reference, change status, and PaidSince sees
// only payments paid at or after its time.
func testPayments(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "paying")
	var s *plan.Subscription
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.CurrentSubscription(ctx, x.ID); return }))
	var pays []*plan.Payment
	for i, ref := range []string{"in_1", "in_2", "in_3"} {
		p := newPayment(s, ref)
		p.CreatedAt, p.UpdatedAt = now.Add(time.Duration(i)*time.Minute), now.Add(time.Duration(i)*time.Minute)
		pays = append(pays, p)
	}
	pays[1].Status, pays[1].FailureReason = plan.PaymentFailed, "card_declined"
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, p := range pays {
			if err := tx.CreatePayment(ctx, p); err != nil {
				return err
			}
		}
		return nil
	}))
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		list, total, err := tx.ListPayments(ctx, x.ID, store.PaymentFilter{Skip: 0, Limit: 2})
		if err != nil {
			return err
		}
		if total != 3 || len(list) != 2 || list[0].ID != pays[2].ID || list[1].ID != pays[1].ID {
			t.Errorf("ListPayments: total %d, %+v", total, list)
		}
		if !reflect.DeepEqual(list[1], *pays[1]) {
			t.Errorf("round trip:\n got %+v\nwant %+v", list[1], *pays[1])
		}
		got, err := tx.PaymentByRef(ctx, x.ID, "stripe", "in_2")
		if err != nil || got.ID != pays[1].ID {
			t.Errorf("PaymentByRef: %v %v", got, err)
		}
		if _, err := tx.PaymentByRef(ctx, x.ID, "none", "in_2"); errs.CodeOf(err) != "payment_not_found" {
			t.Errorf("PaymentByRef of another provider: %v", err)
		}
		paid, err := tx.PaidSince(ctx, x.ID, s.ID, now.Add(90*time.Second))
		if err != nil || !paid {
			t.Errorf("PaidSince before the third: %v %v", paid, err)
		}
		paid, err = tx.PaidSince(ctx, x.ID, s.ID, now.Add(3*time.Minute))
		if err != nil || paid {
			t.Errorf("PaidSince after all: %v %v", paid, err)
		}
		return nil
	}))
	p := *pays[1]
	p.Status, p.FailureReason, p.ProviderRef, p.UpdatedAt = plan.PaymentPaid, "", "in_2b", now.Add(time.Hour)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdatePayment(ctx, &p) }))
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		got, err := tx.GetPayment(ctx, x.ID, p.ID)
		if err == nil && !reflect.DeepEqual(*got, p) {
			t.Errorf("after UpdatePayment:\n got %+v\nwant %+v", *got, p)
		}
		return err
	}))
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		q := p
		q.ID = id.New(id.Payment)
		return tx.UpdatePayment(ctx, &q)
	})
	if errs.CodeOf(err) != "payment_not_found" {
		t.Errorf("UpdatePayment of a missing one: %v", err)
	}
	err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetPayment(ctx, x.ID, id.New(id.Payment)); return err })
	if errs.CodeOf(err) != "payment_not_found" {
		t.Errorf("GetPayment of a missing one: %v", err)
	}
}

// testPlanWrites: plans are created, found by code, updated (archived and
// restored), refuse a second plan with a code, and count their subscribers
// across tenants.
func testPlanWrites(t *testing.T, db *store.DB) {
	p := &plan.Plan{ID: id.New(id.Plan), Code: "studio", Name: "Studio", Description: "d", Price: 1500, Currency: "PHP",
		BillingCycle: plan.Yearly, TrialDays: 7, Features: []string{"2 outlets"}, Limits: plan.Limits{plan.Outlets: 2},
		StripePriceID: "price_123", SortOrder: 15, CreatedAt: now, UpdatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, p) }))
	var got *plan.Plan
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.GetPlanByCode(ctx, "studio"); return }))
	if !reflect.DeepEqual(got, p) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, p)
	}
	dup := *p
	dup.ID = id.New(id.Plan)
	if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePlan(ctx, &dup) }); !errs.Is(err, errs.Conflict) {
		t.Errorf("a second plan with the code: %v", err)
	}
	archived := now.Add(time.Hour)
	p.Name, p.Limits, p.Features, p.ArchivedAt, p.UpdatedAt = "Studio Plus", plan.Limits{}, []string{}, &archived, archived
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.UpdatePlan(ctx, p) }))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		got, err := tx.GetPlan(ctx, p.ID)
		if err == nil && !reflect.DeepEqual(got, p) {
			t.Errorf("after UpdatePlan:\n got %+v\nwant %+v", got, p)
		}
		visible, err := tx.ListPlans(ctx, false)
		for _, v := range visible {
			if v.ID == p.ID {
				t.Error("an archived plan is listed in the catalog")
			}
		}
		return err
	}))
	missing := *p
	missing.ID = id.New(id.Plan)
	if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.UpdatePlan(ctx, &missing) }); errs.CodeOf(err) != "plan_not_found" {
		t.Errorf("UpdatePlan of a missing plan: %v", err)
	}
	if err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetPlanByCode(ctx, "nope"); return err }); errs.CodeOf(err) != "plan_not_found" {
		t.Errorf("GetPlanByCode of a missing code: %v", err)
	}
	seed(t, db, "counted-a")
	seed(t, db, "counted-b")
	var counts map[string]int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { counts, err = tx.PlanSubscribers(ctx); return }))
	if counts["free"] != 2 || counts["studio"] != 0 {
		t.Errorf("PlanSubscribers = %v", counts)
	}
}
