package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
)

const memberUserCols = memberCols + `, u.id, u.email, u.first_name, u.last_name, u.phone, u.is_platform_admin,
	u.is_active, u.created_at, u.updated_at`

func memberUserDest(m *membership.Member) []any {
	u := &m.User
	return append(memberDest(&m.Membership), &u.ID, &u.Email, &u.FirstName, &u.LastName, &u.Phone,
		&u.IsPlatformAdmin, &u.IsActive, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt})
}

// MemberFilter narrows a member listing; empty fields do not filter.
type MemberFilter struct {
	Role   membership.Role
	Status membership.Status
	Skip   int
	Limit  int
}

// ListMembers returns tenantID's members with their users, in the order
// they joined, and how many match in all.
func (t *Tx) ListMembers(ctx context.Context, tenantID string, f MemberFilter) ([]membership.Member, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	where, args := ` FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ?`, []any{tenantID}
	if f.Role != "" {
		where, args = where+` AND m.role = ?`, append(args, f.Role)
	}
	if f.Status != "" {
		where, args = where+` AND m.status = ?`, append(args, f.Status)
	}
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*)`+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+memberUserCols+where+` ORDER BY m.created_at, m.user_id LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []membership.Member{}
	for rows.Next() {
		var m membership.Member
		if err := rows.Scan(memberUserDest(&m)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan member: %w", err)
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// GetMember returns userID's membership of tenantID, in any status, with the user.
func (t *Tx) GetMember(ctx context.Context, tenantID, userID string) (*membership.Member, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var m membership.Member
	if err := t.get(ctx, "member_not_found", `SELECT `+memberUserCols+` FROM memberships m
		JOIN users u ON u.id = m.user_id WHERE m.tenant_id = ? AND m.user_id = ?`,
		[]any{tenantID, userID}, memberUserDest(&m)...); err != nil {
		return nil, err
	}
	return &m, nil
}

// UpdateMembership writes a membership's role, outlets, status and update time.
func (t *Tx) UpdateMembership(ctx context.Context, m *membership.Membership) error {
	if err := t.scope(m.TenantID); err != nil {
		return err
	}
	outlets, err := jsonArg(nonNil(m.OutletIDs))
	if err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE memberships SET role = ?, outlet_ids = ?, status = ?, updated_at = ?
		WHERE tenant_id = ? AND user_id = ?`, m.Role, outlets, m.Status, ts(m.UpdatedAt), m.TenantID, m.UserID)
	return notFoundIfNone(r, err, "member_not_found")
}

// ActiveMembersWithRole lists the user ids of tenantID's active members who
// hold role.
func (t *Tx) ActiveMembersWithRole(ctx context.Context, tenantID string, role membership.Role) ([]string, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT m.user_id FROM memberships m WHERE m.tenant_id = ? AND m.role = ?
		AND m.status = 'active' ORDER BY m.user_id`, tenantID, role)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// CountOtherMemberships returns how many memberships, in any status, userID
// has in tenants other than exceptTenant. It needs a system transaction: a
// tenant one cannot see other tenants' memberships.
func (t *Tx) CountOtherMemberships(ctx context.Context, userID, exceptTenant string) (int, error) {
	if !t.system {
		return 0, errors.New("store: CountOtherMemberships needs a system transaction")
	}
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM memberships WHERE user_id = ? AND tenant_id <> ?`,
		[]any{userID, exceptTenant}, &n)
	return n, err
}

// SetUserDetails writes a user's names and phone.
func (t *Tx) SetUserDetails(ctx context.Context, userID, firstName, lastName, phone string, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET first_name = ?, last_name = ?, phone = ?, updated_at = ? WHERE id = ?`,
		firstName, lastName, phone, ts(now), userID)
	return notFoundIfNone(r, err, "user_not_found")
}
