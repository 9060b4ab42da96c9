package store

import (
	"context"
	"fmt"
)

// Change records one thing a tenant deactivation changed, so that
// reactivation can restore exactly that and nothing else.
type Change struct {
	Kind     string // "membership", "user", "subscription", "outlet" or "tenant"
	RefID    string
	Previous string // the value before the change
}

// RecordChange stores one change of the deactivation changeID of tenantID.
func (t *Tx) RecordChange(ctx context.Context, tenantID, changeID string, c Change) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_changes (tenant_id, change_id, kind, ref_id, previous) VALUES (?, ?, ?, ?, ?)`,
		tenantID, changeID, c.Kind, c.RefID, c.Previous)
	return err
}

// Changes returns the changes recorded under changeID.
func (t *Tx) Changes(ctx context.Context, tenantID, changeID string) ([]Change, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT kind, ref_id, previous FROM tenant_changes WHERE tenant_id = ? AND change_id = ?
		ORDER BY kind, ref_id`, tenantID, changeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.Kind, &c.RefID, &c.Previous); err != nil {
			return nil, fmt.Errorf("store: scan change: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UserHeldByDeactivation reports whether some tenant's pending deactivation
// deactivated userID (system scope).
func (t *Tx) UserHeldByDeactivation(ctx context.Context, userID string) (bool, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM tenant_changes c
		JOIN tenants t ON t.id = c.tenant_id AND t.deactivation_id = c.change_id
		WHERE c.kind = 'user' AND c.ref_id = ?`, []any{userID}, &n)
	return n > 0, err
}
