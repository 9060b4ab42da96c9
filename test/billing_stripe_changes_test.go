package test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
)

// TestBillingStripeRollover: an upgrade of a Stripe-billed subscription
// changes its price with proration; a scheduled downgrade changes it at the
// period's end without proration — while Stripe is unreachable the
// rollover fails and is retried, the subscription waiting on its plan; a
// scheduled downgrade to free retires the Stripe subscription, cancelled by
// a job.StripeSync, the customer kept.
func TestBillingStripeRollover(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, f *stripeFront) {
		b := h.newStripeBiller(t, "Stripe Rollover Spa")
		s := b.change(t, "upgrade", "plan_pro").expect(http.StatusOK).obj()
		s.eq("plan", "pro")
		s.eq("provider_subscription_id", b.sub)
		f.mock.WaitForRequest(t, "price:price_1Pro", "proration_behavior:always_invoice")

		b.change(t, "downgrade", "plan_basic").expect(http.StatusOK).obj().sub("scheduled_change").eq("plan", "basic")
		h.clock.advance(timeOf(t, s, "current_period_end").Sub(h.clock.peek()) + time.Minute)
		f.fail("/v1/subscriptions")
		h.runJobs(t)
		rolls := h.jobsOf(t, b.tenantID, job.BillingRollover)
		if last := rolls[len(rolls)-1]; last.Status() != job.StatusPending || !strings.Contains(last.LastError, "payment provider") {
			t.Fatalf("the rollover with Stripe down: %s, %q", last.Status(), last.LastError)
		}
		waiting := b.current(t)
		waiting.eq("plan", "pro")
		waiting.sub("scheduled_change").eq("plan", "basic")

		f.fail("")
		h.clock.advance(2 * time.Minute) // past the first retry's backoff
		h.runJobs(t)
		s = b.current(t)
		s.eq("plan", "basic")
		s.eq("status", "active")
		s.eq("provider", "stripe")
		s.eq("provider_subscription_id", b.sub)
		s.null("scheduled_change")
		f.mock.WaitForRequest(t, "price:price_1Basic", "proration_behavior:none")
		if n := len(b.payments(t)); n != 0 {
			t.Errorf("Tenantry recorded %d payments: Stripe reports its own", n)
		}

		b.change(t, "downgrade", "plan_free").expect(http.StatusOK)
		h.clock.advance(timeOf(t, s, "current_period_end").Sub(h.clock.peek()) + time.Minute)
		h.runJobs(t)
		s = b.current(t)
		s.eq("plan", "free")
		s.eq("provider", "none")
		s.eq("provider_subscription_id", "")
		s.eq("provider_customer_id", b.cus)
		syncs := h.jobsOf(t, b.tenantID, job.StripeSync)
		if len(syncs) != 1 || syncs[0].Status() != job.StatusDone || syncs[0].Result != "cancelled "+b.sub {
			t.Fatalf("Stripe sync jobs: %+v", syncs)
		}
	})
}

// TestBillingStripeActivateFree: activating the free plan at once retires
// the Stripe subscription after the change commits.
func TestBillingStripeActivateFree(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, _ *stripeFront) {
		b := h.newStripeBiller(t, "Stripe Activate Spa")
		h.post(t, "/api/v1/subscriptions", b.token(t), map[string]any{"plan_id": "plan_free"}).expect(http.StatusCreated)
		s := b.current(t)
		s.eq("plan", "free")
		s.eq("provider", "none")
		s.eq("provider_subscription_id", "")
		h.runJobs(t)
		if syncs := h.jobsOf(t, b.tenantID, job.StripeSync); len(syncs) != 1 || syncs[0].Result != "cancelled "+b.sub {
			t.Fatalf("Stripe sync jobs: %+v", syncs)
		}
	})
}

// TestBillingStripeRefusedAfterCharge: the weak spot of a provider step
// before the transaction. The upgrade's Stripe subscription is created, but
// meanwhile the plan is archived, so the transaction refuses the change
// (422 plan_archived): the subscription stays as it was but for the Stripe
// customer, now kept, and a job.StripeSync cancels the Stripe subscription
// nobody holds.
func TestBillingStripeRefusedAfterCharge(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, f *stripeFront) {
		h.setPrice(t, "plan_pro", "price_1ProRefused")
		b := h.newBiller(t, "Stripe Refused Spa")
		before := b.current(t)
		arrived, release := f.hold("/v1/subscriptions")
		defer release()
		token := b.token(t)
		done := make(chan int, 1)
		go func() {
			body, _ := json.Marshal(map[string]any{"plan_id": "plan_pro"})
			r, err := http.NewRequest(http.MethodPost, h.base+"/api/v1/subscriptions/upgrade", bytes.NewReader(body))
			if err != nil {
				done <- 0
				return
			}
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Content-Type", "application/json")
			res, err := h.client.Do(r)
			if err != nil {
				done <- 0
				return
			}
			res.Body.Close()
			done <- res.StatusCode
		}()
		<-arrived
		h.put(t, "/api/v1/admin/plans/plan_pro", h.admin(t), map[string]any{"archived": true}).expect(http.StatusOK)
		release()
		if status := <-done; status != http.StatusUnprocessableEntity {
			t.Fatalf("the refused upgrade answered %d, want 422", status)
		}
		s := b.current(t)
		for _, k := range []string{"plan", "status", "provider", "provider_subscription_id", "current_period_end"} {
			if s.m[k] != before.m[k] {
				t.Errorf("%s changed: %v → %v", k, before.m[k], s.m[k])
			}
		}
		if !strings.HasPrefix(s.str("provider_customer_id"), "cus_") {
			t.Errorf("the Stripe customer is not kept: %v", s)
		}
		syncs := h.jobsOf(t, b.tenantID, job.StripeSync)
		if len(syncs) != 1 {
			t.Fatalf("%d Stripe sync jobs queued, want 1", len(syncs))
		}
		h.runJobs(t)
		syncs = h.jobsOf(t, b.tenantID, job.StripeSync)
		if syncs[0].Status() != job.StatusDone || !strings.HasPrefix(syncs[0].Result, "cancelled sub_") {
			t.Errorf("the sync: %s %q %q", syncs[0].Status(), syncs[0].Result, syncs[0].LastError)
		}
		if n := len(b.payments(t)); n != 0 {
			t.Errorf("%d payments recorded for a refused change", n)
		}
	})
}
