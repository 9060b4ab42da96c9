package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// CreateLoginToken stores a minted login token (its hash only) and purges
// the tenant's tokens that expired before it was made.
func (t *Tx) CreateLoginToken(ctx context.Context, k *auth.LoginToken) error {
	if err := t.scope(k.TenantID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM login_tokens WHERE tenant_id = ? AND expires_at < ?`,
		k.TenantID, ts(k.CreatedAt)); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO login_tokens (tenant_id, id, token_hash, issued_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, k.TenantID, k.ID, k.Hash, k.IssuedBy, ts(k.CreatedAt), ts(k.ExpiresAt))
	return err
}

// SpendLoginToken uses up tenantID's unused, unexpired token of hash at now.
// It reports false when there is none (unknown, another tenant's, spent or
// expired), so that of two attempts presenting one token exactly one wins.
func (t *Tx) SpendLoginToken(ctx context.Context, tenantID, hash string, now time.Time) (bool, error) {
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	r, err := t.exec(ctx, `UPDATE login_tokens SET used_at = ?
		WHERE tenant_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?`, ts(now), tenantID, hash, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
