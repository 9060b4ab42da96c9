package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// AuditTenantsSince returns the tenants with audit events created in
// [since, before): those the sealer has new work for.
func (t *Tx) AuditTenantsSince(ctx context.Context, since, before time.Time) ([]string, error) {
	rows, err := t.query(ctx, `SELECT DISTINCT tenant_id FROM audit_logs WHERE created_at >= ? AND created_at < ?`,
		ts(since), ts(before))
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// AuditHead returns tenantID's last sealed batch, or nil before its first.
func (t *Tx) AuditHead(ctx context.Context, tenantID string) (*audit.Seal, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+sealCols+` FROM audit_seals WHERE tenant_id = ? ORDER BY batch DESC LIMIT 1`, tenantID)
	if err != nil {
		return nil, err
	}
	seals, err := scanSeals(rows)
	if err != nil || len(seals) == 0 {
		return nil, err
	}
	return &seals[0], nil
}

// AuditToSeal returns up to limit of tenantID's events after position
// (afterAt, afterID) and created before before, in chain order. The
// position is written so that the (tenant_id, created_at, id) index bounds
// the scan: each batch reads only its own rows.
func (t *Tx) AuditToSeal(ctx context.Context, tenantID string, afterAt time.Time, afterID string, before time.Time, limit int) ([]audit.Event, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs WHERE tenant_id = ?
		AND created_at >= ? AND (created_at > ? OR id > ?) AND created_at < ?
		ORDER BY created_at, id LIMIT ?`, tenantID, ts(afterAt), ts(afterAt), afterID, ts(before), limit)
	if err != nil {
		return nil, err
	}
	return scanAudit(rows)
}

// AppendSeal records a sealed batch: its events' positions and its seal,
// in the current transaction. A batch number already taken (another
// process sealed it first) is a Conflict.
func (t *Tx) AppendSeal(ctx context.Context, s *audit.Seal, links []audit.Link) error {
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO audit_seals (tenant_id, batch, first_seq, last_seq, prev_hash, hash, last_at,
		last_id, key_id, signature, sealed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.TenantID, s.Batch, s.FirstSeq, s.LastSeq, s.PrevHash[:], s.Hash[:], ts(s.LastAt), s.LastID, s.KeyID,
		s.Signature, ts(s.SealedAt)); err != nil {
		return err // a Conflict when another process sealed this batch first
	}
	for i := 0; i < len(links); i += chainRowsPerInsert {
		chunk := links[i:min(i+chainRowsPerInsert, len(links))]
		q := `INSERT INTO audit_chain (tenant_id, seq, batch, event_id, event_hash, chain_hash) VALUES `
		args := make([]any, 0, 6*len(chunk))
		for j := range chunk {
			if j > 0 {
				q += ", "
			}
			q += "(?, ?, ?, ?, ?, ?)"
			l := &chunk[j]
			args = append(args, s.TenantID, l.Seq, l.Batch, l.EventID, l.EventHash[:], l.Chain[:])
		}
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: append audit chain: %w", err)
		}
	}
	return nil
}

// chainRowsPerInsert keeps one insert's parameters under SQLite's limit.
const chainRowsPerInsert = 150

// AuditSeals returns every seal of tenantID in batch order.
func (t *Tx) AuditSeals(ctx context.Context, tenantID string) ([]audit.Seal, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+sealCols+` FROM audit_seals WHERE tenant_id = ? ORDER BY batch`, tenantID)
	if err != nil {
		return nil, err
	}
	return scanSeals(rows)
}

// chainAuditCols are auditCols of a left-joined event l, empty when there is none.
const chainAuditCols = `COALESCE(l.tenant_id, ''), COALESCE(l.id, ''), COALESCE(l.actor_id, ''), COALESCE(l.actor_email, ''),
	COALESCE(l.action, ''), COALESCE(l.resource_type, ''), COALESCE(l.resource_id, ''), COALESCE(l.outcome, ''),
	COALESCE(l.ip, ''), COALESCE(l.user_agent, ''), COALESCE(l.request_id, ''), l.details,
	l.created_at, COALESCE(l.impersonator_id, '')`

// AuditTenantsToPrune returns the tenants with an unpruned batch whose
// last event is older than before.
func (t *Tx) AuditTenantsToPrune(ctx context.Context, before time.Time) ([]string, error) {
	rows, err := t.query(ctx, `SELECT DISTINCT tenant_id FROM audit_seals WHERE pruned_at IS NULL AND last_at < ?`, ts(before))
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// PruneAudit removes, oldest first, up to maxBatches of tenantID's sealed
// batches whose last event is older than before: their events and chain
// positions go, their seals stay (marked pruned) so that the chain still
// verifies from the first batch. It returns how many batches it pruned.
//
// throughBatch caps the batches pruned (those not yet shipped to the
// tenant's storage stay); below 0, no cap.
func (t *Tx) PruneAudit(ctx context.Context, tenantID string, before, now time.Time, maxBatches int, throughBatch int64) (int, error) {
	if err := t.scope(tenantID); err != nil {
		return 0, err
	}
	var through sql.NullInt64
	if throughBatch < 0 {
		throughBatch = math.MaxInt64
	}
	if err := t.get(ctx, "", `SELECT MAX(batch) FROM (SELECT batch FROM audit_seals WHERE tenant_id = ? AND pruned_at IS NULL
		AND last_at < ? AND batch <= ? ORDER BY batch LIMIT ?) b`, []any{tenantID, ts(before), throughBatch, maxBatches}, &through); err != nil {
		return 0, err
	}
	if !through.Valid {
		return 0, nil
	}
	r, err := t.exec(ctx, `UPDATE audit_seals SET pruned_at = ? WHERE tenant_id = ? AND pruned_at IS NULL AND batch <= ?`,
		ts(now), tenantID, through.Int64)
	if err != nil {
		return 0, err
	}
	if _, err := t.exec(ctx, `DELETE FROM audit_logs WHERE tenant_id = ? AND id IN
		(SELECT event_id FROM audit_chain WHERE tenant_id = ? AND batch <= ?)`, tenantID, tenantID, through.Int64); err != nil {
		return 0, err
	}
	if _, err := t.exec(ctx, `DELETE FROM audit_chain WHERE tenant_id = ? AND batch <= ?`, tenantID, through.Int64); err != nil {
		return 0, err
	}
	return int(affected(r)), nil
}

const sealCols = `tenant_id, batch, first_seq, last_seq, prev_hash, hash, last_at, last_id, key_id, signature, sealed_at, pruned_at`

func scanSeals(rows *sql.Rows) ([]audit.Seal, error) {
	defer rows.Close()
	var out []audit.Seal
	for rows.Next() {
		var s audit.Seal
		var prev, hash []byte
		if err := rows.Scan(&s.TenantID, &s.Batch, &s.FirstSeq, &s.LastSeq, &prev, &hash, timeCol{&s.LastAt}, &s.LastID,
			&s.KeyID, &s.Signature, timeCol{&s.SealedAt}, nullTimeCol{&s.PrunedAt}); err != nil {
			return nil, fmt.Errorf("store: scan audit seal: %w", err)
		}
		copy(s.PrevHash[:], prev)
		copy(s.Hash[:], hash)
		out = append(out, s)
	}
	return out, rows.Err()
}

// zeroTimeCol scans a timestamp column that may be NULL (the zero time).
type zeroTimeCol struct{ t *time.Time }

func (c zeroTimeCol) Scan(src any) error {
	if src == nil {
		*c.t = time.Time{}
		return nil
	}
	return timeCol(c).Scan(src)
}

// AuditTenants returns every tenant with an audit event or a sealed batch.
func (t *Tx) AuditTenants(ctx context.Context) ([]string, error) {
	rows, err := t.query(ctx, `SELECT tenant_id FROM audit_logs UNION SELECT tenant_id FROM audit_seals ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// AuditSealedThrough returns the time before which every tenant's events
// are sealed (zero before the first complete round).
func (t *Tx) AuditSealedThrough(ctx context.Context) (time.Time, error) {
	rows, err := t.query(ctx, `SELECT sealed_through FROM audit_sealer WHERE id = 1`)
	if err != nil {
		return time.Time{}, err
	}
	defer rows.Close()
	var at time.Time
	if rows.Next() {
		if err := rows.Scan(timeCol{&at}); err != nil {
			return time.Time{}, fmt.Errorf("store: scan audit sealer: %w", err)
		}
	}
	return at, t.failed(rows.Err())
}

// SetAuditSealedThrough records that every tenant's events before at are
// sealed; it never moves the mark back.
func (t *Tx) SetAuditSealedThrough(ctx context.Context, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO audit_sealer (id, sealed_through) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET sealed_through = excluded.sealed_through
		WHERE audit_sealer.sealed_through < excluded.sealed_through`, ts(at))
	return err
}
