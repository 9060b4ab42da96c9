package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

// SetUserPassword replaces a user's password hash.
func (t *Tx) SetUserPassword(ctx context.Context, userID, hash string, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, ts(now), userID)
	return notFoundIfNone(r, err, "user_not_found")
}

// CreatePasswordReset stores a reset token (its hash only) and retires every
// earlier unused token of the same user, so that only the newest link works.
// Decoys (UserID "") retire nothing.
func (t *Tx) CreatePasswordReset(ctx context.Context, r *identity.PasswordReset) error {
	if r.UserID != "" {
		if _, err := t.exec(ctx, `UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`,
			ts(r.CreatedAt), r.UserID); err != nil {
			return err
		}
	}
	_, err := t.exec(ctx, `INSERT INTO password_resets (id, user_id, token_hash, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?)`, r.ID, r.UserID, r.Hash, ts(r.ExpiresAt), ts(r.CreatedAt))
	return err
}

// PasswordResetByHash returns the reset token with the given hash.
func (t *Tx) PasswordResetByHash(ctx context.Context, hash string) (*identity.PasswordReset, error) {
	var r identity.PasswordReset
	err := t.get(ctx, "reset_token_not_found", `SELECT id, user_id, token_hash, expires_at, used_at, created_at
		FROM password_resets WHERE token_hash = ?`, []any{hash},
		&r.ID, &r.UserID, &r.Hash, timeCol{&r.ExpiresAt}, nullTimeCol{&r.UsedAt}, timeCol{&r.CreatedAt})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// UsePasswordReset consumes reset token id. It reports false when the token
// was used or had expired at now, so that a link resets a password once.
func (t *Tx) UsePasswordReset(ctx context.Context, id string, now time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?`,
		ts(now), id, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// PurgePasswordResets deletes the reset tokens that expired before a moment
// and reports how many.
func (t *Tx) PurgePasswordResets(ctx context.Context, before time.Time) (int64, error) {
	r, err := t.exec(ctx, `DELETE FROM password_resets WHERE expires_at < ?`, ts(before))
	if err != nil {
		return 0, err
	}
	return affected(r), nil
}

// CreatePasswordStamp stores a password change stamp (its hash only) and
// deletes the user's stamps that expired before it was made.
func (t *Tx) CreatePasswordStamp(ctx context.Context, s *identity.PasswordStamp) error {
	if _, err := t.exec(ctx, `DELETE FROM password_stamps WHERE user_id = ? AND expires_at < ?`,
		s.UserID, ts(s.CreatedAt)); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO password_stamps (id, user_id, stamp_hash, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?)`, s.ID, s.UserID, s.Hash, ts(s.ExpiresAt), ts(s.CreatedAt))
	return err
}

// PasswordStampByHash returns the stamp with the given hash.
func (t *Tx) PasswordStampByHash(ctx context.Context, hash string) (*identity.PasswordStamp, error) {
	var s identity.PasswordStamp
	err := t.get(ctx, "stamp_not_found", `SELECT id, user_id, stamp_hash, expires_at, used_at, created_at
		FROM password_stamps WHERE stamp_hash = ?`, []any{hash},
		&s.ID, &s.UserID, &s.Hash, timeCol{&s.ExpiresAt}, nullTimeCol{&s.UsedAt}, timeCol{&s.CreatedAt})
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// UsePasswordStamp consumes stamp id of userID. It reports false when the
// stamp belongs to someone else, was used or had expired at now, so that a
// duplicated password change applies once.
func (t *Tx) UsePasswordStamp(ctx context.Context, id, userID string, now time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE password_stamps SET used_at = ?
		WHERE id = ? AND user_id = ? AND used_at IS NULL AND expires_at > ?`, ts(now), id, userID, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
