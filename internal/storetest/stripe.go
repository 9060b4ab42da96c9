package storetest

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// stripeCases cover the record of processed Stripe webhook events.
func stripeCases() map[string]Case {
	return map[string]Case{
		"StripeEventOnce":          testStripeEventOnce,
		"StripeEventConcurrent":    testStripeEventConcurrent,
		"StripeSubscriptionLookup": testStripeSubscriptionLookup,
	}
}

// testStripeEventOnce: an event is first once; a rolled-back record leaves
// nothing, so the redelivery is first again; a tenant transaction records
// too (the table is platform-level).
func testStripeEventOnce(t *testing.T, db *store.DB) {
	record := func(id string) (first bool) {
		must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
			first, err = tx.RecordStripeEvent(ctx, id, "invoice.paid", now)
			return
		}))
		return first
	}
	if !record("evt_once") || record("evt_once") {
		t.Error("evt_once: want first, then not")
	}
	if !record("evt_other") {
		t.Error("evt_other is a different event")
	}

	errEffects := errors.New("effects failed")
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		if first, err := tx.RecordStripeEvent(ctx, "evt_rolled_back", "invoice.payment_failed", now); err != nil || !first {
			t.Errorf("first = %v, %v", first, err)
		}
		return errEffects
	})
	if !errors.Is(err, errEffects) {
		t.Fatal(err)
	}
	if !record("evt_rolled_back") {
		t.Error("a rolled-back record still counts")
	}

	x, _ := seed(t, db, "stripe-events")
	var first bool
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		first, err = tx.RecordStripeEvent(ctx, "evt_in_tenant", "customer.subscription.updated", now)
		return
	}))
	if !first || record("evt_in_tenant") {
		t.Error("a tenant transaction's record is not the event's record")
	}
}

// testStripeEventConcurrent: of concurrent deliveries of one event, each in
// its own transaction, exactly one is first.
func testStripeEventConcurrent(t *testing.T, db *store.DB) {
	var firsts atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			err := db.InSystem(ctx, func(tx *store.Tx) error {
				first, err := tx.RecordStripeEvent(ctx, "evt_race", "invoice.paid", now)
				if first {
					firsts.Add(1)
				}
				return err
			})
			if err != nil {
				t.Errorf("racer: %v", err)
			}
		})
	}
	wg.Wait()
	if firsts.Load() != 1 {
		t.Fatalf("%d deliveries were first, want 1", firsts.Load())
	}
}

// testStripeSubscriptionLookup: SubscriptionByProviderIDs finds, across
// tenants in a system transaction, the subscription holding the provider's
// subscription id, else the one holding its customer id; "" and unknown
// ids match nothing; a tenant's transaction finds its own only.
func testStripeSubscriptionLookup(t *testing.T, db *store.DB) {
	a, _ := seed(t, db, "stripe-lookup-a")
	b, _ := seed(t, db, "stripe-lookup-b")
	c, _ := seed(t, db, "stripe-lookup-c") // provider none: its empty ids match nothing
	set := func(tenantID, cus, sub string) {
		must(t, db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
			s, err := tx.CurrentSubscription(ctx, tenantID)
			if err != nil {
				return err
			}
			s.Provider, s.ProviderCustomerID, s.ProviderSubscriptionID = "stripe", cus, sub
			return tx.UpdateSubscription(ctx, s)
		}))
	}
	set(a.ID, "cus_a", "") // its Stripe subscription ended: the customer is kept
	set(b.ID, "cus_b", "sub_b")
	find := func(cus, sub string) (string, error) {
		var s *plan.Subscription
		err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { s, err = tx.SubscriptionByProviderIDs(ctx, cus, sub); return })
		if err != nil {
			return "", err
		}
		return s.TenantID, nil
	}
	for _, r := range []struct{ cus, sub, want string }{
		{"cus_a", "", a.ID}, {"cus_a", "sub_gone", a.ID}, {"", "sub_b", b.ID}, {"cus_b", "sub_b", b.ID},
		{"cus_a", "sub_b", b.ID}, // the subscription id decides
	} {
		if got, err := find(r.cus, r.sub); err != nil || got != r.want {
			t.Errorf("SubscriptionByProviderIDs(%q, %q) = %s, %v; want %s", r.cus, r.sub, got, err, r.want)
		}
	}
	for _, r := range [][2]string{{"", ""}, {"cus_none", "sub_none"}} {
		if got, err := find(r[0], r[1]); errs.CodeOf(err) != "subscription_not_found" {
			t.Errorf("SubscriptionByProviderIDs(%q, %q) = %s, %v; want subscription_not_found", r[0], r[1], got, err)
		}
	}
	var s *plan.Subscription
	must(t, db.ReadTenant(ctx, b.ID, func(tx *store.Tx) (err error) { s, err = tx.SubscriptionByProviderIDs(ctx, "cus_b", ""); return }))
	if s.TenantID != b.ID || s.ProviderSubscriptionID != "sub_b" || s.Provider != "stripe" {
		t.Errorf("in its own transaction: %+v", s)
	}
	err := db.ReadTenant(ctx, c.ID, func(tx *store.Tx) error { _, err := tx.SubscriptionByProviderIDs(ctx, "cus_b", "sub_b"); return err })
	if errs.CodeOf(err) != "subscription_not_found" {
		t.Errorf("another tenant's, in a tenant's transaction: %v", err)
	}
}
