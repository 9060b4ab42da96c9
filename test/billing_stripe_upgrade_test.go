package test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/stripetest"
)

// TestBillingStripeDoneWhen is issue 8's Stripe path, against stripe-mock:
// a paid plan without a Stripe price is refused; once the platform admin
// sets basic's price, the tenant's upgrade creates its Stripe customer and
// subscription (shown on the subscription); a signed invoice.payment_failed
// makes it past_due; a redelivery changes nothing; a bad signature is
// refused and changes nothing; a signed invoice.paid makes it active again
// with the paid payment listed.
func TestBillingStripeDoneWhen(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, f *stripeFront) {
		b := h.newBiller(t, "Stripe Done Spa")
		before := b.current(t)
		b.change(t, "upgrade", "plan_basic").problem(http.StatusConflict, "payment_price_missing")
		unchanged(t, before, b.current(t))

		h.setPrice(t, "plan_basic", "price_1BasicScenario")
		s := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
		s.eq("plan", "basic")
		s.eq("status", "trialing") // basic's fourteen days, in Stripe too
		s.eq("provider", "stripe")
		cus, sub := s.str("provider_customer_id"), s.str("provider_subscription_id")
		if !strings.HasPrefix(cus, "cus_") || !strings.HasPrefix(sub, "sub_") {
			t.Fatalf("Stripe ids from stripe-mock: customer %q, subscription %q", cus, sub)
		}
		f.mock.WaitForRequest(t, "metadata:map[tenant_id:"+b.tenantID+"]", "name:Stripe Done Spa")
		f.mock.WaitForRequest(t, "customer:"+cus, "items:[map[price:price_1BasicScenario]]", "trial_period_days:14")
		if keys := f.keysOf("/v1/customers"); len(keys) != 1 || keys[0] != "tenantry-customer-"+b.tenantID {
			t.Errorf("customer idempotency keys: %v", keys)
		}
		if keys := f.keysOf("/v1/subscriptions"); len(keys) != 1 || !strings.HasPrefix(keys[0], "tenantry-subscribe-") {
			t.Errorf("subscription idempotency keys: %v", keys)
		}

		failed := stripetest.Invoice{ID: "in_done_1", Customer: cus, Subscription: sub, Status: "open", Currency: "usd",
			AmountDue: 2900, PeriodStart: timeOf(t, s, "current_period_start"), PeriodEnd: timeOf(t, s, "current_period_end")}
		r := h.stripeEvent(t, "evt_done_failed", "invoice.payment_failed", failed.Object())
		r.eq("outcome", "applied")
		r.eq("event_id", "evt_done_failed")
		pastDue := b.current(t)
		pastDue.eq("status", "past_due")
		if pastDue.str("past_due_since") == "" {
			t.Errorf("past_due_since: %v", pastDue)
		}
		pays := b.payments(t)
		if len(pays) != 1 || pays[0].str("status") != "failed" || pays[0].str("provider") != "stripe" ||
			pays[0].str("provider_ref") != "in_done_1" || pays[0].num("amount") != 2900 || pays[0].str("currency") != "USD" {
			t.Fatalf("payments after the failure: %v", pays)
		}
		actions, _ := h.auditActions(t, b.tenantID)

		// Stripe delivers at least once: the same event again changes nothing.
		h.stripeEvent(t, "evt_done_failed", "invoice.payment_failed", failed.Object()).eq("outcome", "duplicate")
		unchanged(t, pastDue, b.current(t))
		if again, _ := h.auditActions(t, b.tenantID); !sameCounts(again, actions) {
			t.Errorf("a redelivery was audited: %v, then %v", actions, again)
		}
		if n := len(b.payments(t)); n != 1 {
			t.Errorf("%d payments after the redelivery", n)
		}

		paid := failed
		paid.Status, paid.AmountPaid = "paid", 2900
		body := stripetest.Event("evt_done_paid", "invoice.paid", time.Now(), paid.Object())
		for _, bad := range []struct{ sig, code string }{
			{stripetest.Sign(body, "whsec_someone_else", time.Now()), "stripe_signature_invalid"},
			{"t=abc,v1=zz", "stripe_signature_invalid"},
			{"", "stripe_signature_missing"},
		} {
			h.webhook(t, body, bad.sig).problem(http.StatusUnauthorized, bad.code)
		}
		unchanged(t, pastDue, b.current(t))

		h.stripeEvent(t, "evt_done_paid", "invoice.paid", paid.Object()).eq("outcome", "applied")
		active := b.current(t)
		active.eq("status", "active")
		active.null("past_due_since")
		pays = b.payments(t)
		if len(pays) != 1 || pays[0].str("status") != "paid" || pays[0].str("provider_ref") != "in_done_1" {
			t.Errorf("payments after invoice.paid: %v", pays)
		}
		actions, body2 := h.auditActions(t, b.tenantID)
		for _, a := range []string{"subscription.upgrade", "payment.failed", "subscription.past_due", "payment.paid", "subscription.restore"} {
			if actions[a+":success"] == 0 {
				t.Errorf("no %s audit event: %v", a, actions)
			}
		}
		noLeak(t, body2, stripetest.Key, stripeWebhookSecret)
	})
}

