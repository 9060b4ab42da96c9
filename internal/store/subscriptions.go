package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/plan"
)

const subCols = `s.id, s.plan, s.status, s.trial_ends_at, s.current_period_start, s.current_period_end, s.created_at, s.updated_at`

// nullSub scans the subscription columns of a LEFT JOIN.
type nullSub struct {
	id, plan, status *string
	trial            *time.Time
	start, end       *time.Time
	created, updated *time.Time
}

func (n *nullSub) dest() []any {
	return []any{&n.id, &n.plan, &n.status, nullTimeCol{&n.trial}, nullTimeCol{&n.start}, nullTimeCol{&n.end},
		nullTimeCol{&n.created}, nullTimeCol{&n.updated}}
}

func (n *nullSub) value(tenantID string) plan.Subscription {
	if n.id == nil {
		return plan.Subscription{}
	}
	return plan.Subscription{TenantID: tenantID, ID: *n.id, Plan: *n.plan, Status: plan.Status(*n.status),
		TrialEndsAt: n.trial, CurrentPeriodStart: deref(n.start), CurrentPeriodEnd: deref(n.end),
		CreatedAt: deref(n.created), UpdatedAt: deref(n.updated)}
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// CreateSubscription inserts a subscription.
func (t *Tx) CreateSubscription(ctx context.Context, s *plan.Subscription) error {
	t.Touch(ConfigTopic)
	t.Touch(TenantsTopic)
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	trialed, err := jsonArg(nonNil(s.Trialed))
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO subscriptions (tenant_id, id, plan, status, trial_ends_at,
		current_period_start, current_period_end, scheduled_plan, scheduled_at, past_due_since, provider,
		provider_customer_id, provider_subscription_id, trialed, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TenantID, s.ID, s.Plan, s.Status, tsp(s.TrialEndsAt), ts(s.CurrentPeriodStart), ts(s.CurrentPeriodEnd),
		s.ScheduledPlan, tsp(s.ScheduledAt), tsp(s.PastDueSince), providerOr(s.Provider), s.ProviderCustomerID,
		s.ProviderSubscriptionID, trialed, ts(s.CreatedAt), ts(s.UpdatedAt))
	return err
}

// CurrentSubscription returns a tenant's newest subscription.
func (t *Tx) CurrentSubscription(ctx context.Context, tenantID string) (*plan.Subscription, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	s := plan.Subscription{TenantID: tenantID}
	err := t.get(ctx, "subscription_not_found", `SELECT `+subCols+`, `+subBillingCols+` FROM subscriptions s
		WHERE s.tenant_id = ? ORDER BY s.id DESC LIMIT 1`, []any{tenantID}, subDest(&s)...)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// SetSubscriptionStatus changes a subscription's status.
func (t *Tx) SetSubscriptionStatus(ctx context.Context, tenantID, id string, s plan.Status, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE subscriptions SET status = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
		s, ts(now), tenantID, id)
	return notFoundIfNone(r, err, "subscription_not_found")
}
