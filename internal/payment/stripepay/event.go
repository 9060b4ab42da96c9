package stripepay

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/tenantry/tenantry/internal/errs"
)

// The event types Tenantry acts on.
const (
	InvoicePaid          = "invoice.paid"
	InvoicePaymentFailed = "invoice.payment_failed"
	SubscriptionUpdated  = "customer.subscription.updated"
	SubscriptionDeleted  = "customer.subscription.deleted"
)

// Event is a verified Stripe webhook event, reduced to what Tenantry reads.
// For an invoice event the fields describe the invoice; for a subscription
// event, the subscription. An event of another type carries only its ID,
// Type and Created (Known reports false): it is acknowledged and ignored.
type Event struct {
	ID      string // evt_…, the idempotency key of the webhook
	Type    string
	Created time.Time

	CustomerID     string
	SubscriptionID string
	InvoiceID      string // invoice events only
	PriceID        string // subscription events only
	// Amount is in minor units: what was paid (invoice.paid) or is due
	// (invoice.payment_failed); 0 for a subscription event.
	Amount   int64
	Currency string // lower-case ISO 4217, as Stripe sends it
	// Status is the invoice's (paid, open, …) or the subscription's
	// (active, past_due, canceled, …).
	Status            string
	PeriodStart       time.Time // the service period billed, or the subscription's current period
	PeriodEnd         time.Time
	CancelAtPeriodEnd bool // subscription events only
}

// Known reports whether e is one of the four types Tenantry acts on.
func (e Event) Known() bool {
	switch e.Type {
	case InvoicePaid, InvoicePaymentFailed, SubscriptionUpdated, SubscriptionDeleted:
		return true
	}
	return false
}

// The codes of ParseEvent's refusals.
const (
	CodeSignatureMissing = "stripe_signature_missing" // no Stripe-Signature header
	CodeSignatureInvalid = "stripe_signature_invalid" // unreadable, or no signature matches the webhook secret
	CodeSignatureExpired = "stripe_signature_expired" // signed longer ago than webhook.DefaultTolerance
	CodeEventInvalid     = "stripe_event_invalid"     // not an event of stripe-go's API release train, or unreadable
)

// ParseEvent verifies the Stripe-Signature header of payload with the
// webhook secret (stripe-go's own verification, with its default tolerance
// of five minutes and its API version check) and reads the event. A
// refusal is Unauthenticated for a signature, Invalid for the body.
func (c *Client) ParseEvent(payload []byte, signatureHeader string) (Event, error) {
	if c.webhookSecret == "" {
		return Event{}, errs.E(errs.Unavailable, CodeMisconfigured, "Stripe webhooks are not configured.")
	}
	ev, err := webhook.ConstructEvent(payload, signatureHeader, c.webhookSecret)
	if err != nil {
		return Event{}, refusal(err)
	}
	out := Event{ID: ev.ID, Type: string(ev.Type), Created: unix(ev.Created)}
	if !out.Known() {
		return out, nil
	}
	if ev.Data == nil {
		return Event{}, errs.E(errs.Invalid, CodeEventInvalid, "The event has no data.")
	}
	switch out.Type {
	case InvoicePaid, InvoicePaymentFailed:
		var inv stripe.Invoice
		if err := json.Unmarshal(ev.Data.Raw, &inv); err != nil {
			return Event{}, unreadable(err)
		}
		readInvoice(&out, &inv)
	default:
		var sub stripe.Subscription
		if err := json.Unmarshal(ev.Data.Raw, &sub); err != nil {
			return Event{}, unreadable(err)
		}
		s := subscriptionOf(&sub)
		out.CustomerID, out.SubscriptionID, out.PriceID, out.Status = s.CustomerID, s.ID, s.PriceID, s.Status
		out.PeriodStart, out.PeriodEnd, out.CancelAtPeriodEnd = s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd
		out.Currency = string(sub.Currency)
	}
	return out, nil
}

// readInvoice fills e from inv. Since the basil release the subscription is
// under parent.subscription_details; the service period is the first
// subscription line's (the invoice's own period_start/end is that of its
// pending items, the previous period for a renewal).
func readInvoice(e *Event, inv *stripe.Invoice) {
	e.InvoiceID, e.Status, e.Currency = inv.ID, string(inv.Status), string(inv.Currency)
	if inv.Customer != nil {
		e.CustomerID = inv.Customer.ID
	}
	e.Amount = inv.AmountPaid
	if e.Type == InvoicePaymentFailed {
		e.Amount = inv.AmountDue
	}
	if inv.Parent != nil && inv.Parent.SubscriptionDetails != nil && inv.Parent.SubscriptionDetails.Subscription != nil {
		e.SubscriptionID = inv.Parent.SubscriptionDetails.Subscription.ID
	}
	e.PeriodStart, e.PeriodEnd = unix(inv.PeriodStart), unix(inv.PeriodEnd)
	if inv.Lines == nil {
		return
	}
	for _, l := range inv.Lines.Data {
		if l.Parent == nil || l.Parent.SubscriptionItemDetails == nil {
			continue
		}
		if e.SubscriptionID == "" {
			e.SubscriptionID = l.Parent.SubscriptionItemDetails.Subscription
		}
		if l.Period != nil && l.Period.Start != 0 {
			e.PeriodStart, e.PeriodEnd = unix(l.Period.Start), unix(l.Period.End)
		}
		return
	}
}

// refusal classifies a failed verification.
func refusal(err error) error {
	switch {
	case errors.Is(err, webhook.ErrNotSigned):
		return errs.E(errs.Unauthenticated, CodeSignatureMissing, "The request has no Stripe-Signature header.")
	case errors.Is(err, webhook.ErrTooOld):
		return errs.E(errs.Unauthenticated, CodeSignatureExpired, "The Stripe-Signature timestamp is too old.")
	case errors.Is(err, webhook.ErrInvalidHeader), errors.Is(err, webhook.ErrNoValidSignature):
		return errs.E(errs.Unauthenticated, CodeSignatureInvalid, "The Stripe-Signature does not match.")
	}
	// Verified, but the body is not JSON or not of stripe-go's release
	// train (stripe-go's message says which version it got and expects).
	e := errs.E(errs.Invalid, CodeEventInvalid, "The event cannot be read: "+firstSentence(err.Error()))
	e.Err = err
	return e
}

func unreadable(err error) error {
	e := errs.E(errs.Invalid, CodeEventInvalid, "The event's object cannot be read.")
	e.Err = err
	return e
}

// firstSentence keeps stripe-go's explanation short.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}
