package store

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// CreateRefreshToken stores a refresh token (its hash only).
func (t *Tx) CreateRefreshToken(ctx context.Context, r *auth.RefreshToken) error {
	_, err := t.exec(ctx, `INSERT INTO refresh_tokens (id, family_id, user_id, tenant_id, env, amr, token_hash,
		expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.FamilyID, r.UserID, r.TenantID, r.Env, strings.Join(r.AMR, " "), r.Hash, ts(r.ExpiresAt), ts(r.CreatedAt))
	return err
}

// refreshCols are the columns refreshToken reads.
const refreshCols = `id, family_id, user_id, tenant_id, env, amr, token_hash, expires_at, used_at, revoked_at, created_at`

// RefreshTokenByHash returns the stored refresh token with the given hash.
func (t *Tx) RefreshTokenByHash(ctx context.Context, hash string) (*auth.RefreshToken, error) {
	return t.refreshToken(ctx, `SELECT `+refreshCols+` FROM refresh_tokens WHERE token_hash = ?`, hash)
}

// ClaimRefreshToken marks the refresh token with the given hash used, in
// one statement, and returns it with true. When it was used or revoked
// already it changes nothing and returns it with false, so that two
// concurrent refreshes cannot both win; NotFound when there is none.
func (t *Tx) ClaimRefreshToken(ctx context.Context, hash string, now time.Time) (*auth.RefreshToken, bool, error) {
	r, err := t.refreshToken(ctx, `UPDATE refresh_tokens SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL RETURNING `+refreshCols, ts(now), hash)
	if !errs.Is(err, errs.NotFound) {
		return r, err == nil, err
	}
	r, err = t.RefreshTokenByHash(ctx, hash)
	return r, false, err
}

func (t *Tx) refreshToken(ctx context.Context, q string, args ...any) (*auth.RefreshToken, error) {
	var r auth.RefreshToken
	var amr string
	err := t.get(ctx, "refresh_token_invalid", q, args,
		&r.ID, &r.FamilyID, &r.UserID, &r.TenantID, &r.Env, &amr, &r.Hash, timeCol{&r.ExpiresAt},
		nullTimeCol{&r.UsedAt}, nullTimeCol{&r.RevokedAt}, timeCol{&r.CreatedAt})
	if err != nil {
		return nil, err
	}
	r.AMR = strings.Fields(amr)
	return &r, nil
}

// RevokeFamily revokes every token of a refresh family.
func (t *Tx) RevokeFamily(ctx context.Context, familyID string, now time.Time) error {
	_, err := t.exec(ctx, `UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`, ts(now), familyID)
	return err
}

// RevokeUserSessions ends a user's sessions as of now: their refresh tokens
// are revoked and access tokens issued before now stop working. With a
// tenantID only the sessions in that tenant end; with "" every session does.
func (t *Tx) RevokeUserSessions(ctx context.Context, userID, tenantID string, now time.Time) error {
	q, args := `UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, []any{ts(now), userID}
	end, endArgs := `UPDATE users SET sessions_ended_at = ? WHERE id = ?`, []any{ts(now), userID}
	if tenantID != "" {
		if err := t.scope(tenantID); err != nil {
			return err
		}
		q += ` AND tenant_id = ?`
		args = append(args, tenantID)
		end, endArgs = `UPDATE memberships SET sessions_ended_at = ? WHERE tenant_id = ? AND user_id = ?`, []any{ts(now), tenantID, userID}
	}
	if _, err := t.exec(ctx, q, args...); err != nil {
		return err
	}
	_, err := t.exec(ctx, end, endArgs...)
	return err
}
