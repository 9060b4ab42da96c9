package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
)

const inviteCols = `tenant_id, id, email, role, outlet_ids, token_hash, invited_by, expires_at, accepted_at,
	accepted_by, revoked_at, created_at`

func inviteDest(i *membership.Invite) []any {
	return []any{&i.TenantID, &i.ID, &i.Email, &i.Role, jsonCol{&i.OutletIDs}, &i.Hash, &i.InvitedBy,
		timeCol{&i.ExpiresAt}, nullTimeCol{&i.AcceptedAt}, &i.AcceptedBy, nullTimeCol{&i.RevokedAt}, timeCol{&i.CreatedAt}}
}

// CreateInvite stores an invitation (its token's hash only) and revokes the
// tenant's earlier open invitations of the same email, so that only the
// newest one can be accepted. It reports how many it revoked.
func (t *Tx) CreateInvite(ctx context.Context, i *membership.Invite) (int64, error) {
	if err := t.scope(i.TenantID); err != nil {
		return 0, err
	}
	r, err := t.exec(ctx, `UPDATE invites SET revoked_at = ? WHERE tenant_id = ? AND email = ?
		AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
		ts(i.CreatedAt), i.TenantID, i.Email, ts(i.CreatedAt))
	if err != nil {
		return 0, err
	}
	outlets, err := jsonArg(nonNil(i.OutletIDs))
	if err != nil {
		return 0, err
	}
	_, err = t.exec(ctx, `INSERT INTO invites (tenant_id, id, email, role, outlet_ids, token_hash, invited_by,
		expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		i.TenantID, i.ID, i.Email, i.Role, outlets, i.Hash, i.InvitedBy, ts(i.ExpiresAt), ts(i.CreatedAt))
	return affected(r), err
}

// GetInvite returns invitation id of tenantID.
func (t *Tx) GetInvite(ctx context.Context, tenantID, id string) (*membership.Invite, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var i membership.Invite
	if err := t.get(ctx, "invite_not_found", `SELECT `+inviteCols+` FROM invites WHERE tenant_id = ? AND id = ?`,
		[]any{tenantID, id}, inviteDest(&i)...); err != nil {
		return nil, err
	}
	return &i, nil
}

// InviteByHash returns the invitation whose token has the given hash, in
// whatever state it is. A system transaction searches every tenant (the
// accept flow knows only the token); a tenant transaction only its own.
func (t *Tx) InviteByHash(ctx context.Context, hash string) (*membership.Invite, error) {
	q, args := `SELECT `+inviteCols+` FROM invites WHERE token_hash = ?`, []any{hash}
	if !t.system {
		q, args = q+` AND tenant_id = ?`, append(args, t.tenantID)
	}
	var i membership.Invite
	if err := t.get(ctx, "invalid_invite", q, args, inviteDest(&i)...); err != nil {
		return nil, err
	}
	return &i, nil
}

// InviteFilter narrows an invitation listing; Status "" lists every state.
type InviteFilter struct {
	Status membership.InviteStatus
	Skip   int
	Limit  int
}

// inviteStatusSQL is the condition selecting invitations in state s, and
// whether it takes the current moment as a parameter.
func inviteStatusSQL(s membership.InviteStatus) (cond string, atNow bool) {
	switch s {
	case membership.InvitePending:
		return ` AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, true
	case membership.InviteExpired:
		return ` AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= ?`, true
	case membership.InviteAccepted:
		return ` AND accepted_at IS NOT NULL`, false
	case membership.InviteRevoked:
		return ` AND accepted_at IS NULL AND revoked_at IS NOT NULL`, false
	}
	return "", false
}

// ListInvites returns tenantID's invitations in the state f names at now,
// newest first, and how many there are in all.
func (t *Tx) ListInvites(ctx context.Context, tenantID string, f InviteFilter, now time.Time) ([]membership.Invite, int, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, 0, err
	}
	cond, atNow := inviteStatusSQL(f.Status)
	where, args := ` FROM invites WHERE tenant_id = ?`+cond, []any{tenantID}
	if atNow {
		args = append(args, ts(now))
	}
	var total int
	if err := t.get(ctx, "", `SELECT COUNT(*)`+where, args, &total); err != nil {
		return nil, 0, err
	}
	rows, err := t.query(ctx, `SELECT `+inviteCols+where+` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Skip)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []membership.Invite{}
	for rows.Next() {
		var i membership.Invite
		if err := rows.Scan(inviteDest(&i)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan invite: %w", err)
		}
		out = append(out, i)
	}
	return out, total, rows.Err()
}

// RevokeInvite revokes invitation id of tenantID unless it was accepted or
// revoked already; it reports whether it did.
func (t *Tx) RevokeInvite(ctx context.Context, tenantID, id string, now time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	r, err := t.exec(ctx, `UPDATE invites SET revoked_at = ? WHERE tenant_id = ? AND id = ?
		AND accepted_at IS NULL AND revoked_at IS NULL`, ts(now), tenantID, id)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// AcceptInvite uses up invitation id of tenantID for userID. It reports
// false when the invitation was accepted or revoked already, or had expired
// at now, so that two concurrent acceptances cannot both win.
func (t *Tx) AcceptInvite(ctx context.Context, tenantID, id, userID string, now time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	r, err := t.exec(ctx, `UPDATE invites SET accepted_at = ?, accepted_by = ? WHERE tenant_id = ? AND id = ?
		AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, ts(now), userID, tenantID, id, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
