package app

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// ImpersonationTTL is the longest an impersonation token lives.
const ImpersonationTTL = 15 * time.Minute

var (
	errImpersonateAdmin = errs.E(errs.Forbidden, "cannot_impersonate_platform_admin",
		"A platform admin cannot be impersonated.")
	errImpersonationRestricted = errs.E(errs.Forbidden, "impersonation_restricted",
		"An impersonation token cannot be exchanged for other tokens.")
)

// ImpersonateInput names the user to act as, in which tenant, and why.
type ImpersonateInput struct {
	UserID   string
	TenantID string
	Reason   string
}

// Impersonation is a short-lived access token acting as a user in one
// tenant on behalf of a platform admin.
type Impersonation struct {
	AccessToken    string
	ExpiresIn      time.Duration
	UserID         string
	TenantID       string
	Role           membership.Role
	ImpersonatorID string
}

// Impersonate issues a platform admin, for support, an access token acting
// as an active member of a tenant: scoped to that tenant with the member's
// role, living at most ImpersonationTTL, without a refresh token, and
// carrying an act claim (RFC 8693) that names the admin. It cannot be
// exchanged (select-tenant, switch-environment, password change), every
// action under it is audited with the admin as impersonator, and the
// impersonation itself is audited in the tenant's log. Platform admins
// cannot be impersonated (403); a user who is not an active member of the
// tenant answers 404 like a missing one.
func (a *App) Impersonate(ctx context.Context, p *auth.Principal, in ImpersonateInput) (*Impersonation, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	if p.ImpersonatorID != "" || p.IsAPIKey() {
		return nil, errImpersonationRestricted
	}
	var c errs.Collector
	in.Reason = strings.TrimSpace(in.Reason)
	c.Check(in.UserID == "", "user_id", "required", "This field is required.")
	c.Check(in.TenantID == "", "tenant_id", "required", "This field is required.")
	required(&c, "reason", in.Reason, 500)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var out *Impersonation
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, in.TenantID)
		if err != nil {
			return errTenantNotFound
		}
		u, err := tx.GetAdminUser(ctx, in.UserID)
		if errs.Is(err, errs.NotFound) {
			return errUserNotFound
		}
		if err != nil {
			return err
		}
		m, err := tx.GetMembership(ctx, t.ID, u.ID)
		if errs.Is(err, errs.NotFound) || (err == nil && m.Status != membership.Active) {
			return errUserNotFound
		}
		if err != nil {
			return err
		}
		if u.PlatformAdmin {
			return errImpersonateAdmin
		}
		if !u.Active || u.Locked {
			return errs.E(errs.Conflict, "user_not_active", "This user is "+UserStatus(u)+".")
		}
		if t.Status != tenant.Active {
			return tenantNotActive(t.Status)
		}
		cfg, err := a.effectiveConfig(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		ttl := min(ImpersonationTTL, cfg.AccessTokenValidity)
		as := auth.Principal{UserID: u.ID, Email: u.Email, TenantID: t.ID, Role: m.Role, OutletIDs: m.OutletIDs,
			Env: auth.EnvProd, AMR: p.AMR, ImpersonatorID: p.UserID}
		tok, err := a.tokens.Issue(as, a.now(), ttl)
		if err != nil {
			return err
		}
		out = &Impersonation{AccessToken: tok, ExpiresIn: ttl, UserID: u.ID, TenantID: t.ID, Role: m.Role, ImpersonatorID: p.UserID}
		return a.record(ctx, tx, t.ID, p, "admin.impersonate", "user", u.ID, map[string]string{
			"user_email": u.Email, "reason": in.Reason, "expires_in": ttl.String()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkImpersonator voids an impersonation token whose platform admin is no
// longer one (revoked, locked, deactivated) or ended their sessions after
// it was issued.
func checkImpersonator(ctx context.Context, tx *store.Tx, claims *auth.Claims) error {
	ok, ended, err := tx.Impersonator(ctx, claims.Act.Sub)
	if err != nil {
		return err
	}
	if !ok || endedBefore(ended, claims) {
		return errBadToken
	}
	return nil
}
