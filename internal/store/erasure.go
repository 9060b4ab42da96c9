package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// States of a tenant erasure.
const (
	ErasurePending = "pending" // requested; its job is queued
	ErasureErasing = "erasing" // only inside the erase transaction: the guards let the tenant's rows go
	ErasureErased  = "erased"  // done: the row is the tenant's tombstone
)

// TenantErasure is the platform's record of a tenant's deliberate erasure:
// requested, then carried out by its job. Once erased it is the tenant's
// tombstone, and its slug stays reserved.
type TenantErasure struct {
	TenantID          string
	Slug              string
	RequestedBy       string // the platform admin's user id
	RequestedByEmail  string
	Reason            string
	Forced            bool       // erased without a completed export
	ExportCompletedAt *time.Time // the export it relied on, nil when forced without one
	JobID             string
	State             string
	RowsDeleted       int64
	UsersDeleted      int64
	RequestedAt       time.Time
	ErasedAt          *time.Time
}

const erasureCols = `erased_tenant_id, slug, requested_by, requested_by_email, reason, forced, export_completed_at,
	job_id, state, rows_deleted, users_deleted, requested_at, erased_at`

// RequestErasure records a requested erasure, pending (system scope). A
// tenant with an erasure already recorded is a Conflict.
func (t *Tx) RequestErasure(ctx context.Context, e *TenantErasure) error {
	if err := t.systemOnly("RequestErasure"); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_erasures (`+erasureCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, NULL)`,
		e.TenantID, e.Slug, e.RequestedBy, e.RequestedByEmail, e.Reason, e.Forced, tsp(e.ExportCompletedAt), e.JobID,
		ErasurePending, ts(e.RequestedAt))
	if err != nil && errs.Is(err, errs.Conflict) {
		return errs.E(errs.Conflict, "erasure_requested", "This tenant's erasure is already requested.")
	}
	return err
}

