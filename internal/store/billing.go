package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
)

// Billing: a tenant's one subscription (its plan, period, scheduled change,
// payment standing and provider) and its payments. Both are tenant-owned.

const subBillingCols = `s.scheduled_plan, s.scheduled_at, s.past_due_since, s.provider, s.provider_customer_id,
	s.provider_subscription_id, s.trialed`

// subDest scans subCols then subBillingCols into s.
func subDest(s *plan.Subscription) []any {
	return []any{&s.ID, &s.Plan, &s.Status, nullTimeCol{&s.TrialEndsAt}, timeCol{&s.CurrentPeriodStart},
		timeCol{&s.CurrentPeriodEnd}, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt},
		&s.ScheduledPlan, nullTimeCol{&s.ScheduledAt}, nullTimeCol{&s.PastDueSince}, &s.Provider, &s.ProviderCustomerID,
		&s.ProviderSubscriptionID, jsonCol{&s.Trialed}}
}

func providerOr(p string) string {
	if p == "" {
		return plan.ProviderNone
	}
	return p
}

// UpdateSubscription writes every changeable field of s: plan, status,
// trial, period, scheduled change, payment standing, provider and trials.
func (t *Tx) UpdateSubscription(ctx context.Context, s *plan.Subscription) error {
	t.Touch(ConfigTopic)
	t.Touch(TenantsTopic)
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	trialed, err := jsonArg(nonNil(s.Trialed))
	if err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE subscriptions SET plan = ?, status = ?, trial_ends_at = ?, current_period_start = ?,
		current_period_end = ?, scheduled_plan = ?, scheduled_at = ?, past_due_since = ?, provider = ?,
		provider_customer_id = ?, provider_subscription_id = ?, trialed = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ?`,
		s.Plan, s.Status, tsp(s.TrialEndsAt), ts(s.CurrentPeriodStart), ts(s.CurrentPeriodEnd), s.ScheduledPlan,
		tsp(s.ScheduledAt), tsp(s.PastDueSince), providerOr(s.Provider), s.ProviderCustomerID, s.ProviderSubscriptionID,
		trialed, ts(s.UpdatedAt), s.TenantID, s.ID)
	return notFoundIfNone(r, err, "subscription_not_found")
}

const paymentCols = `p.id, p.subscription_id, p.plan_id, p.amount, p.currency, p.status, p.period_start, p.period_end,
	p.provider, p.provider_ref, p.failure_reason, p.created_at, p.updated_at`

func paymentDest(p *plan.Payment) []any {
	return []any{&p.ID, &p.SubscriptionID, &p.PlanID, &p.Amount, &p.Currency, &p.Status, timeCol{&p.PeriodStart},
		timeCol{&p.PeriodEnd}, &p.Provider, &p.ProviderRef, &p.FailureReason, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}}
}

// CreatePayment records a payment of a tenant's subscription.
func (t *Tx) CreatePayment(ctx context.Context, p *plan.Payment) error {
	if err := t.scope(p.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO payments (tenant_id, id, subscription_id, plan_id, amount, currency, status,
		period_start, period_end, provider, provider_ref, failure_reason, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.TenantID, p.ID, p.SubscriptionID, p.PlanID, p.Amount, p.Currency, p.Status, ts(p.PeriodStart), ts(p.PeriodEnd),
		providerOr(p.Provider), p.ProviderRef, p.FailureReason, ts(p.CreatedAt), ts(p.UpdatedAt))
	return err
}

// UpdatePayment records what became of a payment: its status, provider
// reference, failure reason and when it changed.
func (t *Tx) UpdatePayment(ctx context.Context, p *plan.Payment) error {
	if err := t.scope(p.TenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE payments SET status = ?, provider_ref = ?, failure_reason = ?, updated_at = ?
		WHERE tenant_id = ? AND id = ?`, p.Status, p.ProviderRef, p.FailureReason, ts(p.UpdatedAt), p.TenantID, p.ID)
	return notFoundIfNone(r, err, "payment_not_found")
}

