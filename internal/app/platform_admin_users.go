package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/text"
)

// User account statuses as the platform admins' user list shows them.
const (
	UserActive   = "active"   // may log in
	UserInactive = "inactive" // deactivated with the last tenant it belonged to
	UserLocked   = "locked"   // locked by a platform admin: no login, no session
)

var (
	errUserNotFound   = errs.E(errs.NotFound, "user_not_found", "User not found.")
	errLastAdmin      = errs.E(errs.Conflict, "last_platform_admin", "The last usable platform admin cannot be revoked or locked.")
	errAccountLocked  = errs.E(errs.Forbidden, "account_locked", "This account is locked.")
	errNothingChanges = errs.Fields(errs.FieldError{Field: "is_platform_admin", Code: "required",
		Message: "Give is_platform_admin, status or both."})
)

// UserStatus is the status the admin list shows for u.
func UserStatus(u *store.AdminUser) string {
	switch {
	case u.Locked:
		return UserLocked
	case !u.Active:
		return UserInactive
	}
	return UserActive
}

// AdminUsersInput narrows and pages the platform admins' user list.
type AdminUsersInput struct {
	Email  string // a part of the email, any case
	Offset int
	Limit  int
}

// AdminUsers lists every user for platform admins, newest first.
func (a *App) AdminUsers(ctx context.Context, p *auth.Principal, in AdminUsersInput) ([]store.AdminUser, int, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, 0, err
	}
	var c errs.Collector
	checkPage(&c, in.Offset, in.Limit)
	f := store.AdminUserFilter{Email: identity.NormalizeEmail(in.Email), Offset: in.Offset, Limit: in.Limit}
	c.Check(len(f.Email) > 254, "email", "too_long", "At most 254 characters.")
	text.CheckLine(&c, "email", f.Email)
	if err := c.Err(); err != nil {
		return nil, 0, err
	}
	var out []store.AdminUser
	var total int
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.AdminUsers(ctx, f); err != nil {
			return err
		}
		total, err = tx.CountAdminUsers(ctx, f)
		return err
	})
	if out == nil {
		out = []store.AdminUser{}
	}
	return out, total, err
}

// AdminUserUpdate changes a user's platform administration, its lock, or
// both (nil: unchanged).
type AdminUserUpdate struct {
	PlatformAdmin *bool
	Status        *string // active or locked
}

// UpdateAdminUser grants or revokes platform administration and locks or
// unlocks an account. The last usable (active, unlocked) platform admin is
// never revoked nor locked (409). Locking ends every session of the user
// at once (its access tokens are refused from the next request) and
// refuses its logins; each change is audited in the platform's log.
func (a *App) UpdateAdminUser(ctx context.Context, p *auth.Principal, userID string, in AdminUserUpdate) (*store.AdminUser, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	if in.PlatformAdmin == nil && in.Status == nil {
		return nil, errNothingChanges
	}
	if in.Status != nil && *in.Status != UserActive && *in.Status != UserLocked {
		return nil, errs.Fields(errs.FieldError{Field: "status", Code: "invalid_choice", Message: "Must be active or locked."})
	}
	var out *store.AdminUser
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "platform-admins"); err != nil {
			return err
		}
		u, err := tx.GetAdminUser(ctx, userID)
		if err != nil {
			return err
		}
		now := a.now()
		admin, locked := u.PlatformAdmin, u.Locked
		if in.PlatformAdmin != nil {
			admin = *in.PlatformAdmin
		}
		if in.Status != nil {
			locked = *in.Status == UserLocked
		}
		usable := u.PlatformAdmin && u.Active && !u.Locked
		if usable && (!admin || locked) {
			n, err := tx.CountUsablePlatformAdmins(ctx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return errLastAdmin
			}
		}
		if admin != u.PlatformAdmin {
			if err := tx.SetPlatformAdmin(ctx, userID, admin, now); err != nil {
				return err
			}
			action := "user.platform_admin.revoke"
			if admin {
				action = "user.platform_admin.grant"
			}
			if err := a.record(ctx, tx, tenant.PublicID, p, action, "user", userID, map[string]string{"email": u.Email}); err != nil {
				return err
			}
		}
		if locked != u.Locked {
			if err := tx.SetUserLocked(ctx, userID, locked, now); err != nil {
				return err
			}
			action := "user.unlock"
			if locked {
				action = "user.lock"
				if err := tx.RevokeUserSessions(ctx, userID, "", now); err != nil {
					return err
				}
			}
			if err := a.record(ctx, tx, tenant.PublicID, p, action, "user", userID, map[string]string{"email": u.Email}); err != nil {
				return err
			}
		}
		out, err = tx.GetAdminUser(ctx, userID)
		return err
	})
	if errs.Is(err, errs.NotFound) && errs.CodeOf(err) == "user_not_found" {
		return nil, errUserNotFound
	}
	if err != nil {
		return nil, err
	}
	a.callers.forget()
	return out, nil
}

// refuseLocked answers account_locked for a locked user (login).
func refuseLocked(ctx context.Context, tx *store.Tx, userID string) error {
	locked, err := tx.UserLocked(ctx, userID)
	if err != nil {
		return err
	}
	if locked {
		return errAccountLocked
	}
	return nil
}

// AdminUser is a user as the platform admins' list shows it.
type AdminUser = store.AdminUser
