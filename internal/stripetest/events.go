package stripetest

import (
	"encoding/json"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// Event returns the JSON body of a Stripe event of type typ whose
// data.object is object, in the API version stripe-go expects (a webhook
// endpoint created for another release train is refused by stripe-go).
// object must marshal to JSON; anything else is a bug in the test, and
// Event panics.
func Event(id, typ string, created time.Time, object any) []byte {
	b, err := json.Marshal(map[string]any{
		"id": id, "object": "event", "type": typ, "api_version": stripe.APIVersion,
		"created": created.Unix(), "livemode": false, "pending_webhooks": 1,
		"data": map[string]any{"object": object},
	})
	if err != nil {
		panic(err)
	}
	return b
}

// Sign returns the Stripe-Signature header for payload, signed with secret
// at time at by stripe-go's own test helper.
func Sign(payload []byte, secret string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: at}).Header
}

// Invoice is the part of a Stripe invoice the webhook reads.
type Invoice struct {
	ID, Customer, Subscription string
	Status                     string // draft, open, paid, uncollectible, void
	Currency                   string // lower-case, as Stripe sends it
	AmountDue, AmountPaid      int64  // minor units
	PeriodStart, PeriodEnd     time.Time
}

// Object is the invoice in Stripe's JSON shape (API release train basil:
// the subscription under parent.subscription_details, the service period
// on the subscription line).
func (i Invoice) Object() map[string]any {
	return map[string]any{
		"id": i.ID, "object": "invoice", "customer": i.Customer, "status": i.Status, "currency": i.Currency,
		"amount_due": i.AmountDue, "amount_paid": i.AmountPaid, "amount_remaining": i.AmountDue - i.AmountPaid,
		"period_start": i.PeriodStart.Unix(), "period_end": i.PeriodEnd.Unix(),
		"parent": map[string]any{"type": "subscription_details",
			"subscription_details": map[string]any{"subscription": i.Subscription, "metadata": map[string]string{}}},
		"lines": map[string]any{"object": "list", "has_more": false, "url": "/v1/invoices/" + i.ID + "/lines",
			"data": []any{map[string]any{
				"id": "il_" + i.ID, "object": "line_item", "amount": i.AmountDue, "currency": i.Currency,
				"period": map[string]any{"start": i.PeriodStart.Unix(), "end": i.PeriodEnd.Unix()},
				"parent": map[string]any{"type": "subscription_item_details",
					"subscription_item_details": map[string]any{"subscription": i.Subscription, "proration": false}},
			}}},
	}
}

// Subscription is the part of a Stripe subscription the webhook reads.
type Subscription struct {
	ID, Customer, Price    string
	Status                 string // trialing, active, past_due, canceled, unpaid, incomplete, …
	PeriodStart, PeriodEnd time.Time
	CancelAtPeriodEnd      bool
}

// Object is the subscription in Stripe's JSON shape (basil: the current
// period on its item).
func (s Subscription) Object() map[string]any {
	return map[string]any{
		"id": s.ID, "object": "subscription", "customer": s.Customer, "status": s.Status,
		"cancel_at_period_end": s.CancelAtPeriodEnd, "currency": "usd",
		"items": map[string]any{"object": "list", "has_more": false, "url": "/v1/subscription_items",
			"data": []any{map[string]any{
				"id": "si_" + s.ID, "object": "subscription_item", "subscription": s.ID,
				"current_period_start": s.PeriodStart.Unix(), "current_period_end": s.PeriodEnd.Unix(),
				"price": map[string]any{"id": s.Price, "object": "price"}, "quantity": 1,
			}}},
	}
}
