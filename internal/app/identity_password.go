package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

var (
	errStampUsed = errs.E(errs.Conflict, "stamp_used",
		"This concurrency stamp was already used: the change it guarded was applied once. Request a new stamp for another change.")
	errStampInvalid = errs.E(errs.Conflict, "stamp_invalid",
		"The concurrency stamp is unknown, expired or was issued to someone else; request a new one.")
	errBadCurrent = errs.E(errs.Forbidden, "invalid_current_password", "The current password is wrong.")
)

// Stamp is a fresh password change concurrency stamp.
type Stamp struct {
	Value     string
	ExpiresAt time.Time
}

// NewPasswordStamp issues a concurrency stamp for one password change by
// the caller, valid for identity.StampTTL (storegister seed).
func (a *App) NewPasswordStamp(ctx context.Context, p *auth.Principal) (*Stamp, error) {
	plain, hash, err := auth.NewOpaque("pcs_")
	if err != nil {
		return nil, err
	}
	now := a.now()
	s := &identity.PasswordStamp{ID: id.New(id.Stamp), UserID: p.UserID, Hash: hash, ExpiresAt: now.Add(identity.StampTTL), CreatedAt: now}
	if err := a.db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePasswordStamp(ctx, s) }); err != nil {
		return nil, err
	}
	return &Stamp{Value: plain, ExpiresAt: s.ExpiresAt}, nil
}

// ChangePasswordInput changes the caller's password.
type ChangePasswordInput struct {
	CurrentPassword string
	NewPassword     string
	Stamp           string
}

func (in *ChangePasswordInput) validate(policy string) error {
	var c errs.Collector
	c.Check(in.CurrentPassword == "", "current_password", "required", "This field is required.")
	checkPassword(&c, "new_password", in.NewPassword, policy)
	c.Check(in.NewPassword != "" && in.NewPassword == in.CurrentPassword, "new_password", "password_unchanged",
		"The new password must differ from the current one.")
	c.Check(in.Stamp == "", "concurrency_stamp", "required", "This field is required: request one with POST /api/v1/me/password/stamp.")
	return c.Err()
}

// ChangePassword changes the caller's password once per concurrency stamp:
// the stamp is checked first (a replay answers stamp_used even though the
// current password has changed since), then the current password (failures
// count against the account's login throttle), and the stamp is used up
// atomically with the change. Every session of the user ends — refresh
// tokens and access tokens issued before now — and the caller gets a new
// session (returned) to go on with.
func (a *App) ChangePassword(ctx context.Context, p *auth.Principal, in ChangePasswordInput) (*Session, error) {
	policy, err := a.passwordPolicy(ctx, p.TenantID) // a scoped token's tenant, else the platform's
	if err != nil {
		return nil, err
	}
	if err := in.validate(policy); err != nil {
		return nil, err
	}
	now := a.now()
	var st *identity.PasswordStamp
	var u *identity.User
	err = a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if st, err = tx.PasswordStampByHash(ctx, auth.HashOpaque(in.Stamp)); errs.Is(err, errs.NotFound) {
			st, err = nil, nil
		}
		if err != nil {
			return err
		}
		u, err = tx.GetUser(ctx, p.UserID)
		return err
	})
	switch {
	case err != nil:
		return nil, err
	case st == nil || st.UserID != p.UserID:
		return nil, errStampInvalid
	case st.UsedAt != nil:
		return nil, errStampUsed
	case !now.Before(st.ExpiresAt):
		return nil, errStampInvalid
	}
	if err := a.loginWait(ctx, u.Email, "", now); err != nil {
		return nil, err
	}
	if ok, err := a.checkPassword(ctx, u, in.CurrentPassword); err != nil {
		return nil, err
	} else if !ok {
		return nil, a.currentPasswordFailed(ctx, p, u.Email)
	}
	hash, err := a.hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return nil, err
	}
	var s *Session
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		won, err := tx.UsePasswordStamp(ctx, st.ID, p.UserID, now)
		if err != nil {
			return err
		}
		if !won { // a duplicate of this request won meanwhile
			return errStampUsed
		}
		if err := tx.SetUserPassword(ctx, p.UserID, hash, now); err != nil {
			return err
		}
		if err := tx.RevokeUserSessions(ctx, p.UserID, "", now); err != nil {
			return err
		}
		next := *p
		next.TokenID, next.ExpiresAt = "", time.Time{}
		if s, err = a.issue(ctx, tx, &next, ""); err != nil {
			return err
		}
		return a.record(ctx, tx, where(p.TenantID), p, "auth.password_change", "user", p.UserID, nil)
	})
	if err != nil {
		return nil, err
	}
	a.logins.succeed(u.Email)
	a.callers.forget()
	return s, nil
}

// currentPasswordFailed counts a wrong current password against the
// account's login throttle, audits it (and a lockout when one began) and
// returns the answer for it.
func (a *App) currentPasswordFailed(ctx context.Context, p *auth.Principal, email string) error {
	lock, err := a.loginFailed(ctx, email, "")
	if err != nil {
		return err
	}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.AppendAudit(ctx, a.event(ctx, where(p.TenantID), p, "auth.password_change", "user", p.UserID, audit.Failure,
			map[string]string{"reason": errBadCurrent.Code})); err != nil {
			return err
		}
		if lock == "" {
			return nil
		}
		return tx.AppendAudit(ctx, a.event(ctx, where(p.TenantID), p, "auth.lockout", "user", p.UserID, audit.Failure,
			map[string]string{"scope": lock}))
	})
	if err != nil {
		return err
	}
	return errBadCurrent
}
