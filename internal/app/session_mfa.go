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

// Challenge is the answer to a correct first factor when a second one is
// needed: a short-lived, single-use token for POST /auth/mfa/verify, or,
// when EnrollmentRequired, for the enrolment calls only.
type Challenge struct {
	Token              string
	Factors            []string
	ExpiresIn          time.Duration
	EnrollmentRequired bool
}

var (
	errBadMFAToken = errs.E(errs.Unauthenticated, "invalid_mfa_token",
		"The MFA token is invalid, expired, used or out of attempts; log in again.")
	errBadMFACode  = errs.E(errs.Unauthenticated, "invalid_mfa_code", "The code is not valid.")
	errMFARequired = errs.E(errs.Forbidden, "mfa_required",
		"This tenant requires a second factor: log in again naming it (tenant_id) to complete one.")
)

// needsMFA decides whether a login needs a second factor: the user has
// confirmed TOTP, or the configuration requires it. enroll reports that the
// user must first enrol, having no confirmed TOTP.
func needsMFA(ctx context.Context, tx *store.Tx, userID string, cfg auth.Effective) (need, enroll bool, err error) {
	f, err := tx.GetTOTP(ctx, userID)
	if err != nil && !errs.Is(err, errs.NotFound) {
		return false, false, err
	}
	confirmed := f != nil && f.ConfirmedAt != nil
	return confirmed || cfg.RequiresTOTP(), !confirmed, nil
}

// challenge stores a new MFA challenge for the login of p by method and
// returns it as the login's answer.
func (a *App) challenge(ctx context.Context, tx *store.Tx, p *auth.Principal, method string, enroll bool) (*Session, error) {
	plain, hash, err := auth.NewOpaque("mfa_")
	if err != nil {
		return nil, err
	}
	now := a.now()
	if _, err := tx.DeleteExpiredMFAChallenges(ctx, p.UserID, now); err != nil {
		return nil, err
	}
	c := &auth.MFAChallenge{ID: id.New(id.Challenge), Hash: hash, UserID: p.UserID, TenantID: p.TenantID, Method: method,
		Enroll: enroll, ExpiresAt: now.Add(auth.MFAChallengeTTL), CreatedAt: now}
	if err := tx.CreateMFAChallenge(ctx, c); err != nil {
		return nil, err
	}
	err = a.record(ctx, tx, where(p.TenantID), p, "auth.mfa_challenge", "user", p.UserID,
		map[string]string{"method": method, "scoped": boolString(p.TenantID != ""), "enrollment_required": boolString(enroll)})
	return &Session{TenantID: p.TenantID, Challenge: &Challenge{Token: plain, Factors: []string{auth.FactorTOTP},
		ExpiresIn: auth.MFAChallengeTTL, EnrollmentRequired: enroll}}, err
}

// VerifyMFA completes a login with the second factor: a current TOTP code
// or an unused recovery code. A wrong code uses up one of the challenge's
// attempts; the challenge completes one login at most.
func (a *App) VerifyMFA(ctx context.Context, token, code string) (*Session, error) {
	return a.answerChallenge(ctx, token, code, false)
}

// ConfirmMFAEnrollment confirms the TOTP enrolled with an enrolment
// challenge (EnrollMFA) by its first code, and completes the login.
func (a *App) ConfirmMFAEnrollment(ctx context.Context, token, code string) (*Session, error) {
	return a.answerChallenge(ctx, token, code, true)
}

func (a *App) answerChallenge(ctx context.Context, token, code string, enroll bool) (*Session, error) {
	if err := requireTokenAndCode(token, code); err != nil {
		return nil, err
	}
	now := a.now()
	var s *Session
	var failed error
	var userID string
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		c, u, err := a.liveChallenge(ctx, tx, token, enroll, now)
		if err != nil {
			return err
		}
		userID = u.ID
		if wait := a.logins.wait(mfaKey(u.ID), now); wait > 0 {
			return mfaThrottled(wait)
		}
		actor := &auth.Principal{UserID: u.ID, Email: u.Email}
		f, usable, err := challengeFactor(ctx, tx, u.ID, enroll)
		if err != nil {
			return err
		}
		how := ""
		if usable {
			if how, err = a.checkSecondFactor(ctx, tx, f, code, enroll, now); err != nil {
				return err
			}
		}
		if how == "" {
			failed = errBadMFACode
			if ok, err := tx.FailMFAChallenge(ctx, c.ID); err != nil || !ok {
				failed = errBadMFAToken
				return err
			}
			return tx.AppendAudit(ctx, a.event(ctx, where(c.TenantID), actor, "auth.mfa_verify", "user", u.ID, audit.Failure,
				map[string]string{"reason": "invalid_code", "enrollment": boolString(enroll)}))
		}
		if won, err := tx.UseMFAChallenge(ctx, c.ID, now); err != nil || !won {
			return firstErr(err, errBadMFAToken)
		}
		s, err = a.secondFactorLogin(ctx, tx, u, c, how, enroll)
		return err
	})
	if err == nil && failed != nil {
		a.logins.fail(mfaKey(userID))
		return nil, failed
	}
	if err == nil {
		a.logins.succeed(mfaKey(userID))
	}
	return s, err
}

