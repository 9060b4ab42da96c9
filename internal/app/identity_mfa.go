package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/store"
)

// TOTPEnrollment is what an enrolment shows once: the secret (base32), the
// otpauth:// URI for authenticator apps and the recovery codes.
type TOTPEnrollment struct {
	Secret        string
	URI           string
	RecoveryCodes []string
}

// TOTPStatus describes a user's TOTP second factor.
type TOTPStatus struct {
	Enabled           bool // confirmed: required at every login
	Pending           bool // enrolled, waiting for its first code
	RecoveryCodesLeft int
	RecoveryCodes     []string // only from RegenerateRecoveryCodes: the new codes, shown once
}

// ownFactorOp is what useOwnFactor does with the caller's TOTP once a code
// checks out.
type ownFactorOp int

const (
	confirmFactor ownFactorOp = iota // confirm a pending enrolment
	disableFactor                    // remove the factor and its recovery codes
	renewCodes                       // replace the recovery codes (a TOTP code only)
)

// Second factors as recorded in the audit log.
const (
	factorTOTP     = auth.FactorTOTP
	factorRecovery = "recovery_code"
)

var (
	errTOTPEnabled     = errs.E(errs.Conflict, "totp_already_enabled", "TOTP is already enabled; disable it first to enrol again.")
	errTOTPNotEnrolled = errs.E(errs.Conflict, "totp_not_enrolled", "Enrol TOTP first.")
	errTOTPNotEnabled  = errs.E(errs.NotFound, "totp_not_enabled", "TOTP is not enabled for this account.")
	errInvalidCode     = errs.Fields(errs.FieldError{Field: "code", Code: "invalid_code", Message: "The code is not valid."})
)

// EnrollTOTP starts (or restarts) the caller's TOTP enrolment. TOTP is
// required at login only once confirmed with ConfirmTOTP.
func (a *App) EnrollTOTP(ctx context.Context, p *auth.Principal) (*TOTPEnrollment, error) {
	var out *TOTPEnrollment
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		u, err := tx.GetUser(ctx, p.UserID)
		if err != nil {
			return err
		}
		out, err = a.enrollTOTP(ctx, tx, u, p, where(p.TenantID))
		return err
	})
	return out, err
}

// EnrollMFA starts the TOTP enrolment of a user whose login needs it (the
// tenant requires TOTP), with the enrolment challenge of that login.
func (a *App) EnrollMFA(ctx context.Context, token string) (*TOTPEnrollment, error) {
	if token == "" {
		return nil, errs.Fields(errs.FieldError{Field: "mfa_token", Code: "required", Message: "This field is required."})
	}
	var out *TOTPEnrollment
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		c, u, err := a.liveChallenge(ctx, tx, token, true, a.now())
		if err != nil {
			return err
		}
		out, err = a.enrollTOTP(ctx, tx, u, &auth.Principal{UserID: u.ID, Email: u.Email}, where(c.TenantID))
		return err
	})
	return out, err
}

// enrollTOTP stores a fresh sealed secret and recovery codes for u, unless
// u already has confirmed TOTP.
func (a *App) enrollTOTP(ctx context.Context, tx *store.Tx, u *identity.User, actor *auth.Principal, at string) (*TOTPEnrollment, error) {
	f, err := tx.GetTOTP(ctx, u.ID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	if f != nil && f.ConfirmedAt != nil {
		return nil, errTOTPEnabled
	}
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		return nil, err
	}
	sealed, err := a.box.Seal(secret, auth.TOTPSealContext(u.ID))
	if err != nil {
		return nil, err
	}
	codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodeCount)
	if err != nil {
		return nil, err
	}
	now := a.now()
	if err := tx.PutTOTP(ctx, &auth.TOTPFactor{UserID: u.ID, SecretSealed: sealed, CreatedAt: now, UpdatedAt: now}); err != nil {
		return nil, err
	}
	if err := tx.ReplaceRecoveryCodes(ctx, u.ID, hashes, now); err != nil {
		return nil, err
	}
	if err := a.record(ctx, tx, at, actor, "mfa.enroll", "user", u.ID, map[string]string{"factor": factorTOTP}); err != nil {
		return nil, err
	}
	return &TOTPEnrollment{Secret: auth.EncodeTOTPSecret(secret), URI: auth.TOTPURI(u.Email, secret), RecoveryCodes: codes}, nil
}

// ConfirmTOTP confirms the caller's pending enrolment with a current code;
// from then on every login of the caller needs TOTP.
func (a *App) ConfirmTOTP(ctx context.Context, p *auth.Principal, code string) (*TOTPStatus, error) {
	return a.useOwnFactor(ctx, p, code, confirmFactor)
}

// DisableTOTP removes the caller's TOTP and recovery codes, given a current
// TOTP code or a recovery code.
func (a *App) DisableTOTP(ctx context.Context, p *auth.Principal, code string) error {
	_, err := a.useOwnFactor(ctx, p, code, disableFactor)
	return err
}

