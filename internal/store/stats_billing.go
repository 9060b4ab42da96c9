package store

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/plan"
)

// Subscriptions returns every subscription tenantID has had, newest first
// (the contracts of its overview). A tenant keeps one for its life today,
// so this is usually one row.
func (t *Tx) Subscriptions(ctx context.Context, tenantID string) ([]plan.Subscription, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+subCols+`, `+subBillingCols+` FROM subscriptions s
		WHERE s.tenant_id = ? ORDER BY s.id DESC`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []plan.Subscription{}
	for rows.Next() {
		s := plan.Subscription{TenantID: tenantID}
		if err := rows.Scan(subDest(&s)...); err != nil {
			return nil, fmt.Errorf("store: scan subscription: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: subscriptions: %w", err)
	}
	return out, nil
}

// UnpaidPayments returns tenantID's invoices still to be paid (status open
// or failed), newest first, at most limit.
func (t *Tx) UnpaidPayments(ctx context.Context, tenantID string, limit int) ([]plan.Payment, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+paymentCols+` FROM payments p WHERE p.tenant_id = ? AND p.status IN (?, ?)
		ORDER BY p.created_at DESC, p.id DESC LIMIT ?`, tenantID, plan.PaymentOpen, plan.PaymentFailed, limit)
	if err != nil {
		return nil, err
	}
	out, err := scanPayments(rows, tenantID)
	if out == nil {
		out = []plan.Payment{}
	}
	return out, err
}
