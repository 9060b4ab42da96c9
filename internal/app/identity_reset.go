package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errBadReset = errs.E(errs.Unauthenticated, "invalid_reset_token",
	"The reset link is invalid, expired or already used; ask for a new one.")

// ForgotPassword emails a password reset link, valid for identity.ResetTTL,
// to an active account. It is RequestOTP's flow (emailSecret): it answers
// the same and does the same database work whether or not the email has one
// (a decoy token, nothing sent), and requests are limited per email and per
// client address.
func (a *App) ForgotPassword(ctx context.Context, email string) error {
	var c errs.Collector
	checkEmail(&c, "email", email, true)
	if err := c.Err(); err != nil {
		return err
	}
	email, now := identity.NormalizeEmail(email), a.now()
	plain, hash, err := auth.NewOpaque("prt_")
	if err != nil {
		return err
	}
	r := &identity.PasswordReset{ID: id.New(id.Reset), Hash: hash, ExpiresAt: now.Add(identity.ResetTTL), CreatedAt: now}
	return a.emailSecret(ctx, email, now, secretMail{
		kind: "reset", mailKind: mail.KindReset, action: "auth.password_forgot",
		save: func(ctx context.Context, tx *store.Tx, userID string, now time.Time) error {
			if _, err := tx.PurgePasswordResets(ctx, now); err != nil {
				return err
			}
			r.UserID = userID
			return tx.CreatePasswordReset(ctx, r)
		},
		message: func() (string, string) {
			return mail.Reset(email, mail.Link(a.opt.PublicURL, mail.ResetPath, "token", plain), identity.ResetTTL)
		},
	})
}

// ResetPassword sets a new password with the token of a reset link, which
// must be unexpired and unused, and uses it up. It ends every session of the
// user (refresh tokens and earlier access tokens alike) and clears the login
// throttle of their email.
func (a *App) ResetPassword(ctx context.Context, token, newPassword string) error {
	var c errs.Collector
	c.Check(token == "", "token", "required", "This field is required.")
	policy, err := a.passwordPolicy(ctx, "") // a reset link names no tenant: the platform's
	if err != nil {
		return err
	}
	checkPassword(&c, "new_password", newPassword, policy)
	if err := c.Err(); err != nil {
		return err
	}
	now := a.now()
	var r *identity.PasswordReset
	err = a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		r, err = tx.PasswordResetByHash(ctx, auth.HashOpaque(token))
		return err
	})
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	if r == nil || r.UserID == "" || r.UsedAt != nil || !now.Before(r.ExpiresAt) {
		return a.resetFailed(ctx)
	}
	hash, err := a.hasher.Hash(ctx, newPassword) // outside the transaction: it takes a while
	if err != nil {
		return err
	}
	var u *identity.User
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		won, err := tx.UsePasswordReset(ctx, r.ID, now)
		if err != nil {
			return err
		}
		if !won { // used by a concurrent reset meanwhile
			return errBadReset
		}
		u, err = tx.GetUser(ctx, r.UserID)
		if errs.Is(err, errs.NotFound) || (err == nil && !u.IsActive) {
			return errBadReset
		}
		if err != nil {
			return err
		}
		if err := tx.SetUserPassword(ctx, u.ID, hash, now); err != nil {
			return err
		}
		if err := tx.RevokeUserSessions(ctx, u.ID, "", now); err != nil {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, &auth.Principal{UserID: u.ID, Email: u.Email}, "auth.password_reset", "user", u.ID, nil)
	})
	if errs.CodeOf(err) == errBadReset.Code {
		return a.resetFailed(ctx)
	}
	if err != nil {
		return err
	}
	a.logins.succeed(u.Email)
	a.callers.forget()
	return nil
}

// resetFailed audits a refused reset token and returns the answer for it.
func (a *App) resetFailed(ctx context.Context) error {
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, a.event(ctx, tenant.PublicID, nil, "auth.password_reset", "user", "", audit.Failure,
			map[string]string{"reason": errBadReset.Code}))
	})
	if err != nil {
		return err
	}
	return errBadReset
}