// RegenerateRecoveryCodes replaces the caller's recovery codes with ten new
// ones (answered once, in RecoveryCodes), given a current TOTP code: a
// recovery code does not do, the new codes are for whoever still holds the
// authenticator. The old codes stop working.
func (a *App) RegenerateRecoveryCodes(ctx context.Context, p *auth.Principal, code string) (*TOTPStatus, error) {
	return a.useOwnFactor(ctx, p, code, renewCodes)
}

// useOwnFactor checks code against the caller's TOTP and then does op:
// confirms it, removes it or renews its recovery codes. Wrong codes are
// audited and throttled per user.
func (a *App) useOwnFactor(ctx context.Context, p *auth.Principal, code string, op ownFactorOp) (*TOTPStatus, error) {
	confirm := op == confirmFactor
	if code == "" {
		return nil, errs.Fields(errs.FieldError{Field: "code", Code: "required", Message: "This field is required."})
	}
	now := a.now()
	if wait := a.logins.wait(mfaKey(p.UserID), now); wait > 0 {
		return nil, mfaThrottled(wait)
	}
	action := "mfa.confirm" // assigned, not looked up: the webhook test finds audited actions by their assignments
	switch op {
	case disableFactor:
		action = "mfa.disable"
	case renewCodes:
		action = "mfa.recovery_codes"
	}
	var failed bool
	var st *TOTPStatus
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		f, err := tx.GetTOTP(ctx, p.UserID)
		switch {
		case errs.Is(err, errs.NotFound) && confirm:
			return errTOTPNotEnrolled
		case errs.Is(err, errs.NotFound):
			return errTOTPNotEnabled
		case err != nil:
			return err
		case confirm && f.ConfirmedAt != nil:
			return errTOTPEnabled
		case op == renewCodes && f.ConfirmedAt == nil:
			return errTOTPNotEnabled
		}
		how := ""
		if op != renewCodes || auth.IsTOTPCode(auth.NormalizeTOTPCode(code)) {
			if how, err = a.checkSecondFactor(ctx, tx, f, code, confirm, now); err != nil {
				return err
			}
		}
		if how == "" {
			failed = true
			return tx.AppendAudit(ctx, a.event(ctx, where(p.TenantID), p, action, "user", p.UserID, audit.Failure,
				map[string]string{"reason": "invalid_code"}))
		}
		switch op {
		case confirmFactor:
			st = &TOTPStatus{Enabled: true}
			if st.RecoveryCodesLeft, err = tx.RecoveryCodesLeft(ctx, p.UserID); err != nil {
				return err
			}
		case disableFactor:
			if err := tx.DeleteTOTP(ctx, p.UserID); err != nil {
				return err
			}
		case renewCodes:
			codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodeCount)
			if err != nil {
				return err
			}
			if err := tx.ReplaceRecoveryCodes(ctx, p.UserID, hashes, now); err != nil {
				return err
			}
			st = &TOTPStatus{Enabled: true, RecoveryCodesLeft: len(codes), RecoveryCodes: codes}
		}
		if how == factorRecovery {
			if err := a.record(ctx, tx, where(p.TenantID), p, "auth.recovery_code_used", "user", p.UserID, nil); err != nil {
				return err
			}
		}
		return a.record(ctx, tx, where(p.TenantID), p, action, "user", p.UserID, map[string]string{"factor": factorTOTP, "with": how})
	})
	if err == nil && failed {
		a.logins.fail(mfaKey(p.UserID))
		return nil, errInvalidCode
	}
	return st, err
}

// TOTPState returns the caller's TOTP status.
func (a *App) TOTPState(ctx context.Context, p *auth.Principal) (*TOTPStatus, error) {
	st := &TOTPStatus{}
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		f, err := tx.GetTOTP(ctx, p.UserID)
		if errs.Is(err, errs.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		st.Enabled, st.Pending = f.ConfirmedAt != nil, f.ConfirmedAt == nil
		st.RecoveryCodesLeft, err = tx.RecoveryCodesLeft(ctx, p.UserID)
		return err
	})
	return st, err
}

// checkSecondFactor checks code against factor f and spends it: a TOTP code's step is recorded so it cannot be replayed (confirming f
// when confirm is set); otherwise, unless confirming, an unused recovery
// code is used up. It returns how the code matched, or "" when it did not.
func (a *App) checkSecondFactor(ctx context.Context, tx *store.Tx, f *auth.TOTPFactor, code string, confirm bool, now time.Time) (string, error) {
	if code = auth.NormalizeTOTPCode(code); auth.IsTOTPCode(code) {
		secret, err := a.box.Open(f.SecretSealed, auth.TOTPSealContext(f.UserID))
		if err != nil {
			return "", err
		}
		step, ok := auth.MatchTOTP(secret, code, now, f.LastStep)
		if !ok {
			return "", nil
		}
		if won, err := tx.UseTOTPStep(ctx, f.UserID, step, confirm, now); err != nil || !won {
			return "", err
		}
		return factorTOTP, nil
	}
	if confirm {
		return "", nil
	}
	ok, err := tx.UseRecoveryCode(ctx, f.UserID, auth.HashRecoveryCode(code), now)
	if err != nil || !ok {
		return "", err
	}
	return factorRecovery, nil
}
