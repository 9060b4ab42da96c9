package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

const otpCols = `id, email, user_id, code_hash, attempts, expires_at, used_at, created_at`

func otpDest(c *identity.OTP) []any {
	return []any{&c.ID, &c.Email, &c.UserID, &c.CodeHash, &c.Attempts, timeCol{&c.ExpiresAt}, nullTimeCol{&c.UsedAt},
		timeCol{&c.CreatedAt}}
}

// CreateOTP stores a one-time code (its hash only) and retires every earlier
// unused code of the same email, so that only the newest one can sign in.
func (t *Tx) CreateOTP(ctx context.Context, c *identity.OTP) error {
	if _, err := t.exec(ctx, `UPDATE otp_codes SET used_at = ? WHERE email = ? AND used_at IS NULL`,
		ts(c.CreatedAt), c.Email); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO otp_codes (id, email, user_id, code_hash, attempts, expires_at, created_at)
		VALUES (?, ?, ?, ?, 0, ?, ?)`, c.ID, c.Email, c.UserID, c.CodeHash, ts(c.ExpiresAt), ts(c.CreatedAt))
	return err
}

// GetOTP returns a code by id.
func (t *Tx) GetOTP(ctx context.Context, id string) (*identity.OTP, error) {
	var c identity.OTP
	if err := t.get(ctx, "otp_not_found", `SELECT `+otpCols+` FROM otp_codes WHERE id = ?`, []any{id}, otpDest(&c)...); err != nil {
		return nil, err
	}
	return &c, nil
}

// LiveOTP returns the newest code of email that is unused, unexpired at now
// and has fewer than maxAttempts wrong guesses, or NotFound.
func (t *Tx) LiveOTP(ctx context.Context, email string, maxAttempts int, now time.Time) (*identity.OTP, error) {
	var c identity.OTP
	err := t.get(ctx, "otp_not_found", `SELECT `+otpCols+` FROM otp_codes
		WHERE email = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? ORDER BY id DESC LIMIT 1`,
		[]any{email, ts(now), maxAttempts}, otpDest(&c)...)
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// FailOTP counts a wrong guess against code id unless it is used or already
// has maxAttempts wrong guesses. It reports whether the guess was counted;
// concurrent guesses never push a code past maxAttempts.
func (t *Tx) FailOTP(ctx context.Context, id string, maxAttempts int) (bool, error) {
	r, err := t.exec(ctx, `UPDATE otp_codes SET attempts = attempts + 1 WHERE id = ? AND used_at IS NULL AND attempts < ?`,
		id, maxAttempts)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// UseOTP consumes code id. It reports false when the code was used, expired
// or ran out of attempts meanwhile, so that of two concurrent verifications
// of one code exactly one wins.
func (t *Tx) UseOTP(ctx context.Context, id string, maxAttempts int, now time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE otp_codes SET used_at = ?
		WHERE id = ? AND used_at IS NULL AND attempts < ? AND expires_at > ?`, ts(now), id, maxAttempts, ts(now))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// PurgeOTPs deletes the codes that expired before a moment and reports how many.
func (t *Tx) PurgeOTPs(ctx context.Context, before time.Time) (int64, error) {
	r, err := t.exec(ctx, `DELETE FROM otp_codes WHERE expires_at < ?`, ts(before))
	if err != nil {
		return 0, err
	}
	return affected(r), nil
}
