package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
)

// AuditKey is a position in (tenant_id, id) order, for paging every
// tenant's events.
type AuditKey struct{ TenantID, ID string }

// PersonAuditEvents returns up to limit audit events, in every tenant,
// after position after in (tenant_id, id) order, that may name the
// person: as actor, target or impersonator, or anywhere in the details.
// The details match is loose (a substring, any case): the caller checks
// each event itself (system scope).
//
// Events of skipTenant (a tenant being erased, whose log goes anyway) are
// left out; "" leaves out none.
func (t *Tx) PersonAuditEvents(ctx context.Context, userID, email, skipTenant string, after AuditKey, limit int) ([]audit.Event, error) {
	if err := t.systemOnly("PersonAuditEvents"); err != nil {
		return nil, err
	}
	details := t.pick(Fragment{SQLite: `lower(details)`, Postgres: `lower(details::text)`})
	rows, err := t.query(ctx, `SELECT `+auditCols+` FROM audit_logs
		WHERE (actor_id = ? OR lower(actor_email) = ? OR resource_id = ? OR impersonator_id = ?
			OR `+details+` LIKE ? ESCAPE '\' OR `+details+` LIKE ? ESCAPE '\')
		AND (tenant_id > ? OR (tenant_id = ? AND id > ?)) AND tenant_id <> ?
		ORDER BY tenant_id, id LIMIT ?`,
		userID, strings.ToLower(email), userID, userID, containing(userID), containing(email),
		after.TenantID, after.TenantID, after.ID, skipTenant, limit)
	if err != nil {
		return nil, err
	}
	return scanAudit(rows)
}

// RedactAudit rewrites the audit event e.TenantID/e.ID to e (its
// identifier fields: actor, target, IP, user agent, details,
// impersonator) and records the redaction in the same transaction:
// the hash its chain position holds (or, not sealed yet, before, the hash
// it had before this rewrite) and the hash of e. The append-only guard lets
// the event change only while its redaction is pending, which it is
// between these statements only.
func (t *Tx) RedactAudit(ctx context.Context, before audit.Hash, e *audit.Event, pseudonym string, at time.Time) error {
	if err := t.scope(e.TenantID); err != nil {
		return err
	}
	var sealed []byte
	err := t.get(ctx, "", `SELECT event_hash FROM audit_chain WHERE tenant_id = ? AND event_id = ?`, []any{e.TenantID, e.ID}, &sealed)
	switch {
	case err == nil:
		copy(before[:], sealed)
	case !errs.Is(err, errs.NotFound):
		return err
	}
	if _, err := t.exec(ctx, `INSERT INTO audit_redactions (tenant_id, event_id, original_hash, pseudonym, pending, redacted_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id, event_id) DO UPDATE SET original_hash = excluded.original_hash, pseudonym = excluded.pseudonym,
			pending = excluded.pending, redacted_at = excluded.redacted_at`,
		e.TenantID, e.ID, before[:], pseudonym, true, ts(at)); err != nil {
		return err
	}
	details, err := jsonArg(e.Details)
	if err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE audit_logs SET actor_id = ?, actor_email = ?, resource_id = ?, ip = ?, user_agent = ?,
		details = ?, impersonator_id = ? WHERE tenant_id = ? AND id = ?`,
		e.ActorID, e.ActorEmail, e.ResourceID, e.IP, e.UserAgent, details, e.ImpersonatorID, e.TenantID, e.ID)
	if err = notFoundIfNone(r, err, "audit_event_not_found"); err != nil {
		return fmt.Errorf("store: redact audit event %s: %w", e.ID, err)
	}
	h := audit.EventHash(e)
	_, err = t.exec(ctx, `UPDATE audit_redactions SET pending = ?, redacted_hash = ? WHERE tenant_id = ? AND event_id = ?`,
		false, h[:], e.TenantID, e.ID)
	return err
}

// AuditRedactions returns tenantID's redaction records by event id.
func (t *Tx) AuditRedactions(ctx context.Context, tenantID string) (map[string]audit.Redaction, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT event_id, original_hash, redacted_hash FROM audit_redactions WHERE tenant_id = ?`, tenantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]audit.Redaction{}
	for rows.Next() {
		var r audit.Redaction
		var orig, red []byte
		if err := rows.Scan(&r.EventID, &orig, &red); err != nil {
			return nil, fmt.Errorf("store: scan audit redaction: %w", err)
		}
		copy(r.Original[:], orig)
		copy(r.Redacted[:], red)
		out[r.EventID] = r
	}
	return out, t.failed(rows.Err())
}

