package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// stripeChange is the Stripe step of a plan change that applies at once.
// It first re-judges what only the transaction judged before — the
// tenant's usage against a lower plan — so that Stripe is not changed for a
// change the transaction would refuse. Then:
//
//   - to a paid plan: the tenant's Stripe customer is created or reused
//     (kept on the subscription), and its Stripe subscription's price is
//     changed, Stripe invoicing the proration, or a subscription is created
//     on the plan's price, with the same trial as Tenantry gives; a paid
//     plan without a Stripe price is refused (payment_price_missing);
//   - to a free plan: nothing is called; the Stripe subscription is
//     retired, cancelled by a job once the change has committed.
//
// The idempotency keys are derived from the change (the subscription as it
// was, the plan, the price), so a request retried after a failure reuses
// the Stripe objects its first attempt made. Once Stripe is called the
// client's leaving does not cancel the call: what Stripe did is recorded,
// or undone (undoProviderChange).
func (a *App) stripeChange(ctx context.Context, ch *planChange) (providerCharge, error) {
	s, target := ch.from, ch.target
	t, err := a.stripeJudge(ctx, ch)
	if err != nil {
		return providerCharge{}, err
	}
	onStripe := s.Provider == providerStripe && s.ProviderSubscriptionID != ""
	if !target.Paid() {
		out := providerCharge{Provider: plan.ProviderNone, CustomerID: s.ProviderCustomerID, Status: plan.PaymentPaid}
		if onStripe {
			out.Retire = s.ProviderSubscriptionID
		}
		return out, nil
	}
	if target.StripePriceID == "" {
		return providerCharge{}, errPriceMissing(target)
	}
	ctx = context.WithoutCancel(ctx)
	email := t.BillingEmail
	if email == "" {
		email = t.Email
	}
	cus, err := a.opt.Stripe.EnsureCustomer(ctx, s.TenantID, email, t.Name, s.ProviderCustomerID)
	if err != nil {
		return providerCharge{}, a.stripeFailed("create the customer", s.TenantID, err)
	}
	key := changeKey(s, target)
	var sub stripepay.Subscription
	if onStripe {
		sub, err = a.opt.Stripe.ChangePrice(ctx, s.ProviderSubscriptionID, target.StripePriceID, true, "tenantry-price-"+key)
	} else {
		trialDays := 0
		if !ch.down() && target.TrialDays > 0 && !s.HadTrial(target.Code) { // as plan.Subscription.Start gives it
			trialDays = target.TrialDays
		}
		sub, err = a.opt.Stripe.Subscribe(ctx, cus, target.StripePriceID, trialDays, "tenantry-subscribe-"+key)
	}
	if err != nil {
		return providerCharge{}, a.stripeFailed("change the subscription", s.TenantID, err)
	}
	status := plan.PaymentOpen // incomplete or past_due: Stripe reports the invoice's outcome by webhook
	if sub.Status == "active" || sub.Status == "trialing" {
		status = plan.PaymentPaid
	}
	return providerCharge{Provider: providerStripe, CustomerID: cus, SubscriptionID: sub.ID, Ref: sub.LatestInvoiceID, Status: status}, nil
}

// stripeJudge reads the tenant of a change (its name and email for Stripe)
// and refuses a move to a lower plan that its usage does not fit, as the
// change's transaction would.
func (a *App) stripeJudge(ctx context.Context, ch *planChange) (*tenant.Tenant, error) {
	var t *tenant.Tenant
	err := a.db.ReadTenant(ctx, ch.from.TenantID, func(tx *store.Tx) (err error) {
		if t, err = tx.GetTenant(ctx, ch.from.TenantID); err != nil {
			return err
		}
		if ch.target.Code == ch.current.Code || !ch.down() {
			return nil
		}
		usage, err := tx.Usage(ctx, ch.from.TenantID, a.now())
		if err != nil {
			return err
		}
		if over := usage.Over(ch.target); len(over) > 0 {
			return plan.NewLimitError(ch.target.Code, "", true, over...)
		}
		return nil
	})
	return t, err
}

// changeKey names one plan change of s to target for Stripe's idempotency
// keys: the subscription, its last change (so the next change gets new
// keys), the plan and its price.
func changeKey(s *plan.Subscription, target *plan.Plan) string {
	return fmt.Sprintf("%s-%d-%s-%s", s.ID, s.UpdatedAt.UnixMicro(), target.Code, target.StripePriceID)
}

func errPriceMissing(p *plan.Plan) error {
	return errs.E(errs.Conflict, stripepay.CodePriceMissing,
		"Plan "+p.Code+" has no Stripe price: a platform admin sets its stripe_price_id before it can be sold.")
}

// stripeFailed logs a failed call to Stripe and returns its error, which
// already says what a client may know (payment_provider_unavailable …).
func (a *App) stripeFailed(what, tenantID string, err error) error {
	a.log.Warn("stripe: could not "+what, "tenant_id", tenantID, "code", errs.CodeOf(err), "err", err)
	return err
}

// undoProviderChange runs when a plan change's transaction failed after
// the Stripe step created or changed a Stripe subscription: in a
// transaction of its own it keeps the Stripe customer on the subscription,
// queues a job.StripeSync that cancels the subscription the change left
// behind or puts its price back, and touches the subscription, so that a
// retried request derives new idempotency keys instead of reusing the
// objects the job undoes. If even that fails (the database is down), the
// Stripe ids are logged for the operator; a retry then reuses them.
func (a *App) undoProviderChange(ctx context.Context, tenantID string, charge providerCharge, cause error) {
	ctx = context.WithoutCancel(ctx)
	err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockBilling(ctx, tx, tenantID); err != nil {
			return err
		}
		s, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil {
			return err
		}
		if s.ProviderCustomerID == "" {
			s.ProviderCustomerID = charge.CustomerID
		}
		s.UpdatedAt = a.now()
		if err := tx.UpdateSubscription(ctx, s); err != nil {
			return err
		}
		return a.queueStripeSync(ctx, tx, s, charge.SubscriptionID)
	})
	if err != nil {
		a.log.Error("stripe: a refused plan change left a Stripe subscription that could not be queued for undoing",
			"tenant_id", tenantID, "stripe_subscription", charge.SubscriptionID, "stripe_customer", charge.CustomerID,
			"refusal", cause, "err", err)
		return
	}
	a.log.Warn("stripe: a plan change was refused after Stripe was changed; queued its undoing",
		"tenant_id", tenantID, "stripe_subscription", charge.SubscriptionID, "refusal", errs.CodeOf(cause))
	a.jobsQueued()
}

// stripeSyncJob is the payload of job.StripeSync.
type stripeSyncJob struct {
	SubscriptionID string `json:"subscription_id"` // Tenantry's
	// StripeSubscriptionID is a Stripe subscription a change left behind:
	// cancelled unless it is the subscription's own by the time the job
	// runs. "" to bring the subscription's own in line only.
	StripeSubscriptionID string `json:"stripe_subscription_id"`
}

// queueStripeSync queues in tx a job.StripeSync for s, naming the Stripe
// subscription a change left behind.
func (a *App) queueStripeSync(ctx context.Context, tx *store.Tx, s *plan.Subscription, left string) error {
	now := a.now()
	j, err := job.New(job.StripeSync, s.TenantID, stripeSyncJob{SubscriptionID: s.ID, StripeSubscriptionID: left}, now, now)
	if err != nil {
		return err
	}
	_, err = tx.EnqueueJob(ctx, j)
	return err
}