// unchanged fails unless the subscription is as it was.
func unchanged(t *testing.T, before, after obj) {
	t.Helper()
	for _, k := range []string{"plan", "status", "provider", "provider_customer_id", "provider_subscription_id",
		"current_period_start", "current_period_end", "updated_at"} {
		if before.m[k] != after.m[k] {
			t.Errorf("subscription %s changed: %v → %v", k, before.m[k], after.m[k])
		}
	}
}

// sameCounts compares audit counts, but for the logins the scenario's own
// requests make.
func sameCounts(a, b map[string]int) bool {
	for _, m := range []map[string]int{a, b} {
		for k := range m {
			if k != "auth.login:success" && a[k] != b[k] {
				return false
			}
		}
	}
	return true
}

// TestBillingStripeUnreachable: with Stripe unreachable an upgrade answers
// 503 payment_provider_unavailable and changes nothing, with nothing to
// undo; the retried request reuses the customer and the subscription of
// its first attempt (the same idempotency keys).
func TestBillingStripeUnreachable(t *testing.T) {
	forEachStripeEngine(t, func(t *testing.T, h *harness, f *stripeFront) {
		h.setPrice(t, "plan_basic", "price_1BasicOutage")
		b := h.newBiller(t, "Stripe Outage Spa")
		before := b.current(t)

		f.fail("/")
		b.change(t, "upgrade", "plan_basic").problem(http.StatusServiceUnavailable, "payment_provider_unavailable")
		unchanged(t, before, b.current(t))

		f.fail("/v1/subscriptions") // the customer is created, its subscription is not
		b.change(t, "upgrade", "plan_basic").problem(http.StatusServiceUnavailable, "payment_provider_unavailable")
		unchanged(t, before, b.current(t))
		if n := len(b.payments(t)); n != 0 {
			t.Errorf("%d payments recorded", n)
		}
		if jobs := h.jobsOf(t, b.tenantID, job.StripeSync); len(jobs) != 0 {
			t.Errorf("nothing was done at Stripe, yet a sync is queued: %+v", jobs[0])
		}

		f.fail("")
		s := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
		s.eq("provider", "stripe")
		subKeys, cusKeys := f.keysOf("/v1/subscriptions"), f.keysOf("/v1/customers")
		if len(subKeys) < 2 || subKeys[len(subKeys)-1] != subKeys[0] {
			t.Errorf("the retried request derived other subscription keys: %v", subKeys)
		}
		for _, k := range cusKeys {
			if k != "tenantry-customer-"+b.tenantID {
				t.Errorf("customer keys: %v", cusKeys)
			}
		}
	})
}

// TestBillingStripeWithoutStripe: without a Stripe key the webhook answers
// 404 stripe_not_configured, whatever it is sent, and upgrades are billed by
// provider none as before.
func TestBillingStripeWithoutStripe(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		body := stripetest.Event("evt_nowhere", "invoice.paid", h.clock.peek(), stripetest.Invoice{ID: "in_1"}.Object())
		h.webhook(t, body, stripetest.Sign(body, stripeWebhookSecret, time.Now())).problem(http.StatusNotFound, "stripe_not_configured")
		h.webhook(t, []byte("{}"), "").problem(http.StatusNotFound, "stripe_not_configured")

		h.setPrice(t, "plan_pro", "price_1ProIgnored")
		b := h.newBiller(t, "No Stripe Spa")
		s := b.change(t, "upgrade", "plan_pro").expect(http.StatusOK).obj()
		s.eq("provider", "none")
		s.eq("provider_subscription_id", "")
	})
}
