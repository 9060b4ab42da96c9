package app

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

var errSharedAccount = errs.E(errs.Forbidden, "shared_account",
	"This account also belongs to other tenants or the platform: only its holder can change its names and phone (PUT /api/v1/me).")

// UpdateUserInput changes a user of a tenant (reserva seed); nil fields
// stay as they are.
type UpdateUserInput struct {
	FirstName *string
	LastName  *string
	Phone     *string
	MemberChange
}

func (in *UpdateUserInput) validate() error {
	var c errs.Collector
	if in.FirstName != nil {
		required(&c, "first_name", *in.FirstName, 100)
	}
	if in.LastName != nil {
		required(&c, "last_name", *in.LastName, 100)
	}
	if in.Phone != nil {
		checkPhone(&c, "phone", *in.Phone)
	}
	in.MemberChange.validate(&c)
	return c.Err()
}

// UpdateUser changes a user of the tenant of p's scoped token: their
// membership (role, outlets, status: within the role-grant rules; inactive
// ends their sessions here) and their names and phone. Names and phone
// belong to the global account, so a tenant's admins may change them only
// when the account belongs to this tenant alone; members edit their own.
func (a *App) UpdateUser(ctx context.Context, p *auth.Principal, userID string, in UpdateUserInput) (*membership.Member, error) {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.UserUpdate)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findMember(ctx, p.TenantID, userID))
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	var m *membership.Member
	// A system transaction: whether the account belongs to other tenants
	// is not visible from this tenant's.
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		if m, err = tx.GetMember(ctx, tenantID, userID); err != nil {
			return err
		}
		if err := a.updateDetails(ctx, tx, p, g, m, in); err != nil {
			return err
		}
		if _, err := a.applyChange(ctx, tx, p, g, m, in.MemberChange); err != nil {
			return err
		}
		m, err = tx.GetMember(ctx, tenantID, userID)
		return err
	})
	a.callers.forget()
	return m, err
}

// updateDetails writes the names and phone in changes, if they change anything.
func (a *App) updateDetails(ctx context.Context, tx *store.Tx, p *auth.Principal, g membership.Grantor, m *membership.Member, in UpdateUserInput) error {
	u := m.User
	var fields []string
	for _, f := range []struct {
		name string
		to   *string
		dst  *string
	}{{"first_name", in.FirstName, &u.FirstName}, {"last_name", in.LastName, &u.LastName}, {"phone", in.Phone, &u.Phone}} {
		if f.to != nil && strings.TrimSpace(*f.to) != *f.dst {
			*f.dst = strings.TrimSpace(*f.to)
			fields = append(fields, f.name)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	if u.ID != p.UserID {
		if !g.CanManage(m.Role) {
			return errNotManageable
		}
		others, err := tx.CountOtherMemberships(ctx, u.ID, m.TenantID)
		if err != nil {
			return err
		}
		if others > 0 || u.IsPlatformAdmin {
			return errSharedAccount
		}
	}
	if err := tx.SetUserDetails(ctx, u.ID, u.FirstName, u.LastName, u.Phone, a.now()); err != nil {
		return err
	}
	return a.record(ctx, tx, m.TenantID, p, "user.update", "user", u.ID, map[string]string{"fields": strings.Join(fields, ",")})
}

// DeactivateUser deactivates a user's membership of the tenant of p's
// scoped token (not their global account) and ends their sessions there.
// A deactivated membership stays listed; deactivating it again changes
// nothing.
func (a *App) DeactivateUser(ctx context.Context, p *auth.Principal, userID string) error {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.UserDelete)
	if err != nil {
		return a.conceal(ctx, p, err, findMember(ctx, p.TenantID, userID))
	}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockRoster(ctx, tx, tenantID); err != nil {
			return err
		}
		m, err := tx.GetMember(ctx, tenantID, userID)
		if err != nil || m.Status == membership.Inactive {
			return err
		}
		if err := leave(ctx, tx, g, m, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "user.deactivate", "user", userID, map[string]string{"role": string(m.Role)})
	})
	a.callers.forget()
	return err
}

// SendPasswordReset emails a user of the tenant of p's scoped token a
// password reset link (the forgotten-password flow's, valid
// identity.ResetTTL). Nothing else changes: the password is never shown or
// set by the admin.
func (a *App) SendPasswordReset(ctx context.Context, p *auth.Principal, userID string) error {
	tenantID, g, err := a.rosterAccess(ctx, p, membership.UserResetPassword)
	if err != nil {
		return a.conceal(ctx, p, err, findMember(ctx, p.TenantID, userID))
	}
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		m, err := tx.GetMember(ctx, tenantID, userID)
		switch {
		case err != nil:
			return err
		case m.Status != membership.Active:
			return errs.E(errs.Conflict, "member_inactive", "This user's membership is deactivated.")
		case !m.User.IsActive:
			return errs.E(errs.Conflict, "account_inactive", "This account is deactivated.")
		case userID != p.UserID && !g.CanManage(m.Role):
			return errNotManageable
		}
		link, err := a.newResetLink(ctx, tx, userID, identity.ResetTTL)
		if err != nil {
			return err
		}
		subject, text := mail.Reset(m.User.Email, link, identity.ResetTTL)
		if err := a.queueMail(ctx, tx, tenantID, mail.KindReset, m.User.Email, subject, text); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "user.reset_password", "user", userID, nil)
	})
	if err != nil {
		return err
	}
	a.jobsQueued()
	return nil
}

// newResetLink stores a password reset token of userID valid for ttl (which
// retires the user's earlier ones) and returns the link that uses it.
func (a *App) newResetLink(ctx context.Context, tx *store.Tx, userID string, ttl time.Duration) (string, error) {
	plain, hash, err := auth.NewOpaque("prt_")
	if err != nil {
		return "", err
	}
	now := a.now()
	r := &identity.PasswordReset{ID: id.New(id.Reset), UserID: userID, Hash: hash, ExpiresAt: now.Add(ttl), CreatedAt: now}
	if err := tx.CreatePasswordReset(ctx, r); err != nil {
		return "", err
	}
	return mail.Link(a.opt.PublicURL, mail.ResetPath, "token", plain), nil
}
