package app

import (
	"context"
	"errors"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errBadCredentials = errs.E(errs.Unauthenticated, "invalid_credentials", "Invalid email or password.")

// Session is what a successful login, tenant selection or refresh returns.
type Session struct {
	AccessToken  string
	RefreshToken string // "" when none was issued
	ExpiresIn    time.Duration
	TenantID     string
	Role         membership.Role
	Env          string
	Tenants      []tenant.Listing
	// Challenge, when set, means the first factor succeeded but a second one
	// is needed: no tokens were issued (see mfa_login.go).
	Challenge *Challenge
}

// LoginInput is an email and password login, optionally naming a tenant to
// get a tenant-scoped token at once (with a login token when the tenant
// requires one: session_login_token.go).
type LoginInput struct {
	Email      string
	Password   string
	TenantID   string
	LoginToken string
}

// Login checks a password. Wrong emails and wrong passwords answer
// identically and take the same time; repeated failures for one email are
// throttled whether or not an account has it. Every attempt is audited.
func (a *App) Login(ctx context.Context, in LoginInput) (*Session, error) {
	email := identity.NormalizeEmail(in.Email)
	var c errs.Collector
	c.Check(email == "", "email", "required", "This field is required.")
	c.Check(in.Password == "", "password", "required", "This field is required.")
	if err := c.Err(); err != nil {
		return nil, err
	}
	ip := metaOf(ctx).IP
	if err := a.loginWait(ctx, email, ip, a.now()); err != nil {
		return nil, err
	}
	if err := a.spendLoginToken(ctx, in.TenantID, in.LoginToken, email); err != nil {
		return nil, err // before the password is checked: no password is tried without a token
	}
	var u *identity.User
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { u, err = tx.GetUserByEmail(ctx, email); return err })
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	ok, err := a.checkPassword(ctx, u, in.Password)
	if err != nil {
		return nil, err // the wait for a hash slot ended: not a failed attempt
	}
	if !ok {
		lock, err := a.loginFailedIn(ctx, in.TenantID, email, ip)
		if err != nil {
			return nil, err
		}
		if err := a.recordLoginFailure(ctx, email, in.TenantID, lock); err != nil {
			return nil, err
		}
		return nil, errBadCredentials
	}
	s, err := a.finishLogin(ctx, u, in.TenantID, MethodPassword)
	if err != nil {
		return nil, err
	}
	a.logins.succeed(email)
	return s, nil
}

// Login methods, as recorded in the audit log and checked against a
// tenant's authentication configuration.
const (
	MethodPassword = "emailpassword"
	MethodOTP      = "otp-email"
)

// finishLogin completes a login whose first factor (method) succeeded for
// u. It scopes the session to tenantID when one is named, and enforces the
// authentication configuration that applies (the tenant's, or the public
// tenant's for a global login): the method must be allowed, and when the
// user has confirmed TOTP or the configuration requires it, the answer is an
// MFA challenge instead of tokens. Otherwise it issues the access and
// refresh tokens, lists the user's tenants and audits the login, in one
// transaction. Every way of logging in ends here.
func (a *App) finishLogin(ctx context.Context, u *identity.User, tenantID, method string) (*Session, error) {
	var s *Session
	err := a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
		s, err = a.finishLoginIn(ctx, tx, u, tenantID, method)
		return err
	})
	return s, a.loginRefused(ctx, err, u, tenantID, method)
}

// finishLoginIn is finishLogin's work in tx, for a login whose first
// factor was checked in the same transaction.
func (a *App) finishLoginIn(ctx context.Context, tx *store.Tx, u *identity.User, tenantID, method string) (*Session, error) {
	if !u.IsActive {
		return nil, errs.E(errs.Forbidden, "account_inactive", "This account is deactivated.")
	}
	if err := refuseLocked(ctx, tx, u.ID); err != nil { // platform_admin_users.go
		return nil, err
	}
	p, cfg, err := a.loginPrincipal(ctx, tx, u, tenantID, method)
	if err != nil {
		return nil, err
	}
	need, enroll, err := needsMFA(ctx, tx, u.ID, cfg)
	if err != nil {
		return nil, err
	}
	if need {
		return a.challenge(ctx, tx, p, method, enroll)
	}
	return a.completeLogin(ctx, tx, p, method, nil)
}

// loginRefused returns err of a login unit, with the audit of a refused
// method recorded when that was the refusal.
func (a *App) loginRefused(ctx context.Context, err error, u *identity.User, tenantID, method string) error {
	if errs.CodeOf(err) == errMethodDisabled.Code {
		return errors.Join(err, a.recordMethodRefused(ctx, u, tenantID, method))
	}
	return err
}

var errMethodDisabled = errs.E(errs.Forbidden, "login_method_disabled", "This login method is not enabled for this tenant.")

// loginPrincipal builds the principal of a login by u with method, scoped
// to tenantID when one is named, and checks that the configuration that
// applies allows the method.
func (a *App) loginPrincipal(ctx context.Context, tx *store.Tx, u *identity.User, tenantID, method string) (*auth.Principal, auth.Effective, error) {
	p := &auth.Principal{UserID: u.ID, Email: u.Email, PlatformAdmin: u.IsPlatformAdmin, Env: auth.EnvProd}
	if amr := auth.AMRFor(method); amr != "" {
		p.AMR = []string{amr}
	}
	if tenantID != "" {
		if err := a.scopeTo(ctx, tx, p, tenantID); err != nil {
			return nil, auth.Effective{}, err
		}
	}
	cfg, err := a.effectiveConfig(ctx, tx, tenantID)
	if err != nil {
		return nil, cfg, err
	}
	if !cfg.Allows(method) {
		return nil, cfg, errMethodDisabled
	}
	return p, cfg, nil
}

