package test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/stripetest"
)

// stripeBiller is a biller upgraded to basic through Stripe, with the ids
// stripe-mock gave it.
type stripeBiller struct {
	*biller
	cus, sub string
}

func (h *harness) newStripeBiller(t *testing.T, name string) *stripeBiller {
	t.Helper()
	h.setPrice(t, "plan_basic", "price_1Basic")
	h.setPrice(t, "plan_pro", "price_1Pro")
	b := h.newBiller(t, name)
	s := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
	s.eq("provider", "stripe")
	return &stripeBiller{biller: b, cus: s.str("provider_customer_id"), sub: s.str("provider_subscription_id")}
}

// TestBillingStripeSubscriptionEvents: customer.subscription.updated
// brings Stripe's period (and a trial's end) and its past_due status; an
// active status restores nothing unpaid; customer.subscription.deleted
// puts the tenant back on the free plan, its Stripe customer kept. Events
// of other types, of unknown customers and of a Stripe subscription that is
// not the tenant's are acknowledged and ignored.
func TestBillingStripeSubscriptionEvents(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, _ *stripeFront) {
		b := h.newStripeBiller(t, "Stripe Events Spa")
		s := b.current(t)
		start, end := timeOf(t, s, "current_period_start"), timeOf(t, s, "current_period_end")

		h.stripeEvent(t, "evt_ev_other_type", "customer.created", map[string]any{"id": b.cus, "object": "customer"}).
			eq("outcome", "ignored")
		nobody := stripetest.Invoice{ID: "in_nobody", Customer: "cus_nobody", Subscription: "sub_nobody", Status: "paid",
			Currency: "usd", AmountDue: 2900, AmountPaid: 2900, PeriodStart: start, PeriodEnd: end}
		h.stripeEvent(t, "evt_ev_nobody", "invoice.paid", nobody.Object()).eq("outcome", "ignored")
		elsewhere := nobody
		elsewhere.Customer, elsewhere.Subscription = b.cus, "sub_not_the_tenants"
		h.stripeEvent(t, "evt_ev_elsewhere", "invoice.paid", elsewhere.Object()).eq("outcome", "ignored")
		unchanged(t, s, b.current(t))
		if n := len(b.payments(t)); n != 0 {
			t.Errorf("ignored events recorded %d payments", n)
		}

		later := end.Add(2 * day).Truncate(time.Second)
		upd := stripetest.Subscription{ID: b.sub, Customer: b.cus, Price: "price_1Basic", Status: "trialing",
			PeriodStart: start.Truncate(time.Second), PeriodEnd: later}
		h.stripeEvent(t, "evt_ev_period", "customer.subscription.updated", upd.Object()).eq("outcome", "applied")
		s = b.current(t)
		if got := timeOf(t, s, "current_period_end"); !got.Equal(later) {
			t.Errorf("current_period_end %v, want Stripe's %v", got, later)
		}
		if got := timeOf(t, s, "trial_ends_at"); !got.Equal(later) {
			t.Errorf("trial_ends_at %v, want %v", got, later)
		}
		if !hasPendingAt(h.jobsOf(t, b.tenantID, job.BillingRollover), later) {
			t.Errorf("no rollover queued at Stripe's period end %v", later)
		}

		upd.Status = "past_due"
		h.stripeEvent(t, "evt_ev_past_due", "customer.subscription.updated", upd.Object()).eq("outcome", "applied")
		b.current(t).eq("status", "past_due")
		if len(h.jobsOf(t, b.tenantID, job.BillingGraceEnd)) != 1 {
			t.Error("no grace period queued")
		}
		upd.Status = "active" // Stripe's word alone, with nothing paid, restores nothing
		h.stripeEvent(t, "evt_ev_active", "customer.subscription.updated", upd.Object()).eq("outcome", "applied")
		b.current(t).eq("status", "past_due")
		paid := stripetest.Invoice{ID: "in_ev_1", Customer: b.cus, Subscription: b.sub, Status: "paid", Currency: "usd",
			AmountDue: 2900, AmountPaid: 2900, PeriodStart: start, PeriodEnd: later}
		h.stripeEvent(t, "evt_ev_paid", "invoice.paid", paid.Object()).eq("outcome", "applied")
		b.current(t).eq("status", "active")

		gone := upd
		gone.Status = "canceled"
		h.stripeEvent(t, "evt_ev_deleted", "customer.subscription.deleted", gone.Object()).eq("outcome", "applied")
		s = b.current(t)
		s.eq("plan", "free")
		s.eq("status", "active")
		s.eq("provider", "none")
		s.eq("provider_subscription_id", "")
		s.eq("provider_customer_id", b.cus)
		h.stripeEvent(t, "evt_ev_deleted_again", "customer.subscription.deleted", gone.Object()).eq("outcome", "ignored")
		unchanged(t, s, b.current(t))
		actions, _ := h.auditActions(t, b.tenantID)
		for _, a := range []string{"subscription.period", "subscription.past_due", "payment.paid", "subscription.restore", "subscription.cancel"} {
			if actions[a+":success"] == 0 {
				t.Errorf("no %s audit event: %v", a, actions)
			}
		}

		// A later upgrade reuses the customer.
		again := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
		again.eq("provider_customer_id", b.cus)
		if again.str("provider_subscription_id") == "" {
			t.Errorf("no new Stripe subscription: %v", again)
		}
	})
}

