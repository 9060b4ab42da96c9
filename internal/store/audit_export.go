package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// AuditExportRange returns the first and last chain positions of
// tenantID's sealed events created in [from, to) (zero times: unbounded),
// and the batch and chain hash of the position before the first (for a
// file that starts inside a batch); ok is false when no sealed event is in
// the range. Sealed events come first in (created_at, id) order, so each
// end is found by reading the audit_logs_tenant_time index from one side.
func (t *Tx) AuditExportRange(ctx context.Context, tenantID string, from, to time.Time) (first, last int64, ok bool, err error) {
	if err := t.scope(tenantID); err != nil {
		return 0, 0, false, err
	}
	where, args := `l.tenant_id = ?`, []any{tenantID}
	if !from.IsZero() {
		where += ` AND l.created_at >= ?`
		args = append(args, ts(from))
	}
	if !to.IsZero() {
		where += ` AND l.created_at < ?`
		args = append(args, ts(to))
	}
	q := `SELECT c.seq FROM audit_logs l JOIN audit_chain c ON c.tenant_id = l.tenant_id AND c.event_id = l.id WHERE ` + where
	var a, b sql.NullInt64
	if err := t.get(ctx, "", `SELECT (`+q+` ORDER BY l.created_at, l.id LIMIT 1), (`+q+` ORDER BY l.created_at DESC, l.id DESC LIMIT 1)`,
		append(append([]any{}, args...), args...), &a, &b); err != nil {
		return 0, 0, false, err
	}
	if !a.Valid || !b.Valid || a.Int64 > b.Int64 {
		return 0, 0, false, nil
	}
	return a.Int64, b.Int64, true, nil
}

// AuditChainHash returns the chain hash at tenantID's position seq.
func (t *Tx) AuditChainHash(ctx context.Context, tenantID string, seq int64) (audit.Hash, error) {
	var h audit.Hash
	if err := t.scope(tenantID); err != nil {
		return h, err
	}
	var b []byte
	if err := t.get(ctx, "audit_position_not_found", `SELECT chain_hash FROM audit_chain WHERE tenant_id = ? AND seq = ?`,
		[]any{tenantID, seq}, &b); err != nil {
		return h, err
	}
	copy(h[:], b)
	return h, nil
}

// AuditChainSpan calls fn for each of tenantID's chain positions from
// first to last, in order, with its event as it is now (nil when gone).
func (t *Tx) AuditChainSpan(ctx context.Context, tenantID string, first, last int64, fn func(*audit.Link, *audit.Event) error) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	rows, err := t.query(ctx, `SELECT c.seq, c.batch, c.event_id, c.event_hash, c.chain_hash, l.id IS NOT NULL, `+chainAuditCols+`
		FROM audit_chain c LEFT JOIN audit_logs l ON l.tenant_id = c.tenant_id AND l.id = c.event_id
		WHERE c.tenant_id = ? AND c.seq >= ? AND c.seq <= ? ORDER BY c.seq`, tenantID, first, last)
	if err != nil {
		return err
	}
	defer rows.Close()
	var l audit.Link
	var e audit.Event
	var eh, ch []byte
	var found bool
	dest := append([]any{&l.Seq, &l.Batch, &l.EventID, &eh, &ch, &found}, auditDest(&e)...)
	dest[6+12] = zeroTimeCol{&e.CreatedAt} // NULL when the event is gone
	for rows.Next() {
		e = audit.Event{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan audit chain: %w", err)
		}
		copy(l.EventHash[:], eh)
		copy(l.Chain[:], ch)
		ep := &e
		if !found {
			ep = nil
		}
		if err := fn(&l, ep); err != nil {
			return err
		}
	}
	return t.failed(rows.Err())
}

// AuditUnchainedSpan calls fn for each of tenantID's events created in
// [from, to) (zero times: unbounded) that has no chain position, in chain order.
func (t *Tx) AuditUnchainedSpan(ctx context.Context, tenantID string, from, to time.Time, fn func(*audit.Event) error) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	where, args := ``, []any{tenantID}
	if !from.IsZero() {
		where += ` AND l.created_at >= ?`
		args = append(args, ts(from))
	}
	if !to.IsZero() {
		where += ` AND l.created_at < ?`
		args = append(args, ts(to))
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs l WHERE l.tenant_id = ?`+where+`
		AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.tenant_id = l.tenant_id AND c.event_id = l.id)
		ORDER BY l.created_at, l.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var e audit.Event
	dest := auditDest(&e)
	for rows.Next() {
		e = audit.Event{}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("store: scan audit event: %w", err)
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return t.failed(rows.Err())
}
