package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tenantry/tenantry/internal/plan"
)

// The plan catalog is platform-level: any transaction reads it (a tenant's
// limits come from its plan); platform-admin use cases write it.

const planCols = `p.id, p.code, p.name, p.description, p.price, p.currency, p.billing_cycle, p.trial_days,
	p.features, p.limits, p.stripe_price_id, p.sort_order, p.archived_at, p.created_at, p.updated_at`

func planDest(p *plan.Plan) []any {
	return []any{&p.ID, &p.Code, &p.Name, &p.Description, &p.Price, &p.Currency, &p.BillingCycle, &p.TrialDays,
		jsonCol{&p.Features}, jsonCol{&p.Limits}, &p.StripePriceID, &p.SortOrder, nullTimeCol{&p.ArchivedAt},
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}}
}

func scanPlans(rows *sql.Rows) ([]plan.Plan, error) {
	defer rows.Close()
	var out []plan.Plan
	for rows.Next() {
		var p plan.Plan
		if err := rows.Scan(planDest(&p)...); err != nil {
			return nil, fmt.Errorf("store: scan plan: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}

// ListPlans returns the catalog in display order (sort_order, then price),
// archived plans only when archived is set.
func (t *Tx) ListPlans(ctx context.Context, archived bool) ([]plan.Plan, error) {
	rows, err := t.query(ctx, `SELECT `+planCols+` FROM plans p
		WHERE p.archived_at IS NULL OR ? ORDER BY p.sort_order, p.price, p.id`, archived)
	if err != nil {
		return nil, err
	}
	return scanPlans(rows)
}

// GetPlan returns one plan of the catalog, archived or not.
func (t *Tx) GetPlan(ctx context.Context, id string) (*plan.Plan, error) {
	var p plan.Plan
	if err := t.get(ctx, "plan_not_found", `SELECT `+planCols+` FROM plans p WHERE p.id = ?`, []any{id}, planDest(&p)...); err != nil {
		return nil, err
	}
	return &p, nil
}

// TenantPlan returns the plan of a tenant's current subscription.
func (t *Tx) TenantPlan(ctx context.Context, tenantID string) (*plan.Plan, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var p plan.Plan
	err := t.get(ctx, "plan_not_found", `SELECT `+planCols+` FROM plans p
		WHERE p.code = (SELECT s.plan FROM subscriptions s WHERE s.tenant_id = ? ORDER BY s.id DESC LIMIT 1)`,
		[]any{tenantID}, planDest(&p)...)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPlanByCode returns the plan with code, archived or not.
func (t *Tx) GetPlanByCode(ctx context.Context, code string) (*plan.Plan, error) {
	var p plan.Plan
	if err := t.get(ctx, "plan_not_found", `SELECT `+planCols+` FROM plans p WHERE p.code = ?`, []any{code}, planDest(&p)...); err != nil {
		return nil, err
	}
	return &p, nil
}

// CreatePlan adds a plan to the catalog; a code in use is a Conflict
// (IsDuplicate "plans.code").
func (t *Tx) CreatePlan(ctx context.Context, p *plan.Plan) error {
	features, limits, err := planJSON(p)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO plans (id, code, name, description, price, currency, billing_cycle, trial_days,
		features, limits, stripe_price_id, sort_order, archived_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Code, p.Name, p.Description, p.Price, p.Currency, p.BillingCycle, p.TrialDays, features, limits,
		p.StripePriceID, p.SortOrder, tsp(p.ArchivedAt), ts(p.CreatedAt), ts(p.UpdatedAt))
	return err
}

// UpdatePlan writes every field of p but its id, code and creation time.
func (t *Tx) UpdatePlan(ctx context.Context, p *plan.Plan) error {
	features, limits, err := planJSON(p)
	if err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE plans SET name = ?, description = ?, price = ?, currency = ?, billing_cycle = ?,
		trial_days = ?, features = ?, limits = ?, stripe_price_id = ?, sort_order = ?, archived_at = ?, updated_at = ?
		WHERE id = ?`,
		p.Name, p.Description, p.Price, p.Currency, p.BillingCycle, p.TrialDays, features, limits, p.StripePriceID,
		p.SortOrder, tsp(p.ArchivedAt), ts(p.UpdatedAt), p.ID)
	return notFoundIfNone(r, err, "plan_not_found")
}

func planJSON(p *plan.Plan) (features, limits string, err error) {
	if features, err = jsonArg(nonNil(p.Features)); err != nil {
		return "", "", err
	}
	l := p.Limits
	if l == nil {
		l = plan.Limits{}
	}
	limits, err = jsonArg(l)
	return features, limits, err
}

// PlanSubscribers counts, for each plan code, the subscriptions on it that
// are not cancelled, across every tenant (a system transaction sees them
// all; a tenant transaction only its own).
func (t *Tx) PlanSubscribers(ctx context.Context) (map[string]int, error) {
	rows, err := t.query(ctx, `SELECT s.plan, COUNT(*) FROM subscriptions s WHERE s.status <> 'cancelled' GROUP BY s.plan`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			return nil, fmt.Errorf("store: scan plan subscribers: %w", err)
		}
		out[code] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}