// GetPayment returns one payment of a tenant.
func (t *Tx) GetPayment(ctx context.Context, tenantID, id string) (*plan.Payment, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	p := plan.Payment{TenantID: tenantID}
	err := t.get(ctx, "payment_not_found", `SELECT `+paymentCols+` FROM payments p WHERE p.tenant_id = ? AND p.id = ?`,
		[]any{tenantID, id}, paymentDest(&p)...)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// PaymentByRef returns the payment a provider knows by ref, the newest
// when several carry it.
func (t *Tx) PaymentByRef(ctx context.Context, tenantID, provider, ref string) (*plan.Payment, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	p := plan.Payment{TenantID: tenantID}
	err := t.get(ctx, "payment_not_found", `SELECT `+paymentCols+` FROM payments p
		WHERE p.tenant_id = ? AND p.provider = ? AND p.provider_ref = ? AND p.provider_ref <> ''
		ORDER BY p.created_at DESC, p.id DESC LIMIT 1`, []any{tenantID, provider, ref}, paymentDest(&p)...)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// PaidSince reports whether a payment of the subscription was paid (its
// last change being the payment) at or after since.
func (t *Tx) PaidSince(ctx context.Context, tenantID, subscriptionID string, since time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	var n int
	err := t.get(ctx, "payment_not_found", `SELECT COUNT(*) FROM payments
		WHERE tenant_id = ? AND subscription_id = ? AND status = 'paid' AND updated_at >= ?`,
		[]any{tenantID, subscriptionID, ts(since)}, &n)
	return n > 0, err
}

// PaymentFilter pages a tenant's payments.
type PaymentFilter struct {
	Skip, Limit int
}

// ListPayments returns a tenant's payments, newest first, and their total.
func (t *Tx) ListPayments(ctx context.Context, tenantID string, f PaymentFilter) ([]plan.Payment, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	var total int
	if err := t.get(ctx, "tenant_not_found", `SELECT COUNT(*) FROM payments WHERE tenant_id = ?`, []any{tenantID}, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+paymentCols+` FROM payments p WHERE p.tenant_id = ?
		ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`, tenantID, f.Limit, f.Skip)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanPayments(rows, tenantID)
	return out, total, err
}

func scanPayments(rows *sql.Rows, tenantID string) ([]plan.Payment, error) {
	defer rows.Close()
	var out []plan.Payment
	for rows.Next() {
		p := plan.Payment{TenantID: tenantID}
		if err := rows.Scan(paymentDest(&p)...); err != nil {
			return nil, fmt.Errorf("store: scan payment: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}

// SubscriptionByProviderIDs finds the subscription a payment provider's
// report is about, by the provider's own ids: the one holding the
// provider's subscription id, else the newest holding its customer id
// (kept after the provider's subscription ended). "" matches nothing. The
// rows of every tenant are searched, so a caller that knows no tenant uses
// a system transaction; in a tenant's transaction another tenant's
// subscription is NotFound, like a missing one (subscription_not_found).
func (t *Tx) SubscriptionByProviderIDs(ctx context.Context, customerID, subscriptionID string) (*plan.Subscription, error) {
	var s plan.Subscription
	dest := append([]any{&s.TenantID}, subDest(&s)...)
	err := t.get(ctx, "subscription_not_found", `SELECT s.tenant_id, `+subCols+`, `+subBillingCols+` FROM subscriptions s
		WHERE (s.provider_subscription_id = ? AND s.provider_subscription_id <> '')
		   OR (s.provider_customer_id = ? AND s.provider_customer_id <> '')
		ORDER BY CASE WHEN s.provider_subscription_id = ? THEN 0 ELSE 1 END, s.id DESC LIMIT 1`,
		[]any{subscriptionID, customerID, subscriptionID}, dest...)
	if err != nil {
		return nil, err
	}
	if err := t.scope(s.TenantID); err != nil {
		return nil, errs.E(errs.NotFound, "subscription_not_found", "Not found.")
	}
	return &s, nil
}