// liveChallenge finds the live challenge of token, of the kind wanted
// (enrolment or verification), and its active user.
func (a *App) liveChallenge(ctx context.Context, tx *store.Tx, token string, enroll bool, now time.Time) (*auth.MFAChallenge, *identity.User, error) {
	c, err := tx.MFAChallengeByHash(ctx, auth.HashOpaque(token))
	if err != nil {
		return nil, nil, notFoundAs(err, errBadMFAToken)
	}
	if !c.Live(now) {
		return nil, nil, errBadMFAToken
	}
	switch {
	case c.Enroll && !enroll:
		return nil, nil, errs.E(errs.Forbidden, "mfa_enrollment_required",
			"Enrol TOTP first: POST /api/v1/auth/mfa/enroll, then /api/v1/auth/mfa/enroll/verify.")
	case !c.Enroll && enroll:
		return nil, nil, errs.E(errs.Forbidden, "mfa_enrollment_not_allowed",
			"This login already has a second factor; answer it with POST /api/v1/auth/mfa/verify.")
	}
	u, err := tx.GetUser(ctx, c.UserID)
	if err != nil {
		return nil, nil, notFoundAs(err, errBadMFAToken)
	}
	if !u.IsActive {
		return nil, nil, errs.E(errs.Forbidden, "account_inactive", "This account is deactivated.")
	}
	return c, u, nil
}

// challengeFactor returns the TOTP factor a challenge is answered with: the
// pending one for an enrolment, the confirmed one otherwise. usable is false
// when the user has no confirmed factor (it was disabled since the
// challenge), so that no code matches.
func challengeFactor(ctx context.Context, tx *store.Tx, userID string, enroll bool) (f *auth.TOTPFactor, usable bool, err error) {
	f, err = tx.GetTOTP(ctx, userID)
	switch {
	case errs.Is(err, errs.NotFound) && enroll:
		return nil, false, errTOTPNotEnrolled
	case errs.Is(err, errs.NotFound):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	case enroll && f.ConfirmedAt != nil:
		return nil, false, errTOTPEnabled
	}
	return f, enroll || f.ConfirmedAt != nil, nil
}

// secondFactorLogin finishes the login of challenge c after its second
// factor succeeded: the tenant and method are checked again, the tokens
// record "mfa", and the events are audited.
func (a *App) secondFactorLogin(ctx context.Context, tx *store.Tx, u *identity.User, c *auth.MFAChallenge, how string, enroll bool) (*Session, error) {
	p, _, err := a.loginPrincipal(ctx, tx, u, c.TenantID, c.Method)
	if err != nil {
		return nil, err
	}
	p.AMR = append(p.AMR, auth.AMRMFA)
	w := where(c.TenantID)
	if enroll {
		if err := a.record(ctx, tx, w, p, "mfa.confirm", "user", u.ID, map[string]string{"factor": auth.FactorTOTP}); err != nil {
			return nil, err
		}
	}
	if err := a.record(ctx, tx, w, p, "auth.mfa_verify", "user", u.ID, map[string]string{"factor": how}); err != nil {
		return nil, err
	}
	if how == factorRecovery {
		if err := a.record(ctx, tx, w, p, "auth.recovery_code_used", "user", u.ID, nil); err != nil {
			return nil, err
		}
	}
	return a.completeLogin(ctx, tx, p, c.Method, map[string]string{"second_factor": how})
}

// checkSessionMethods checks, when a session is narrowed to a tenant, that
// the way it was established (its amr) satisfies the tenant's configuration:
// the first factor is allowed there, and a required TOTP was completed.
func (a *App) checkSessionMethods(ctx context.Context, tx *store.Tx, p *auth.Principal) error {
	cfg, err := a.effectiveConfig(ctx, tx, p.TenantID)
	if err != nil {
		return err
	}
	if !cfg.Allows(auth.FirstFactorOf(p.AMR)) {
		return errMethodDisabled
	}
	if cfg.RequiresTOTP() && !auth.HasMFA(p.AMR) {
		return errMFARequired
	}
	return nil
}

// recordMethodRefused audits a login refused because its method is off.
func (a *App) recordMethodRefused(ctx context.Context, u *identity.User, tenantID, method string) error {
	return a.db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, a.event(ctx, where(tenantID), &auth.Principal{UserID: u.ID, Email: u.Email},
			"auth.login", "user", u.ID, audit.Failure, map[string]string{"reason": errMethodDisabled.Code, "method": method}))
	})
}

func requireTokenAndCode(token, code string) error {
	var c errs.Collector
	c.Check(token == "", "mfa_token", "required", "This field is required.")
	c.Check(code == "", "code", "required", "This field is required.")
	return c.Err()
}

func mfaKey(userID string) string { return "mfa:" + userID }

func mfaThrottled(wait time.Duration) error {
	return &errs.Error{Kind: errs.RateLimited, Code: "mfa_throttled",
		Msg: "Too many wrong codes for this account; try again later.", RetryAfter: wait}
}

func firstErr(errList ...error) error {
	for _, err := range errList {
		if err != nil {
			return err
		}
	}
	return nil
}

// methodAllowed refuses a login method that the configuration of tenantID
// (or, for "", the public tenant's) turns off, before any credential is
// checked or used up. finishLogin checks it again in its transaction.
func (a *App) methodAllowed(ctx context.Context, tenantID, method string) error {
	return a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		cfg, err := a.effectiveConfig(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		if !cfg.Allows(method) {
			return errMethodDisabled
		}
		return nil
	})
}
