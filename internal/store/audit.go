package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tenantry/tenantry/internal/audit"
)

// AppendAudit records an audit event in the current transaction, so that it
// commits or rolls back with the change it describes, with the webhook
// deliveries of the event it becomes (package webhook).
func (t *Tx) AppendAudit(ctx context.Context, e *audit.Event) error {
	if err := t.scope(e.TenantID); err != nil {
		return err
	}
	details, err := jsonArg(audit.Redact(e.Details))
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO audit_logs (tenant_id, id, actor_id, actor_email, action, resource_type,
		resource_id, outcome, ip, user_agent, request_id, details, created_at, impersonator_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.TenantID, e.ID, e.ActorID, e.ActorEmail, e.Action, e.ResourceType, e.ResourceID, e.Outcome,
		e.IP, e.UserAgent, e.RequestID, details, ts(e.CreatedAt), e.ImpersonatorID)
	if err != nil {
		return err
	}
	// A change that becomes a webhook event is queued for its endpoints
	// here, in the same transaction (webhook_deliveries.go).
	return t.queueWebhooks(ctx, e)
}

// ListAudit returns audit events newest first (created_at, then id,
// descending: the audit_logs_tenant_time and audit_logs_time_id indexes'
// order) with the total matching count. An empty f.TenantID lists every
// tenant (system scope only). A keyset page (f.After) reads only its own
// rows however deep it is.
func (t *Tx) ListAudit(ctx context.Context, f audit.Filter) ([]audit.Event, int, error) {
	where, args := " WHERE 1=1", []any{}
	if f.TenantID != "" {
		if err := t.scope(f.TenantID); err != nil {
			return nil, 0, err
		}
		where += " AND tenant_id = ?"
		args = append(args, f.TenantID)
	} else if !t.system {
		where += " AND tenant_id = ?"
		args = append(args, t.tenantID)
	}
	for _, c := range []struct{ col, v string }{{"action", f.Action}, {"actor_id", f.ActorID},
		{"resource_type", f.ResourceType}, {"resource_id", f.ResourceID}, {"outcome", string(f.Outcome)}} {
		if c.v != "" {
			where += " AND " + c.col + " = ?"
			args = append(args, c.v)
		}
	}
	if !f.From.IsZero() {
		where += " AND created_at >= ?"
		args = append(args, ts(f.From))
	}
	if !f.To.IsZero() {
		where += " AND created_at < ?"
		args = append(args, ts(f.To))
	}
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*) FROM audit_logs`+where, args, &total); err != nil {
		return nil, 0, err
	}
	page := ` LIMIT ? OFFSET ?`
	if f.After != nil {
		// The first condition is the index range, the second the tie-break.
		where += ` AND created_at <= ? AND (created_at < ? OR id < ?)`
		args = append(args, ts(f.After.CreatedAt), ts(f.After.CreatedAt), f.After.ID, f.Limit)
		page = ` LIMIT ?`
	} else {
		args = append(args, f.Limit, f.Skip)
	}
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs`+where+
		` ORDER BY created_at DESC, id DESC`+page, args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanAudit(rows)
	return out, total, err
}

const auditCols = `tenant_id, id, actor_id, actor_email, action, resource_type, resource_id,
	outcome, ip, user_agent, request_id, details, created_at, impersonator_id`

// auditDest are the scan destinations of auditCols into e.
func auditDest(e *audit.Event) []any {
	return []any{&e.TenantID, &e.ID, &e.ActorID, &e.ActorEmail, &e.Action, &e.ResourceType,
		&e.ResourceID, &e.Outcome, &e.IP, &e.UserAgent, &e.RequestID, jsonCol{&e.Details}, timeCol{&e.CreatedAt},
		&e.ImpersonatorID}
}

func scanAudit(rows *sql.Rows) ([]audit.Event, error) {
	defer rows.Close()
	var out []audit.Event
	for rows.Next() {
		var e audit.Event
		if err := rows.Scan(auditDest(&e)...); err != nil {
			return nil, fmt.Errorf("store: scan audit event: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
