package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
)

const memberCols = `m.tenant_id, m.user_id, m.id, m.role, m.outlet_ids, m.status, m.created_at, m.updated_at`

func memberDest(m *membership.Membership) []any {
	return []any{&m.TenantID, &m.UserID, &m.ID, &m.Role, jsonCol{&m.OutletIDs}, &m.Status,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}}
}

// CreateMembership inserts a membership.
func (t *Tx) CreateMembership(ctx context.Context, m *membership.Membership) error {
	if err := t.scope(m.TenantID); err != nil {
		return err
	}
	outlets, err := jsonArg(nonNil(m.OutletIDs))
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO memberships (tenant_id, user_id, id, role, outlet_ids, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		m.TenantID, m.UserID, m.ID, m.Role, outlets, m.Status, ts(m.CreatedAt), ts(m.UpdatedAt))
	return err
}

// GetMembership returns userID's membership of tenantID.
func (t *Tx) GetMembership(ctx context.Context, tenantID, userID string) (*membership.Membership, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var m membership.Membership
	if err := t.get(ctx, "member_not_found", `SELECT `+memberCols+` FROM memberships m
		WHERE m.tenant_id = ? AND m.user_id = ?`, []any{tenantID, userID}, memberDest(&m)...); err != nil {
		return nil, err
	}
	return &m, nil
}

// SetMembershipStatus changes the status of userID's membership of tenantID.
func (t *Tx) SetMembershipStatus(ctx context.Context, tenantID, userID string, s membership.Status, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE memberships SET status = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?`,
		s, ts(now), tenantID, userID)
	return notFoundIfNone(r, err, "member_not_found")
}

// ActiveNonPlatformMembers lists the user ids of tenantID's active members who are
// not platform admins.
func (t *Tx) ActiveNonPlatformMembers(ctx context.Context, tenantID string) ([]string, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.tenant_id = ? AND m.status = 'active' AND u.is_platform_admin = ? ORDER BY m.user_id`, tenantID, false)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// CountOtherActiveMemberships returns how many active memberships userID has in
// active tenants other than exceptTenant (system scope).
func (t *Tx) CountOtherActiveMemberships(ctx context.Context, userID, exceptTenant string) (int, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id
		WHERE m.user_id = ? AND m.tenant_id <> ? AND m.status = 'active' AND t.status = 'active'`,
		[]any{userID, exceptTenant}, &n)
	return n, err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
