package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// RollOver is the handler of job.BillingRollover: it ends the period the
// job names. The next period starts on the same plan, or on the plan a
// scheduled downgrade names; a trial ends; a paid plan billed by no
// provider records the renewal as paid; the next rollover is queued — all
// in one transaction with its audit event. It is idempotent: a period that
// has moved already (a plan change started another, or an earlier delivery
// of this job rolled it) is left alone. A subscription that is not in good
// standing (past_due, suspended, cancelled) is not renewed; paying, or the
// tenant's reactivation, picks it up again.
//
// When Stripe bills the subscription, a scheduled downgrade changes the
// Stripe price first (stripeRollover: Stripe unreachable fails the job,
// which is retried) and a downgrade to a free plan retires the Stripe
// subscription (stripeRolled).
//
// Judgment: when the tenant's usage grew past the lower plan's limits
// since the downgrade was scheduled, the downgrade is dropped and the
// subscription renews on its plan; the audit event
// subscription.downgrade_refused names every meter over its limit.
func (a *App) RollOver(ctx context.Context, j *job.Job) (string, error) {
	var in rolloverJob
	if err := j.DecodeTenant(&in); err != nil {
		return "", err
	}
	step, err := a.stripeRollover(ctx, j.TenantID, in) // billing_stripe_rollover.go
	if err != nil {
		return "", err // retried: Stripe's price changes before the period rolls over
	}
	var result string
	err = a.db.InTenant(ctx, j.TenantID, func(tx *store.Tx) error {
		if err := lockBilling(ctx, tx, j.TenantID); err != nil {
			return err
		}
		s, err := tx.CurrentSubscription(ctx, j.TenantID)
		switch {
		case errs.Is(err, errs.NotFound):
			result = "no subscription"
			return nil
		case err != nil:
			return err
		case s.ID != in.SubscriptionID || !s.CurrentPeriodEnd.Equal(in.PeriodEnd):
			result = "period already moved"
			return nil
		}
		now := a.now()
		if now.Before(s.CurrentPeriodEnd) {
			return fmt.Errorf("billing rollover: the period of %s ends at %s, not yet", s.ID, s.CurrentPeriodEnd.Format(keyTime))
		}
		if !s.Billable() {
			result = "not renewed: subscription " + string(s.Status)
			return nil
		}
		result, err = a.rollOver(ctx, tx, s, now, step)
		return err
	})
	if err != nil {
		return "", err
	}
	a.jobsQueued()
	return result, nil
}

// rollOver starts s's next period in tx.
func (a *App) rollOver(ctx context.Context, tx *store.Tx, s *plan.Subscription, now time.Time, step stripeStep) (string, error) {
	cur, err := tx.GetPlanByCode(ctx, s.Plan)
	if err != nil {
		return "", err
	}
	next, action := cur, "subscription.renew"
	if s.Status == plan.Trialing {
		action = "subscription.trial_end"
	}
	details := map[string]string{"from": cur.Code}
	if s.ScheduledPlan != "" {
		target, err := tx.GetPlanByCode(ctx, s.ScheduledPlan)
		if err != nil {
			return "", err
		}
		usage, err := lockedUsage(ctx, tx, s.TenantID, target, now)
		if err != nil {
			return "", err
		}
		if over := usage.Over(target); len(over) > 0 {
			if err := a.record(ctx, tx, s.TenantID, nil, "subscription.downgrade_refused", "subscription", s.ID,
				map[string]string{"plan": cur.Code, "to": target.Code, "exceeded": exceededList(over)}); err != nil {
				return "", err
			}
			details["downgrade_refused"] = target.Code
		} else {
			next, action = target, "subscription.downgrade"
		}
	}
	s.Renew(next, now)
	if err := a.stripeRolled(ctx, tx, s, cur, next, step); err != nil {
		return "", err
	}
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return "", err
	}
	details["plan"], details["period_end"] = next.Code, s.CurrentPeriodEnd.Format(keyTime)
	result := fmt.Sprintf("renewed on %s until %s", next.Code, s.CurrentPeriodEnd.Format(keyTime))
	if next.Paid() && s.Provider == plan.ProviderNone { // a provider reports its own renewals (PaymentSucceeded)
		pay, err := a.charge(ctx, tx, s, next, providerCharge{Provider: plan.ProviderNone, Status: plan.PaymentPaid})
		if err != nil {
			return "", err
		}
		details["payment_id"] = pay.ID
		result += ", paid " + pay.ID
	}
	if err := a.schedulePeriodEnd(ctx, tx, s); err != nil {
		return "", err
	}
	return result, a.record(ctx, tx, s.TenantID, nil, action, "subscription", s.ID, details)
}

// exceededList names meters over their limits: "outlets 2/1, members 7/5".
func exceededList(over []plan.Exceeded) string {
	parts := make([]string, 0, len(over))
	for _, x := range over {
		parts = append(parts, fmt.Sprintf("%s %d/%d", x.Meter, x.Used, x.Limit))
	}
	return strings.Join(parts, ", ")
}