func hasPendingAt(jobs []*job.Job, at time.Time) bool {
	for _, j := range jobs {
		if j.Status() == job.StatusPending && j.RunAt.Equal(at) {
			return true
		}
	}
	return false
}

// TestBillingStripeWebhookInput: the body is bounded (413) and read only
// once its signature matches; a signed body that is not an event is 422
// stripe_event_invalid; a signature older than five minutes is refused.
func TestBillingStripeWebhookInput(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, _ *stripeFront) {
		big := []byte(`{"id":"evt_big","pad":"` + strings.Repeat("x", 1<<20) + `"}`)
		h.webhook(t, big, stripetest.Sign(big, stripeWebhookSecret, time.Now())).problem(http.StatusRequestEntityTooLarge, "body_too_large")
		for _, body := range []string{"not json", "{}", `{"id":"evt_x","object":"event","api_version":"2019-01-01"}`, "\xff\xfe"} {
			h.webhook(t, []byte(body), stripetest.Sign([]byte(body), stripeWebhookSecret, time.Now())).
				problem(http.StatusUnprocessableEntity, "stripe_event_invalid")
			h.webhook(t, []byte(body), "").problem(http.StatusUnauthorized, "stripe_signature_missing")
		}
		old := stripetest.Event("evt_old", "invoice.paid", time.Now(), stripetest.Invoice{ID: "in_old"}.Object())
		h.webhook(t, old, stripetest.Sign(old, stripeWebhookSecret, time.Now().Add(-10*time.Minute))).
			problem(http.StatusUnauthorized, "stripe_signature_expired")
	})
}

// TestBillingStripeConcurrentDeliveries: deliveries of one event at once
// apply it once; the others are duplicates.
func TestBillingStripeConcurrentDeliveries(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, _ *stripeFront) {
		b := h.newStripeBiller(t, "Stripe Race Spa")
		inv := stripetest.Invoice{ID: "in_race", Customer: b.cus, Subscription: b.sub, Status: "open", Currency: "usd", AmountDue: 2900}
		body := stripetest.Event("evt_race", "invoice.payment_failed", time.Now(), inv.Object())
		sig := stripetest.Sign(body, stripeWebhookSecret, time.Now())
		const n = 6
		outcomes := make(chan string, n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				r, err := http.NewRequest(http.MethodPost, h.base+"/api/v1/webhooks/stripe", bytes.NewReader(body))
				if err != nil {
					outcomes <- err.Error()
					return
				}
				r.Header.Set("Stripe-Signature", sig)
				res, err := h.client.Do(r)
				if err != nil {
					outcomes <- err.Error()
					return
				}
				defer res.Body.Close()
				var receipt struct{ Outcome string }
				if err := json.NewDecoder(res.Body).Decode(&receipt); err != nil || res.StatusCode != http.StatusOK {
					outcomes <- fmt.Sprintf("status %d (%v)", res.StatusCode, err)
					return
				}
				outcomes <- receipt.Outcome
			})
		}
		wg.Wait()
		close(outcomes)
		got := map[string]int{}
		for o := range outcomes {
			got[o]++
		}
		if got["applied"] != 1 || got["duplicate"] != n-1 {
			t.Errorf("outcomes of %d deliveries: %v", n, got)
		}
		if pays := b.payments(t); len(pays) != 1 || pays[0].str("status") != "failed" {
			t.Errorf("payments: %v", pays)
		}
		if g := h.jobsOf(t, b.tenantID, job.BillingGraceEnd); len(g) != 1 {
			t.Errorf("%d grace periods queued", len(g))
		}
	})
}
