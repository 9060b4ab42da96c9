package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/plan"
)

// Usage counts every meter of a tenant from its rows at now, in one
// statement. The same counts answer GET /api/v1/subscriptions/usage, decide
// whether a downgrade fits, and (inside the creating transaction, under the
// tenant's meter lock) whether a creation stays within the plan. Meters
// appointments_per_month is the appointments created in now's calendar month
// in the tenant's time zone (its settings). Staff are the live
// (not deleted) staff profiles, active or not. api_requests_per_month is the API-key requests of now's calendar
// month (UTC) that the processes have flushed to request_meters (a few
// seconds behind; app adds what this process still holds). Deleted outlets do not count; storage is the sum of the sizes of
// the tenant's stored files (tenant_files).
func (t *Tx) Usage(ctx context.Context, tenantID string, now time.Time) (plan.Usage, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var outlets, members, invites, staff, keys, storage, requests, booked int64
	var settings string
	month, _ := metering.MonthStart(now)
	err := t.get(ctx, "tenant_not_found", `SELECT
		(SELECT COUNT(*) FROM outlets WHERE tenant_id = ? AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM memberships WHERE tenant_id = ? AND status = 'active'),
		(SELECT COUNT(*) FROM invites WHERE tenant_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?),
		(SELECT COUNT(*) FROM staff WHERE tenant_id = ? AND deleted_at IS NULL),
		(SELECT COUNT(*) FROM api_keys WHERE tenant_id = ? AND revoked_at IS NULL),
		(SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM tenant_files WHERE tenant_id = ?),
		(SELECT CAST(COALESCE(SUM(api_key_requests), 0) AS BIGINT) FROM request_meters WHERE tenant_id = ? AND hour >= ?),
		(SELECT settings FROM tenants WHERE id = ?)`,
		[]any{tenantID, tenantID, tenantID, ts(now), tenantID, tenantID, tenantID, tenantID, ts(month), tenantID},
		&outlets, &members, &invites, &staff, &keys, &storage, &requests, &settings)
	if err != nil {
		return nil, err
	}
	from, to := localMonth(now, settings)
	if booked, err = t.AppointmentsCreated(ctx, tenantID, from, to); err != nil {
		return nil, err
	}
	u := plan.Usage{}
	for _, m := range plan.Meters() {
		u[m] = 0
	}
	u[plan.Outlets], u[plan.Members], u[plan.APIKeys], u[plan.StorageBytes] = outlets, members+invites, keys, storage
	u[plan.Staff], u[plan.AppointmentsPerMonth] = staff, booked
	u[plan.APIRequestsPerMonth] = requests
	return u, nil
}

// PendingInvitesFor counts tenantID's invitations of email still open at
// now: those a new invitation of the same email replaces (CreateInvite
// revokes them), so that re-inviting takes no second seat on the members
// meter.
func (t *Tx) PendingInvitesFor(ctx context.Context, tenantID, email string, now time.Time) (int64, error) {
	if err := t.scope(tenantID); err != nil {
		return 0, err
	}
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM invites WHERE tenant_id = ? AND email = ?
		AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, []any{tenantID, email, ts(now)}, &n)
	return n, err
}

// localMonth is the calendar month holding now in the time zone of a
// tenant's stored settings (UTC when unset or unknown), as [from, to).
func localMonth(now time.Time, settings string) (from, to time.Time) {
	var row settingsRow
	loc := time.UTC
	if json.Unmarshal([]byte(settings), &row) == nil && row.Timezone != "" {
		if l, err := time.LoadLocation(row.Timezone); err == nil {
			loc = l
		}
	}
	y, m, _ := now.In(loc).Date()
	from = time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(0, 1, 0)
}
