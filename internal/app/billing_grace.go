package app

import (
	"context"
	"errors"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// GraceEnd is the handler of job.BillingGraceEnd: a subscription still
// past_due since the failure the job names, with nothing paid since, is
// suspended, and so is its tenant when active (status reason
// OverdueReason), in one transaction with their audit events; paying
// later restores both (paymentSucceeded). Idempotent: a subscription
// settled or moved meanwhile is left alone, or restored if a payment
// arrived.
func (a *App) GraceEnd(ctx context.Context, j *job.Job) (string, error) {
	var in graceJob
	if err := j.DecodeTenant(&in); err != nil {
		return "", err
	}
	if now := a.now(); now.Before(j.RunAt) {
		return "", errors.New("billing grace end: the grace period has not ended yet")
	}
	var result string
	err := a.db.InTenant(ctx, j.TenantID, func(tx *store.Tx) error {
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
		case s.ID != in.SubscriptionID || s.Status != plan.PastDue || s.PastDueSince == nil || !s.PastDueSince.Equal(in.PastDueSince):
			result = "settled meanwhile"
			return nil
		}
		paid, err := tx.PaidSince(ctx, s.TenantID, s.ID, *s.PastDueSince)
		if err != nil {
			return err
		}
		if paid {
			result = "paid meanwhile"
			return a.restoreIfPaid(ctx, tx, nil, s)
		}
		result = "suspended"
		return a.suspendOverdue(ctx, tx, s)
	})
	if err != nil {
		return "", err
	}
	a.callers.forget()
	return result, nil
}

// suspendOverdue suspends a subscription whose grace period ended unpaid,
// and its tenant when active.
func (a *App) suspendOverdue(ctx context.Context, tx *store.Tx, s *plan.Subscription) error {
	now := a.now()
	s.Status, s.UpdatedAt = plan.Suspended, now
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return err
	}
	if err := a.record(ctx, tx, s.TenantID, nil, "subscription.suspend", "subscription", s.ID,
		map[string]string{"from": string(plan.PastDue), "reason": OverdueReason,
			"past_due_since": s.PastDueSince.Format(keyTime)}); err != nil {
		return err
	}
	t, err := tx.GetTenant(ctx, s.TenantID)
	if err != nil || t.Status != tenant.Active {
		return err
	}
	if err := tx.SetTenantStatus(ctx, t.ID, tenant.Suspended, OverdueReason, "", now); err != nil {
		return err
	}
	return a.record(ctx, tx, t.ID, nil, "tenant.status", "tenant", t.ID,
		map[string]string{"from": string(t.Status), "to": string(tenant.Suspended), "reason": OverdueReason})
}

// resumeBilling picks a subscription's lifecycle up again after its
// tenant's reactivation restored its status: a period that ended while the
// tenant was deactivated rolls over at once, a payment made meanwhile
// settles a past_due subscription, and a grace period that ended meanwhile
// is judged at once.
func (a *App) resumeBilling(ctx context.Context, tx *store.Tx, tenantID string) error {
	s, err := tx.CurrentSubscription(ctx, tenantID)
	if errs.Is(err, errs.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	now := a.now()
	switch {
	case s.Billable() && !s.CurrentPeriodEnd.After(now):
		return a.schedulePeriodEnd(ctx, tx, s)
	case s.Status == plan.PastDue && s.PastDueSince != nil:
		if err := a.restoreIfPaid(ctx, tx, nil, s); err != nil || s.Status != plan.PastDue {
			return err
		}
		if ends := s.PastDueSince.Add(a.opt.BillingGrace); !ends.After(now) {
			return a.scheduleGraceEnd(ctx, tx, s, now)
		}
	}
	return nil
}
