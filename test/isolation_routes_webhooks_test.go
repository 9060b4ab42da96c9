package test

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/stripetest"
)

// webhookEntries cover the payment providers' signed callbacks. They are
// not tenant-authenticated: like the public and operations routes they
// answer every caller alike, credentials being ignored. The matrix's
// servers have no Stripe account, so the Stripe webhook answers 404
// stripe_not_configured to everyone, even to a correctly signed event;
// with Stripe configured, a caller without the webhook secret gets 401
// (test/billing_stripe_*_test.go).
func webhookEntries() map[string]entry {
	return map[string]entry{
		"POST /api/v1/webhooks/stripe": {want: always(notFound("stripe_not_configured")),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				inv := stripetest.Invoice{ID: "in_iso", Customer: "cus_iso", Status: "paid", Currency: "usd", AmountPaid: 100}
				body := stripetest.Event("evt_iso_"+m.unique(), "invoice.paid", time.Now(), inv.Object())
				return call{body: raw(body), header: map[string]string{"Stripe-Signature": stripetest.Sign(body, stripeWebhookSecret, time.Now())}}
			}},
	}
}
