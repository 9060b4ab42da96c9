package api

import "github.com/tenantry/tenantry/internal/app"

// StripeEvent is the body Stripe posts: an event of the API release train
// stripe-go expects. It documents the route; the handler verifies the
// signature over the bytes as sent and reads them with stripe-go.
type StripeEvent struct {
	ID         string          `json:"id"` // evt_…, the key of the webhook's idempotency
	Object     string          `json:"object"`
	Type       string          `json:"type"` // invoice.paid, invoice.payment_failed, customer.subscription.updated, customer.subscription.deleted, …
	APIVersion string          `json:"api_version"`
	Created    int64           `json:"created"`
	Livemode   bool            `json:"livemode"`
	Data       StripeEventData `json:"data"`
}

// StripeEventData holds the event's object: an invoice or a subscription.
type StripeEventData struct {
	Object map[string]any `json:"object"`
}

// WebhookReceipt acknowledges an event: applied, a duplicate of one
// applied already, or ignored, with what was done or why nothing was.
type WebhookReceipt struct {
	Received bool   `json:"received"`
	EventID  string `json:"event_id"`
	Type     string `json:"type"`
	Outcome  string `json:"outcome"` // applied, duplicate or ignored
	Detail   string `json:"detail"`
}

func webhookReceiptOf(r *app.StripeReceipt) WebhookReceipt {
	return WebhookReceipt{Received: true, EventID: r.EventID, Type: r.Type, Outcome: r.Outcome, Detail: r.Detail}
}
