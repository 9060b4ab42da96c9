package app

import (
	"context"
	"errors"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// StripeSync is the handler of job.StripeSync: it brings Stripe in line
// with the tenant's subscription as Tenantry has it. A Stripe subscription
// the job names that is not the subscription's own (left by a move to a
// free plan, or created by a change its transaction then refused) is
// cancelled; the subscription's own Stripe subscription gets the price of
// its plan (no proration), or is cancelled and forgotten when the plan is
// free. Idempotent: cancelling twice, or setting a price it has, changes
// nothing. Stripe unreachable is retried with the job's backoff; a refusal
// by Stripe fails the job, visible with its error.
func (a *App) StripeSync(ctx context.Context, j *job.Job) (string, error) {
	var in stripeSyncJob
	if err := j.DecodeTenant(&in); err != nil {
		return "", err
	}
	if a.opt.Stripe == nil {
		return "", job.Permanent(errors.New("stripe sync: Stripe is not configured"))
	}
	var s *plan.Subscription
	var p *plan.Plan
	err := a.db.ReadTenant(ctx, j.TenantID, func(tx *store.Tx) (err error) {
		if s, err = tx.CurrentSubscription(ctx, j.TenantID); err != nil {
			return err
		}
		p, err = tx.GetPlanByCode(ctx, s.Plan)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return "no subscription", nil
	}
	if err != nil {
		return "", err
	}
	var done []string
	if left := in.StripeSubscriptionID; left != "" && left != s.ProviderSubscriptionID {
		if err := a.cancelStripe(ctx, left); err != nil {
			return "", err
		}
		done = append(done, "cancelled "+left)
	}
	own := s.ProviderSubscriptionID
	switch {
	case own == "" || s.Provider != providerStripe:
	case !p.Paid():
		if err := a.cancelStripe(ctx, own); err != nil {
			return "", err
		}
		if err := a.forgetStripeSubscription(ctx, s.TenantID, own); err != nil {
			return "", err
		}
		done = append(done, "cancelled "+own+" of free plan "+p.Code)
	case p.StripePriceID == "":
		done = append(done, "kept "+own+": plan "+p.Code+" has no Stripe price")
	default:
		if _, err := a.opt.Stripe.ChangePrice(ctx, own, p.StripePriceID, false, "tenantry-sync-"+j.ID+"-"+p.StripePriceID); err != nil {
			return "", syncErr(err)
		}
		done = append(done, own+" on "+p.StripePriceID+" ("+p.Code+")")
	}
	if len(done) == 0 {
		return "nothing to do", nil
	}
	return strings.Join(done, "; "), nil
}

// cancelStripe cancels a Stripe subscription at once; one Stripe no longer
// knows is cancelled already.
func (a *App) cancelStripe(ctx context.Context, subscriptionID string) error {
	_, err := a.opt.Stripe.Cancel(ctx, subscriptionID, false, "")
	if errs.CodeOf(err) == stripepay.CodeMissing {
		return nil
	}
	return syncErr(err)
}

// forgetStripeSubscription drops a cancelled Stripe subscription from the
// tenant's subscription, if it still has it.
func (a *App) forgetStripeSubscription(ctx context.Context, tenantID, stripeID string) error {
	return a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockBilling(ctx, tx, tenantID); err != nil {
			return err
		}
		s, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil || s.ProviderSubscriptionID != stripeID {
			return err
		}
		s.Provider, s.ProviderSubscriptionID, s.UpdatedAt = plan.ProviderNone, "", a.now()
		return tx.UpdateSubscription(ctx, s)
	})
}

// syncErr keeps Stripe's unavailability (and a refused key, which the
// operator may fix) retryable and makes Stripe's refusals of the request
// permanent: retrying the same request cannot change Stripe's mind.
func syncErr(err error) error {
	if err == nil || errs.KindOf(err) == errs.Unavailable {
		return err
	}
	if _, ok := errs.As(err); ok {
		return job.Permanent(err)
	}
	return err
}
