package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/plan"
)

// providerStripe names Stripe as the provider of a subscription or a
// payment.
const providerStripe = "stripe"

// providerCharge is what the payment provider did for a plan change that
// applies at once, before the transaction that records it: who bills the
// subscription from now on, its ids there, and the first payment's
// reference and status.
type providerCharge struct {
	Provider       string // plan.ProviderNone or the provider's name
	CustomerID     string // the provider's customer, kept on the subscription ("" for none)
	SubscriptionID string // the provider's subscription ("" for none)
	Ref            string // the provider's reference of the first payment (an invoice id)
	Status         plan.PaymentStatus
	// Retire is a Stripe subscription the change leaves behind (a move to
	// a free plan): the change's transaction queues a job.StripeSync that
	// cancels it once the change has committed, so a refused change
	// cancels nothing.
	Retire string
}

// stripeChanged reports whether the provider step created or changed a
// Stripe subscription: a transaction that then refuses the change must
// have it undone (undoProviderChange).
func (c providerCharge) stripeChanged() bool { return c.Provider == providerStripe }

// providerChange is the provider step of a plan change, between its
// validation and its transaction. With no payment provider configured
// (provider none) there is nothing to call, and the payment of a paid plan
// is recorded as paid. With Stripe, a paid plan's subscription is created
// or its price changed there first (stripeChange); an error here leaves
// the subscription as it was.
func (a *App) providerChange(ctx context.Context, ch *planChange) (providerCharge, error) {
	if a.opt.Stripe == nil {
		return providerCharge{Provider: plan.ProviderNone, CustomerID: ch.from.ProviderCustomerID, Status: plan.PaymentPaid}, nil
	}
	return a.stripeChange(ctx, ch)
}
