package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// The outcomes of a Stripe webhook event.
const (
	StripeApplied   = "applied"   // its effects are committed with its record
	StripeDuplicate = "duplicate" // a redelivery of an event applied already: nothing changed
	StripeIgnored   = "ignored"   // an event Tenantry does not act on (Detail says why)
)

// StripeReceipt is the answer to a Stripe webhook event.
type StripeReceipt struct {
	EventID string
	Type    string
	Outcome string // StripeApplied, StripeDuplicate or StripeIgnored
	Detail  string // what was done, or why nothing was
}

var errStripeNotConfigured = errs.E(errs.NotFound, "stripe_not_configured",
	"This server has no Stripe account configured: it takes no Stripe webhooks.")

// StripeWebhook receives one event of the platform's Stripe account:
// payload is the request body as sent, signature its Stripe-Signature
// header, verified with the platform's webhook secret (401 when it does not
// match). The event's Stripe customer or subscription names the tenant; in
// one transaction of that tenant the event id is recorded and its effects
// applied with their audit events, so a redelivery changes nothing:
//
//   - invoice.paid: the payment (found by the invoice id, else new) is
//     paid; a past_due or overdue-suspended subscription is active again;
//   - invoice.payment_failed: the payment is failed and the subscription
//     past_due, its grace period ending in a job;
//   - customer.subscription.updated: the subscription follows Stripe's
//     status (past_due, unpaid → past_due; active, trialing → restored if
//     paid; canceled, incomplete_expired → as deleted) and period;
//   - customer.subscription.deleted: the subscription is back on the free
//     plan, active, with a new period (Stripe bills it no more).
//
// Events of other types, of customers no tenant has, or of a Stripe
// subscription that is not the tenant's current one are acknowledged and
// ignored. Without Stripe configured the answer is 404
// stripe_not_configured.
func (a *App) StripeWebhook(ctx context.Context, payload []byte, signature string) (*StripeReceipt, error) {
	if a.opt.Stripe == nil {
		return nil, errStripeNotConfigured
	}
	ev, err := a.opt.Stripe.ParseEvent(payload, signature)
	if err != nil {
		return nil, err
	}
	if ev.ID == "" {
		return nil, errs.E(errs.Invalid, stripepay.CodeEventInvalid, "The event has no id.")
	}
	r := &StripeReceipt{EventID: ev.ID, Type: ev.Type, Outcome: StripeIgnored}
	if !ev.Known() {
		r.Detail = "Tenantry does not act on events of this type"
		return r, nil
	}
	var found *plan.Subscription
	err = a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		found, err = tx.SubscriptionByProviderIDs(ctx, ev.CustomerID, ev.SubscriptionID)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		r.Detail = "no tenant has this Stripe customer or subscription"
		a.log.Info("stripe webhook: event of an unknown customer ignored", "event", ev.ID, "type", ev.Type,
			"customer", ev.CustomerID, "subscription", ev.SubscriptionID)
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	tenantID := found.TenantID
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockBilling(ctx, tx, tenantID); err != nil {
			return err
		}
		first, err := tx.RecordStripeEvent(ctx, ev.ID, ev.Type, a.now())
		if err != nil {
			return err
		}
		if !first {
			r.Outcome, r.Detail = StripeDuplicate, "processed already"
			return nil
		}
		s, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil {
			return err
		}
		r.Outcome, r.Detail, err = a.applyStripeEvent(ctx, tx, s, ev)
		return err
	})
	if err != nil {
		return nil, err
	}
	if r.Outcome == StripeApplied {
		a.callers.forget() // the tenant's status may have changed
		a.jobsQueued()
	}
	return r, nil
}

// applyStripeEvent carries out a recorded event's effects on s in tx.
func (a *App) applyStripeEvent(ctx context.Context, tx *store.Tx, s *plan.Subscription, ev stripepay.Event) (string, string, error) {
	if ev.SubscriptionID != "" && ev.SubscriptionID != s.ProviderSubscriptionID {
		return StripeIgnored, "Stripe subscription " + ev.SubscriptionID + " is not the tenant's current one", nil
	}
	switch ev.Type {
	case stripepay.InvoicePaid, stripepay.InvoicePaymentFailed:
		if ev.Type == stripepay.InvoicePaid && ev.Amount == 0 {
			return StripeIgnored, "nothing was charged (a trial's or a credit's invoice)", nil
		}
		o := PaymentOutcome{TenantID: s.TenantID, Provider: providerStripe, ProviderRef: ev.InvoiceID, Amount: ev.Amount,
			Currency: strings.ToUpper(ev.Currency), PeriodStart: ev.PeriodStart, PeriodEnd: ev.PeriodEnd}
		if ev.Type == stripepay.InvoicePaid {
			pay, err := a.paymentSucceeded(ctx, tx, nil, o)
			if err != nil {
				return "", "", err
			}
			return StripeApplied, "payment " + pay.ID + " paid", nil
		}
		o.Reason = "Stripe could not collect invoice " + ev.InvoiceID
		pay, err := a.paymentFailed(ctx, tx, nil, o)
		if err != nil {
			return "", "", err
		}
		return StripeApplied, "payment " + pay.ID + " failed", nil
	case stripepay.SubscriptionUpdated:
		return a.stripeSubscriptionUpdated(ctx, tx, s, ev)
	default: // stripepay.SubscriptionDeleted
		return a.stripeSubscriptionEnded(ctx, tx, s, ev)
	}
}
