package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errTenantNotFound = errs.E(errs.NotFound, "tenant_not_found", "Tenant not found.")

// authorize decides whether p may perform action on tenantID, using the one
// permission table. A tenant the caller does not belong to answers exactly
// like a missing one (NotFound); a tenant they belong to but may not act on
// this way answers Forbidden. An API key is judged by its scopes, never a
// role (keyMay). It returns the caller's role in the tenant.
func (a *App) authorize(ctx context.Context, p *auth.Principal, tenantID string, action membership.Action) (membership.Role, error) {
	if p.PlatformAdmin {
		return p.Role, nil
	}
	var role membership.Role
	switch {
	case p.Scoped() && p.TenantID != tenantID:
		return "", errTenantNotFound
	case p.IsAPIKey():
		return "", keyMay(p, action) // scopes, never roles (apikey_auth.go)
	case p.Scoped():
		role = p.Role // resolved from the database by Authenticate
	default:
		var c *store.Caller
		err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
			c, err = tx.Caller(ctx, p.UserID, tenantID, p.TokenID, p.SessionID)
			return err
		})
		if err != nil {
			return "", err
		}
		if c.TenantStatus == "" || c.MemberStatus != membership.Active {
			return "", errTenantNotFound
		}
		if c.TenantStatus != tenant.Active {
			return "", tenantNotActive(c.TenantStatus)
		}
		role = c.Role
	}
	if !membership.Allowed(role, action) {
		return role, errs.E(errs.Forbidden, "forbidden", "Your role does not allow this action.")
	}
	return role, nil
}

// requirePlatformAdmin refuses anyone but a platform admin.
func requirePlatformAdmin(p *auth.Principal) error {
	if p.PlatformAdmin {
		return nil
	}
	return errs.E(errs.Forbidden, "platform_admin_required", "Only a platform admin may do this.")
}
