package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// SubscriptionView is a tenant's subscription with its plan and, when a
// downgrade waits for the period's end, the plan it moves to.
type SubscriptionView struct {
	Subscription plan.Subscription
	Plan         *plan.Plan
	Scheduled    *plan.Plan // nil when no change is scheduled
}

// CurrentSubscription returns the subscription of tenantID ("" for the
// caller's scoped token's tenant) to its owner and tenant admins, and to
// platform admins for any tenant.
func (a *App) CurrentSubscription(ctx context.Context, p *auth.Principal, tenantID string) (*SubscriptionView, error) {
	tenantID, err := a.billingTenant(ctx, p, tenantID, membership.SubscriptionRead)
	if err != nil {
		return nil, err
	}
	var v *SubscriptionView
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		s, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil {
			return err
		}
		v, err = subscriptionView(ctx, tx, s)
		return err
	})
	return v, subscriptionErr(err)
}

// subscriptionView reads the plans s names.
func subscriptionView(ctx context.Context, tx *store.Tx, s *plan.Subscription) (*SubscriptionView, error) {
	cur, err := tx.GetPlanByCode(ctx, s.Plan)
	if err != nil {
		return nil, err
	}
	v := &SubscriptionView{Subscription: *s, Plan: cur}
	if s.ScheduledPlan != "" {
		if v.Scheduled, err = tx.GetPlanByCode(ctx, s.ScheduledPlan); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ListPaymentsInput pages a tenant's payments.
type ListPaymentsInput struct {
	TenantID    string // "" for the caller's scoped token's tenant
	Skip, Limit int
}

// ListPayments returns a tenant's invoices and payments, newest first, with
// their total, to those who may read its subscription.
func (a *App) ListPayments(ctx context.Context, p *auth.Principal, in ListPaymentsInput) ([]plan.Payment, int, error) {
	tenantID, err := a.billingTenant(ctx, p, in.TenantID, membership.PaymentRead)
	if err != nil {
		return nil, 0, err
	}
	var c errs.Collector
	c.Check(in.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(in.Limit < 1 || in.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var out []plan.Payment
	var total int
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		if _, err = tx.CurrentSubscription(ctx, tenantID); err != nil { // a missing tenant has none
			return err
		}
		out, total, err = tx.ListPayments(ctx, tenantID, store.PaymentFilter{Skip: in.Skip, Limit: in.Limit})
		return err
	})
	return out, total, subscriptionErr(err)
}