// completeLogin issues the tokens of a login whose factors all succeeded,
// lists the user's tenants and audits the login.
func (a *App) completeLogin(ctx context.Context, tx *store.Tx, p *auth.Principal, method string, details map[string]string) (*Session, error) {
	tenants, err := tx.ListUserTenants(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	s, err := a.issue(ctx, tx, p, "")
	if err != nil {
		return nil, err
	}
	s.Tenants = tenants
	if err := tx.RecordLogin(ctx, p.UserID, a.now()); err != nil { // store/admin.go
		return nil, err
	}
	d := map[string]string{"scoped": boolString(p.TenantID != ""), "method": method}
	for k, v := range details {
		d[k] = v
	}
	return s, a.record(ctx, tx, where(p.TenantID), p, "auth.login", "user", p.UserID, d)
}

// where is the tenant whose audit log records an event of a session in
// tenantID: that tenant, or the public one for a global session.
func where(tenantID string) string {
	if tenantID == "" {
		return tenant.PublicID
	}
	return tenantID
}

// checkPassword verifies pw against u's hash, or against a dummy hash when
// there is no such user, so both cases cost the same. Its error is that of
// a wait for a slot of the hash queue that ended with ctx; a hash that
// cannot be read is a mismatch.
func (a *App) checkPassword(ctx context.Context, u *identity.User, pw string) (bool, error) {
	hash := a.dummy()
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	ok, err := a.hasher.Verify(ctx, pw, hash)
	if errs.Is(err, errs.Unavailable) {
		return false, err
	}
	return err == nil && ok && u != nil && u.PasswordHash != "", nil
}

// dummy is the hash checkPassword verifies when there is no user's to
// verify, made once, outside the queue (one computation per process).
func (a *App) dummy() string {
	a.dummyOnce.Do(func() {
		h, err := a.hasher.Hasher().Hash("not a real password")
		if err != nil {
			panic("app: hash dummy password: " + err.Error())
		}
		a.dummyHash = h
	})
	return a.dummyHash
}

// recordLoginFailure audits a failed login in the tenant it named (when that
// tenant exists) or in the public tenant, and a lockout when one began
// (lock names what is locked: "account" or "address"; "" for none).
func (a *App) recordLoginFailure(ctx context.Context, email, tenantID, lock string) error {
	return a.db.InSystem(ctx, func(tx *store.Tx) error {
		where := tenant.PublicID
		if tenantID != "" {
			if _, err := tx.GetTenant(ctx, tenantID); err == nil {
				where = tenantID
			}
		}
		actor := &auth.Principal{Email: email}
		if err := tx.AppendAudit(ctx, a.event(ctx, where, actor, "auth.login", "user", "", audit.Failure,
			map[string]string{"reason": "invalid_credentials"})); err != nil {
			return err
		}
		if lock == "" {
			return nil
		}
		return tx.AppendAudit(ctx, a.event(ctx, where, actor, "auth.lockout", "user", "", audit.Failure,
			map[string]string{"scope": lock}))
	})
}

// scopeTo narrows p to tenantID, checking that p may act there: an active
// member of an active tenant, or a platform admin.
func (a *App) scopeTo(ctx context.Context, tx *store.Tx, p *auth.Principal, tenantID string) error {
	c, err := tx.Caller(ctx, p.UserID, tenantID, "", "")
	if err != nil {
		return err
	}
	switch {
	case c.TenantStatus == "":
		return errTenantNotFound
	case c.MemberStatus == membership.Active:
		p.Role, p.OutletIDs = c.Role, c.OutletIDs
	case !c.PlatformAdmin:
		return errTenantNotFound
	}
	if c.TenantStatus != tenant.Active && !c.PlatformAdmin {
		return tenantNotActive(c.TenantStatus)
	}
	p.TenantID = tenantID
	return nil
}

// issue signs an access token for p and, unless family is "-", stores a new
// refresh token in family ("" starts a new family). The access token belongs
// to that family (its sid), or with "-" to p's session, so that revoking the
// family voids it. Their lifetimes follow the core_config of p's tenant (the
// public tenant's for a global session).
func (a *App) issue(ctx context.Context, tx *store.Tx, p *auth.Principal, family string) (*Session, error) {
	if p.ImpersonatorID != "" {
		return nil, errImpersonationRestricted // platform_admin_impersonate.go
	}
	now := a.now()
	cfg, err := a.effectiveConfig(ctx, tx, p.TenantID) // token lifetimes: core_config
	if err != nil {
		return nil, err
	}
	switch family {
	case "-":
	case "":
		p.SessionID = id.New(id.Family)
	default:
		p.SessionID = family
	}
	access, err := a.tokens.Issue(*p, now, cfg.AccessTokenValidity)
	if err != nil {
		return nil, err
	}
	s := &Session{AccessToken: access, ExpiresIn: cfg.AccessTokenValidity, TenantID: p.TenantID, Role: p.Role, Env: p.Env}
	if family == "-" {
		return s, nil
	}
	if s.RefreshToken, err = a.newRefresh(ctx, tx, p, now, cfg.RefreshTokenValidity); err != nil {
		return nil, err
	}
	return s, nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