// ForgetUser replaces userID where other records name it as who did
// something (invites, API keys, settings, appointments, exports, erasure
// tombstones) by pseudonym, unlinks staff profiles from it, and deletes
// the invites and mail jobs addressed to email and the recorded
// deactivation changes that would restore its memberships (system scope). It returns how many
// rows it changed.
func (t *Tx) ForgetUser(ctx context.Context, userID, email, pseudonym string) (int64, error) {
	if err := t.systemOnly("ForgetUser"); err != nil {
		return 0, err
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE invites SET invited_by = ? WHERE invited_by = ?`, []any{pseudonym, userID}},
		{`UPDATE invites SET accepted_by = ? WHERE accepted_by = ?`, []any{pseudonym, userID}},
		{`DELETE FROM invites WHERE lower(email) = ?`, []any{strings.ToLower(email)}},
		{`UPDATE api_keys SET created_by = ? WHERE created_by = ?`, []any{pseudonym, userID}},
		{`UPDATE tenant_settings SET updated_by = ? WHERE updated_by = ?`, []any{pseudonym, userID}},
		{`UPDATE platform_settings SET updated_by = ? WHERE updated_by = ?`, []any{pseudonym, userID}},
		{`UPDATE appointments SET created_by = ? WHERE created_by = ?`, []any{pseudonym, userID}},
		{`UPDATE tenant_exports SET requested_by = ? WHERE requested_by = ?`, []any{pseudonym, userID}},
		{`UPDATE tenant_erasures SET requested_by = ?, requested_by_email = ? WHERE requested_by = ?`, []any{pseudonym, pseudonym, userID}},
		{`UPDATE staff SET user_id = '' WHERE user_id = ?`, []any{userID}},
		{`DELETE FROM tenant_changes WHERE ref_id = ? AND kind IN ('membership', 'user')`, []any{userID}},
		// Emails to them, sent or not: the job keeps the message.
		{`DELETE FROM jobs WHERE kind = 'mail' AND ` + t.pick(Fragment{SQLite: `lower(payload)`, Postgres: `lower(payload::text)`}) +
			` LIKE ? ESCAPE '\'`, []any{containing(email)}},
	}
	var n int64
	for _, s := range stmts {
		r, err := t.exec(ctx, s.q, s.args...)
		if err != nil {
			return 0, fmt.Errorf("store: forget user %s: %w", userID, err)
		}
		n += affected(r)
	}
	return n, nil
}

// SoleOwnerTenants returns the active tenants whose only active owner is
// userID (system scope): such a user must hand over ownership first.
func (t *Tx) SoleOwnerTenants(ctx context.Context, userID string) ([]string, error) {
	if err := t.systemOnly("SoleOwnerTenants"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT m.tenant_id FROM memberships m JOIN tenants n ON n.id = m.tenant_id
		WHERE m.user_id = ? AND m.role = ? AND m.status = ? AND n.status = ?
		AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.tenant_id = m.tenant_id AND o.user_id <> m.user_id
			AND o.role = ? AND o.status = ?)
		ORDER BY m.tenant_id`, userID, "owner", "active", "active", "owner", "active")
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// UserTenants returns the tenants userID is a member of, in any status.
func (t *Tx) UserTenants(ctx context.Context, userID string) ([]string, error) {
	if err := t.systemOnly("UserTenants"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT tenant_id FROM memberships WHERE user_id = ? ORDER BY tenant_id`, userID)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// containing is a LIKE pattern (ESCAPE '\') matching any text that holds s,
// lower-cased, literally.
func containing(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s)) + "%"
}
