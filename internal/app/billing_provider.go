package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/plan"
)

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
}

// providerChange is the provider step of a plan change, between its
// validation and its transaction: with no payment provider configured
// (provider none) there is nothing to call, and the payment of a paid plan
// is recorded as paid. A provider that bills the platform's tenants hooks
// in here: it creates or reuses the tenant's customer and subscription
// for ch.target and reports them; an error here leaves the subscription
// as it was.
func (a *App) providerChange(_ context.Context, ch *planChange) (providerCharge, error) {
	return providerCharge{Provider: plan.ProviderNone, Status: plan.PaymentPaid}, nil
}
