package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

const userCols = `u.id, u.email, u.password_hash, u.first_name, u.last_name, u.phone, u.is_platform_admin,
	u.is_active, u.created_at, u.updated_at`

func userDest(u *identity.User) []any {
	return []any{&u.ID, &u.Email, &u.PasswordHash, &u.FirstName, &u.LastName, &u.Phone, &u.IsPlatformAdmin,
		&u.IsActive, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}}
}

// CreateUser inserts a user. A taken email is a Duplicate on "users.email".
func (t *Tx) CreateUser(ctx context.Context, u *identity.User) error {
	_, err := t.exec(ctx, `INSERT INTO users (id, email, password_hash, first_name, last_name, phone,
		is_platform_admin, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, u.PasswordHash, u.FirstName, u.LastName, u.Phone, u.IsPlatformAdmin, u.IsActive,
		ts(u.CreatedAt), ts(u.UpdatedAt))
	return err
}

// GetUser returns a user by id.
func (t *Tx) GetUser(ctx context.Context, id string) (*identity.User, error) {
	var u identity.User
	if err := t.get(ctx, "user_not_found", `SELECT `+userCols+` FROM users u WHERE u.id = ?`, []any{id}, userDest(&u)...); err != nil {
		return nil, err
	}
	return &u, nil
}

// GetUserByEmail returns a user by normalized email.
func (t *Tx) GetUserByEmail(ctx context.Context, email string) (*identity.User, error) {
	var u identity.User
	if err := t.get(ctx, "user_not_found", `SELECT `+userCols+` FROM users u WHERE u.email = ?`, []any{email}, userDest(&u)...); err != nil {
		return nil, err
	}
	return &u, nil
}

// EmailTaken reports whether a user already has email.
func (t *Tx) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM users WHERE email = ?`, []any{email}, &n)
	return n > 0, err
}

// CountPlatformAdmins returns how many active platform admins exist.
func (t *Tx) CountPlatformAdmins(ctx context.Context) (int, error) {
	var n int
	err := t.get(ctx, "", `SELECT COUNT(*) FROM users WHERE is_platform_admin = ? AND is_active = ?`, []any{true, true}, &n)
	return n, err
}

// SetUserActive activates or deactivates a user.
func (t *Tx) SetUserActive(ctx context.Context, id string, active bool, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET is_active = ?, updated_at = ? WHERE id = ?`, active, ts(now), id)
	return notFoundIfNone(r, err, "user_not_found")
}

// SetUserPlatformAdmin grants or removes platform admin rights.
func (t *Tx) SetUserPlatformAdmin(ctx context.Context, id string, admin bool, now time.Time) error {
	r, err := t.exec(ctx, `UPDATE users SET is_platform_admin = ?, updated_at = ? WHERE id = ?`, admin, ts(now), id)
	return notFoundIfNone(r, err, "user_not_found")
}
