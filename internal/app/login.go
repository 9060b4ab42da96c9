package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
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
	Tenants      []store.TenantListing
}

// LoginInput is an email and password login, optionally naming a tenant to
// get a tenant-scoped token at once.
type LoginInput struct {
	Email    string
	Password string
	TenantID string
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
	now := a.now()
	if wait := a.logins.wait(email, now); wait > 0 {
		return nil, &errs.Error{Kind: errs.RateLimited, Code: "login_throttled",
			Msg: "Too many failed logins for this account; try again later.", RetryAfter: wait}
	}
	var u *identity.User
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { u, err = tx.GetUserByEmail(ctx, email); return err })
	if err != nil && !errs.Is(err, errs.NotFound) {
		return nil, err
	}
	ok := a.checkPassword(u, in.Password)
	if !ok {
		locked := a.logins.fail(email, now)
		if err := a.recordLoginFailure(ctx, email, in.TenantID, locked); err != nil {
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
// u: it scopes the session to tenantID when one is named, issues the access
// and refresh tokens, lists the user's tenants and audits the login, in one
// transaction. Every way of logging in ends here.
func (a *App) finishLogin(ctx context.Context, u *identity.User, tenantID, method string) (*Session, error) {
	if !u.IsActive {
		return nil, errs.E(errs.Forbidden, "account_inactive", "This account is deactivated.")
	}
	p := &auth.Principal{UserID: u.ID, Email: u.Email, PlatformAdmin: u.IsPlatformAdmin, Env: auth.EnvProd}
	var s *Session
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if tenantID != "" {
			if err := a.scopeTo(ctx, tx, p, tenantID); err != nil {
				return err
			}
		}
		tenants, err := tx.ListUserTenants(ctx, u.ID)
		if err != nil {
			return err
		}
		if s, err = a.issue(ctx, tx, p, ""); err != nil {
			return err
		}
		s.Tenants = tenants
		where := tenantID
		if where == "" {
			where = tenant.PublicID
		}
		return a.record(ctx, tx, where, p, "auth.login", "user", u.ID,
			map[string]string{"scoped": boolString(tenantID != ""), "method": method})
	})
	return s, err
}

// checkPassword verifies pw against u's hash, or against a dummy hash when
// there is no such user, so both cases cost the same.
func (a *App) checkPassword(u *identity.User, pw string) bool {
	hash := a.dummy()
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	ok, err := a.hasher.Verify(pw, hash)
	return err == nil && ok && u != nil && u.PasswordHash != ""
}

func (a *App) dummy() string {
	a.dummyOnce.Do(func() {
		h, err := a.hasher.Hash("not a real password")
		if err != nil {
			panic("app: hash dummy password: " + err.Error())
		}
		a.dummyHash = h
	})
	return a.dummyHash
}

// recordLoginFailure audits a failed login in the tenant it named (when that
// tenant exists) or in the public tenant, and a lockout when one began.
func (a *App) recordLoginFailure(ctx context.Context, email, tenantID string, locked bool) error {
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
		if !locked {
			return nil
		}
		return tx.AppendAudit(ctx, a.event(ctx, where, actor, "auth.lockout", "user", "", audit.Failure, nil))
	})
}

// scopeTo narrows p to tenantID, checking that p may act there: an active
// member of an active tenant, or a platform admin.
func (a *App) scopeTo(ctx context.Context, tx *store.Tx, p *auth.Principal, tenantID string) error {
	c, err := tx.Caller(ctx, p.UserID, tenantID, "")
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
// refresh token in family ("" starts a new family).
func (a *App) issue(ctx context.Context, tx *store.Tx, p *auth.Principal, family string) (*Session, error) {
	now := a.now()
	access, err := a.tokens.Issue(*p, now, a.opt.AccessTTL)
	if err != nil {
		return nil, err
	}
	s := &Session{AccessToken: access, ExpiresIn: a.opt.AccessTTL, TenantID: p.TenantID, Role: p.Role, Env: p.Env}
	if family == "-" {
		return s, nil
	}
	if s.RefreshToken, err = a.newRefresh(ctx, tx, p, family, now); err != nil {
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
