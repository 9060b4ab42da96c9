package storetest

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// stripeCases cover the record of processed Stripe webhook events.
func stripeCases() map[string]Case {
	return map[string]Case{
		"StripeEventOnce":       testStripeEventOnce,
		"StripeEventConcurrent": testStripeEventConcurrent,
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
