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
)

var errBadCode = errs.E(errs.Unauthenticated, "invalid_code", "The code is wrong, expired or already used; request a new one.")

// OTPInput requests a one-time sign-in code, or (with Code) signs in with one.
type OTPInput struct {
	Email    string
	Code     string
	TenantID string // optional: the tenant to sign in to, as with Login
	// LoginToken is the tenant's login token, when it requires one
	// (session_login_token.go); verification only.
	LoginToken string
}

// RequestOTP emails a one-time sign-in code to an active account. It
// answers the same, and does the same database work, whether or not the
// email has one: for an unknown or inactive email it stores a decoy code
// that can never verify, and sends nothing. Requests are limited per email
// and per client address (emailSecret, the flow it shares with
// ForgotPassword).
func (a *App) RequestOTP(ctx context.Context, in OTPInput) error {
	var c errs.Collector
	checkEmail(&c, "email", in.Email, true)
	if err := c.Err(); err != nil {
		return err
	}
	if err := a.methodAllowed(ctx, in.TenantID, MethodOTP); err != nil {
		return err
	}
	email, now := identity.NormalizeEmail(in.Email), a.now()
	code, err := identity.NewOTPCode()
	if err != nil {
		return err
	}
	otp := &identity.OTP{ID: id.New(id.OTP), Email: email, ExpiresAt: now.Add(identity.OTPTTL), CreatedAt: now}
	otp.CodeHash = a.box.MAC(otp.ID, code)
	return a.emailSecret(ctx, email, now, secretMail{
		kind: "otp", mailKind: mail.KindOTP, action: "auth.otp_request",
		details: map[string]string{"tenant_id": in.TenantID},
		save: func(ctx context.Context, tx *store.Tx, userID string, now time.Time) error {
			if _, err := tx.PurgeOTPs(ctx, now); err != nil {
				return err
			}
			otp.UserID = userID
			return tx.CreateOTP(ctx, otp)
		},
		message: func() (string, string) { return mail.OTP(email, code, identity.OTPTTL) },
	})
}

// VerifyOTP signs in with a one-time code: the newest code requested for the
// email, unexpired, unused and with fewer than identity.OTPMaxAttempts wrong
// guesses. A right code is used up; a wrong one counts against the code and
// against the client address's sign-in throttle. Unknown emails answer like
// wrong codes. The login is completed like every other (finishLogin).
func (a *App) VerifyOTP(ctx context.Context, in OTPInput) (*Session, error) {
	email := identity.NormalizeEmail(in.Email)
	var c errs.Collector
	checkEmail(&c, "email", in.Email, true)
	c.Check(in.Code == "", "code", "required", "This field is required.")
	if err := c.Err(); err != nil {
		return nil, err
	}
	if err := a.methodAllowed(ctx, in.TenantID, MethodOTP); err != nil {
		return nil, err // before the code is used up
	}
	now, ip := a.now(), metaOf(ctx).IP
	if err := a.loginWait(ctx, "", ip, now); err != nil {
		return nil, err
	}
	if err := a.spendLoginToken(ctx, in.TenantID, in.LoginToken, email); err != nil {
		return nil, err // before the code is checked: no code is tried without a token
	}
	var u *identity.User
	var s *Session
	ok := false
	// One unit: the code is used up with the session it opens, or not at
	// all (a refusal after the code, such as a locked account, leaves it).
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		otp, err := tx.LiveOTP(ctx, email, identity.OTPMaxAttempts, now)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if u, err = activeUser(ctx, tx, email); err != nil {
			return err
		}
		if otp == nil {
			return nil
		}
		right := identity.ValidOTPCode(in.Code) && u != nil && otp.UserID == u.ID &&
			a.box.VerifyMAC(otp.CodeHash, otp.ID, in.Code) // any configured key: codes outlive a rotation
		if !right {
			_, err := tx.FailOTP(ctx, otp.ID, identity.OTPMaxAttempts)
			return err
		}
		if ok, err = tx.UseOTP(ctx, otp.ID, identity.OTPMaxAttempts, now); err != nil || !ok {
			return err
		}
		if err := a.record(ctx, tx, auditTenant(ctx, tx, in.TenantID), &auth.Principal{UserID: u.ID, Email: u.Email},
			"auth.otp_verify", "user", u.ID, nil); err != nil {
			return err
		}
		s, err = a.finishLoginIn(ctx, tx, u, in.TenantID, MethodOTP)
		return err
	})
	if err != nil {
		return nil, a.loginRefused(ctx, err, u, in.TenantID, MethodOTP)
	}
	if !ok {
		return nil, a.otpFailed(ctx, email, in.TenantID, ip)
	}
	return s, nil
}

// otpFailed counts a failed code against the client address, audits it
// (and a lockout when one began) and returns the answer for a wrong code.
func (a *App) otpFailed(ctx context.Context, email, tenantID, ip string) error {
	lock, err := a.loginFailed(ctx, "", ip)
	if err != nil {
		return err
	}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		where, actor := auditTenant(ctx, tx, tenantID), &auth.Principal{Email: email}
		if err := tx.AppendAudit(ctx, a.event(ctx, where, actor, "auth.otp_verify", "user", "", audit.Failure,
			map[string]string{"reason": errBadCode.Code})); err != nil {
			return err
		}
		if lock == "" {
			return nil
		}
		return tx.AppendAudit(ctx, a.event(ctx, where, actor, "auth.lockout", "user", "", audit.Failure,
			map[string]string{"scope": lock}))
	})
	if err != nil {
		return err
	}
	return errBadCode
}
