package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// stripeStep is what the Stripe step of a rollover did: the plan whose
// price the tenant's Stripe subscription now has ("" when it did nothing).
type stripeStep struct {
	plan string
}

// stripeRollover is the Stripe step of a rollover, before its transaction:
// when the period the job names ends with a scheduled downgrade to a paid
// plan that the tenant's usage fits, and Stripe bills the subscription,
// the Stripe subscription's price changes to the lower plan's, without
// proration (it applies from Stripe's next renewal). Stripe unreachable,
// or a lower plan without a Stripe price, is an error, so the job is
// retried and the period rolls over once Stripe has the new price. A
// downgrade to a free plan calls nothing here: the rollover's transaction
// retires the Stripe subscription (stripeRolled).
func (a *App) stripeRollover(ctx context.Context, tenantID string, in rolloverJob) (stripeStep, error) {
	if a.opt.Stripe == nil {
		return stripeStep{}, nil
	}
	var s *plan.Subscription
	var target *plan.Plan
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		s, err = tx.CurrentSubscription(ctx, tenantID)
		switch {
		case err != nil:
			return err
		case s.ID != in.SubscriptionID || !s.CurrentPeriodEnd.Equal(in.PeriodEnd), a.now().Before(s.CurrentPeriodEnd),
			!s.Billable(), s.ScheduledPlan == "", s.Provider != providerStripe, s.ProviderSubscriptionID == "":
			s = nil // the rollover's transaction judges these cases, with no Stripe to change
			return nil
		}
		if target, err = tx.GetPlanByCode(ctx, s.ScheduledPlan); err != nil || !target.Paid() {
			return err
		}
		usage, err := tx.Usage(ctx, tenantID, a.now())
		if err == nil && len(usage.Over(target)) > 0 {
			target = nil // refused by the rollover, which renews the plan Stripe has
		}
		return err
	})
	switch {
	case errs.Is(err, errs.NotFound):
		return stripeStep{}, nil
	case err != nil:
		return stripeStep{}, err
	case s == nil || target == nil || !target.Paid():
		return stripeStep{}, nil
	case target.StripePriceID == "":
		return stripeStep{}, fmt.Errorf("billing rollover: the downgrade to %s waits for its Stripe price: %w", target.Code, errPriceMissing(target))
	}
	key := fmt.Sprintf("tenantry-rollover-%s-%d-%s", s.ID, s.CurrentPeriodEnd.UnixMicro(), target.StripePriceID)
	if _, err := a.opt.Stripe.ChangePrice(ctx, s.ProviderSubscriptionID, target.StripePriceID, false, key); err != nil {
		return stripeStep{}, fmt.Errorf("billing rollover: %w", a.stripeFailed("change the price for a downgrade", tenantID, err))
	}
	return stripeStep{plan: target.Code}, nil
}

// stripeRolled brings, in the rollover's transaction, the Stripe side of
// s in line with the plan the rollover moved it to from cur: a move to a
// free plan retires its Stripe subscription (forgotten here, cancelled by
// a job.StripeSync once this commits); a Stripe price that is not next's
// (the Stripe step changed it for a downgrade the transaction then
// refused, or did not change it) is put right by a job.StripeSync.
func (a *App) stripeRolled(ctx context.Context, tx *store.Tx, s *plan.Subscription, cur, next *plan.Plan, step stripeStep) error {
	if a.opt.Stripe == nil || s.Provider != providerStripe || s.ProviderSubscriptionID == "" {
		return nil
	}
	if !next.Paid() {
		left := s.ProviderSubscriptionID
		s.Provider, s.ProviderSubscriptionID = plan.ProviderNone, ""
		return a.queueStripeSync(ctx, tx, s, left)
	}
	onStripe := cur.Code
	if step.plan != "" {
		onStripe = step.plan
	}
	if onStripe != next.Code {
		return a.queueStripeSync(ctx, tx, s, "")
	}
	return nil
}
