package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// PutTOTP stores f as the user's TOTP factor, replacing any earlier one.
func (t *Tx) PutTOTP(ctx context.Context, f *auth.TOTPFactor) error {
	if _, err := t.exec(ctx, `DELETE FROM user_totp WHERE user_id = ?`, f.UserID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO user_totp (user_id, secret_sealed, confirmed_at, last_step, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, f.UserID, f.SecretSealed, tsp(f.ConfirmedAt), nullInt(f.LastStep),
		ts(f.CreatedAt), ts(f.UpdatedAt))
	return err
}

// GetTOTP returns the user's TOTP factor, confirmed or not; NotFound when none.
func (t *Tx) GetTOTP(ctx context.Context, userID string) (*auth.TOTPFactor, error) {
	f := auth.TOTPFactor{UserID: userID}
	var last sql.NullInt64
	err := t.get(ctx, "totp_not_found", `SELECT secret_sealed, confirmed_at, last_step, created_at, updated_at
		FROM user_totp WHERE user_id = ?`, []any{userID},
		&f.SecretSealed, nullTimeCol{&f.ConfirmedAt}, &last, timeCol{&f.CreatedAt}, timeCol{&f.UpdatedAt})
	if err != nil {
		return nil, err
	}
	if last.Valid {
		f.LastStep = &last.Int64
	}
	return &f, nil
}

// UseTOTPStep records step as the user's last used TOTP step, confirming the
// factor when confirm is set. It reports false when that step or a later one
// was already used (a replay), or when confirm is set and the factor was
// already confirmed, so two concurrent uses of one code cannot both win.
func (t *Tx) UseTOTPStep(ctx context.Context, userID string, step int64, confirm bool, now time.Time) (bool, error) {
	q := `UPDATE user_totp SET last_step = ?, updated_at = ? WHERE user_id = ? AND (last_step IS NULL OR last_step < ?)`
	args := []any{step, ts(now), userID, step}
	if confirm {
		q = `UPDATE user_totp SET last_step = ?, updated_at = ?, confirmed_at = ? WHERE user_id = ?
			AND (last_step IS NULL OR last_step < ?) AND confirmed_at IS NULL`
		args = []any{step, ts(now), ts(now), userID, step}
	}
	r, err := t.exec(ctx, q, args...)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// DeleteTOTP removes the user's TOTP factor and recovery codes.
func (t *Tx) DeleteTOTP(ctx context.Context, userID string) error {
	if _, err := t.exec(ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `DELETE FROM user_totp WHERE user_id = ?`, userID)
	return err
}

// ReplaceRecoveryCodes replaces the user's recovery codes with hashes.
func (t *Tx) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string, now time.Time) error {
	if _, err := t.exec(ctx, `DELETE FROM user_recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := t.exec(ctx, `INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)`,
			userID, h, ts(now)); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode spends one of the user's recovery codes. It reports false
// when no unused code has that hash.
func (t *Tx) UseRecoveryCode(ctx context.Context, userID, hash string, now time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		ts(now), userID, hash)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// RecoveryCodesLeft returns how many unused recovery codes the user has.
func (t *Tx) RecoveryCodesLeft(ctx context.Context, userID string) (int, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL`, []any{userID}, &n)
	return n, err
}

func nullInt(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}
