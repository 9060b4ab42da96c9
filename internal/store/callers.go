package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/tenant"
)

// Caller is what an access token's subject resolves to on one request: the
// user's state, their membership of the tenant in question, the tenant's
// state and whether the token, or the session it belongs to, was revoked.
// Empty strings mean "none".
type Caller struct {
	Email         string
	UserActive    bool
	PlatformAdmin bool
	Role          membership.Role
	MemberStatus  membership.Status
	OutletIDs     []string
	TenantStatus  tenant.Status
	TokenRevoked  bool
	// SessionRevoked reports that the token's refresh family was revoked
	// (refresh-token reuse, logout): its access tokens are void too.
	SessionRevoked bool
	// SessionsEndedAt is when the user's sessions (in this tenant, or
	// everywhere) were last ended; tokens issued before it are void.
	SessionsEndedAt *time.Time
}

// Caller resolves userID in tenantID ("" for none) for the token jti of the
// session (refresh family) sid, in one query; refresh_tokens_family serves
// the session check.
func (t *Tx) Caller(ctx context.Context, userID, tenantID, jti, sid string) (*Caller, error) {
	if tenantID != "" {
		if err := t.scope(tenantID); err != nil {
			return nil, err
		}
	}
	var c Caller
	var userEnded, memberEnded *time.Time
	err := t.get(ctx, "user_not_found", `SELECT u.email, u.is_active, u.is_platform_admin,
		COALESCE(m.role, ''), COALESCE(m.status, ''), COALESCE(m.outlet_ids, '[]'), COALESCE(t.status, ''),
		EXISTS (SELECT 1 FROM revoked_access_tokens r WHERE r.jti = ?),
		EXISTS (SELECT 1 FROM refresh_tokens f WHERE f.family_id = ? AND f.revoked_at IS NOT NULL),
		u.sessions_ended_at, m.sessions_ended_at
		FROM users u
		LEFT JOIN memberships m ON m.tenant_id = ? AND m.user_id = u.id
		LEFT JOIN tenants t ON t.id = ?
		WHERE u.id = ?`, []any{jti, sid, tenantID, tenantID, userID},
		&c.Email, &c.UserActive, &c.PlatformAdmin, &c.Role, &c.MemberStatus, jsonCol{&c.OutletIDs},
		&c.TenantStatus, &c.TokenRevoked, &c.SessionRevoked, nullTimeCol{&userEnded}, nullTimeCol{&memberEnded})
	if err != nil {
		return nil, err
	}
	c.SessionsEndedAt = userEnded
	if memberEnded != nil && (userEnded == nil || memberEnded.After(*userEnded)) {
		c.SessionsEndedAt = memberEnded
	}
	return &c, nil
}

// RevokeAccessToken ends an access token before its expiry and forgets
// revocations whose tokens have expired anyway.
func (t *Tx) RevokeAccessToken(ctx context.Context, jti, userID string, expires, now time.Time) error {
	if _, err := t.exec(ctx, `DELETE FROM revoked_access_tokens WHERE expires_at < ?`, ts(now)); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO revoked_access_tokens (jti, user_id, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (jti) DO NOTHING`, jti, userID, ts(expires))
	return err
}
