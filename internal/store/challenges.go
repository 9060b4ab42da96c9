package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// CreateMFAChallenge stores a login's pending second step (its token hashed).
func (t *Tx) CreateMFAChallenge(ctx context.Context, c *auth.MFAChallenge) error {
	_, err := t.exec(ctx, `INSERT INTO mfa_challenges (id, token_hash, user_id, tenant_id, method, enroll, attempts,
		expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.Hash, c.UserID, c.TenantID, c.Method, c.Enroll, c.Attempts, ts(c.ExpiresAt), ts(c.CreatedAt))
	return err
}

// MFAChallengeByHash returns the challenge whose token has the given hash.
func (t *Tx) MFAChallengeByHash(ctx context.Context, hash string) (*auth.MFAChallenge, error) {
	var c auth.MFAChallenge
	err := t.get(ctx, "mfa_challenge_not_found", `SELECT id, token_hash, user_id, tenant_id, method, enroll, attempts,
		expires_at, used_at, created_at FROM mfa_challenges WHERE token_hash = ?`, []any{hash},
		&c.ID, &c.Hash, &c.UserID, &c.TenantID, &c.Method, &c.Enroll, &c.Attempts,
		timeCol{&c.ExpiresAt}, nullTimeCol{&c.UsedAt}, timeCol{&c.CreatedAt})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// FailMFAChallenge counts a wrong answer to a challenge. It reports false
// when the challenge had no attempt left (or was used), so that concurrent
// wrong answers never get more than auth.MFAMaxAttempts tries between them.
func (t *Tx) FailMFAChallenge(ctx context.Context, id string) (bool, error) {
	r, err := t.exec(ctx, `UPDATE mfa_challenges SET attempts = attempts + 1
		WHERE id = ? AND attempts < ? AND used_at IS NULL`, id, auth.MFAMaxAttempts)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// UseMFAChallenge spends a challenge. It reports false when it was already
// used, has no attempt left or has expired, so it completes one login at most.
func (t *Tx) UseMFAChallenge(ctx context.Context, id string, now time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE mfa_challenges SET used_at = ?
		WHERE id = ? AND used_at IS NULL AND attempts < ? AND expires_at > ?`, ts(now), id, auth.MFAMaxAttempts, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// DeleteExpiredMFAChallenges removes the user's challenges that expired
// before cutoff and returns how many it removed.
func (t *Tx) DeleteExpiredMFAChallenges(ctx context.Context, userID string, cutoff time.Time) (int64, error) {
	r, err := t.exec(ctx, `DELETE FROM mfa_challenges WHERE user_id = ? AND expires_at < ?`, userID, ts(cutoff))
	if err != nil {
		return 0, err
	}
	return affected(r), nil
}