// GetErasure returns the erasure recorded for tenantID (system scope).
func (t *Tx) GetErasure(ctx context.Context, tenantID string) (*TenantErasure, error) {
	if err := t.scope(tenantID); err != nil { // a tenant transaction sees no other tenant
		return nil, err
	}
	if err := t.systemOnly("GetErasure"); err != nil {
		return nil, err
	}
	var e TenantErasure
	err := t.get(ctx, "erasure_not_found", `SELECT `+erasureCols+` FROM tenant_erasures WHERE erased_tenant_id = ?`,
		[]any{tenantID}, &e.TenantID, &e.Slug, &e.RequestedBy, &e.RequestedByEmail, &e.Reason, &e.Forced,
		nullTimeCol{&e.ExportCompletedAt}, &e.JobID, &e.State, &e.RowsDeleted, &e.UsersDeleted, timeCol{&e.RequestedAt},
		nullTimeCol{&e.ErasedAt})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// CancelErasure removes tenantID's pending erasure (its job found the
// tenant active again), which frees it for a new request.
func (t *Tx) CancelErasure(ctx context.Context, tenantID string) error {
	if err := t.scope(tenantID); err != nil { // a tenant transaction sees no other tenant
		return err
	}
	if err := t.systemOnly("CancelErasure"); err != nil {
		return err
	}
	r, err := t.exec(ctx, `DELETE FROM tenant_erasures WHERE erased_tenant_id = ? AND state = ?`, tenantID, ErasurePending)
	return notFoundIfNone(r, err, "erasure_not_found")
}

// erasedTables are the tables holding rows of a tenant, children before
// their parents so that no foreign key is left dangling mid-way; the
// tenants row goes last. A table added with a tenant_id column must be
// added here: the erasure test reads the catalog and fails on a row left.
var erasedTables = []string{
	"webhook_deliveries", "webhook_endpoints", "appointments", "staff_services", "staff_outlets", "service_outlets", "staff", "services", "customers", "tenant_counters",
	"tenant_exports", "tenant_imports", "audit_redactions", "audit_chain", "audit_seals", "audit_logs",
	"storage_configs", "request_meters", "tenant_settings", "gateway_credentials", "tenant_files", "payments",
	"login_tokens", "api_keys", "invites", "outlets", "mfa_challenges", "auth_configs", "refresh_tokens", "tenant_changes",
	"subscriptions", "memberships", "jobs",
}

// EraseTenant deletes every row of tenantID in every table, the tenant
// itself last, then the users it names (those who belong to no other
// tenant, see TenantOnlyUsers, taken before), and marks its erasure erased
// at at with what it deleted. The erasure is erasing only inside this
// transaction: that state is what lets the audit log's append-only guards
// delete the tenant's events, chain and seals. It returns how many rows
// it deleted (users' rows included).
func (t *Tx) EraseTenant(ctx context.Context, tenantID string, users []string, at time.Time) (int64, error) {
	if err := t.scope(tenantID); err != nil { // a tenant transaction sees no other tenant
		return 0, err
	}
	if err := t.systemOnly("EraseTenant"); err != nil {
		return 0, err
	}
	r, err := t.exec(ctx, `UPDATE tenant_erasures SET state = ? WHERE erased_tenant_id = ? AND state = ?`,
		ErasureErasing, tenantID, ErasurePending)
	if err = notFoundIfNone(r, err, "erasure_not_found"); err != nil {
		return 0, err
	}
	var n int64
	for _, table := range erasedTables {
		r, err := t.exec(ctx, `DELETE FROM `+table+` WHERE tenant_id = ?`, tenantID)
		if err != nil {
			return 0, fmt.Errorf("store: erase tenant %s from %s: %w", tenantID, table, err)
		}
		n += affected(r)
	}
	t.Touch(TenantsTopic)
	t.Touch(OutletsTopic)
	if r, err = t.exec(ctx, `DELETE FROM tenants WHERE id = ?`, tenantID); err != nil {
		return 0, fmt.Errorf("store: erase tenant %s: %w", tenantID, err)
	}
	n += affected(r)
	if err := t.releaseSlug(ctx, tenantID); err != nil {
		return 0, err
	}
	for _, u := range users {
		d, err := t.DeleteUser(ctx, u)
		if err != nil {
			return 0, err
		}
		n += d
	}
	_, err = t.exec(ctx, `UPDATE tenant_erasures SET state = ?, rows_deleted = ?, users_deleted = ?, erased_at = ?
		WHERE erased_tenant_id = ?`, ErasureErased, n, len(users), ts(at), tenantID)
	return n, err
}

// TenantOnlyUsers returns the members of tenantID who belong to no other
// tenant and are not platform admins: those erased with it.
func (t *Tx) TenantOnlyUsers(ctx context.Context, tenantID string) ([]string, error) {
	if err := t.scope(tenantID); err != nil { // a tenant transaction sees no other tenant
		return nil, err
	}
	if err := t.systemOnly("TenantOnlyUsers"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.tenant_id = ? AND NOT u.is_platform_admin
		AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.user_id = m.user_id AND o.tenant_id <> m.tenant_id)
		ORDER BY m.user_id`, tenantID)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// userTables are the tables holding a user's own rows (sessions, MFA,
// codes, picture, memberships), keyed by user_id; the users row goes last.
var userTables = []string{
	"revoked_access_tokens", "refresh_tokens", "mfa_challenges", "user_recovery_codes", "user_totp",
	"password_stamps", "password_resets", "otp_codes", "user_pictures", "memberships",
}

// DeleteUser deletes userID and every row of its own: sessions, MFA,
// one-time codes, resets, picture and memberships (system scope). It
// returns how many rows it deleted; an unknown user is NotFound.
func (t *Tx) DeleteUser(ctx context.Context, userID string) (int64, error) {
	if err := t.systemOnly("DeleteUser"); err != nil {
		return 0, err
	}
	var email string
	if err := t.get(ctx, "user_not_found", `SELECT email FROM users WHERE id = ?`, []any{userID}, &email); err != nil {
		return 0, err
	}
	var n int64
	for _, table := range userTables {
		r, err := t.exec(ctx, `DELETE FROM `+table+` WHERE user_id = ?`, userID)
		if err != nil {
			return 0, fmt.Errorf("store: delete user %s from %s: %w", userID, table, err)
		}
		n += affected(r)
	}
	r, err := t.exec(ctx, `DELETE FROM otp_codes WHERE email = ?`, email) // codes asked for by address
	if err != nil {
		return 0, err
	}
	n += affected(r)
	if r, err = t.exec(ctx, `DELETE FROM users WHERE id = ?`, userID); err != nil {
		return 0, fmt.Errorf("store: delete user %s: %w", userID, err)
	}
	return n + affected(r), nil
}
