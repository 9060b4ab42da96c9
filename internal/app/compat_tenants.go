package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// PutTenantConfig creates or updates the tenant named by ref (its slug, or
// its id) with an authentication configuration update, for the seed
// surfaces whose one call does both (supertokens PUT
// /recipe/multitenancy/tenant). A tenant that does not exist is created
// (CreateTenant: with the ref as its name and slug; a platform key's tenant
// has no owner); a deactivated one is reactivated (Reactivate); both answer
// createdNew. The update is validated before anything is created, then
// written by PutAuthConfig when it names a field. It returns the tenant's id.
func (a *App) PutTenantConfig(ctx context.Context, p *auth.Principal, ref string, in AuthConfigUpdate) (string, bool, error) {
	if _, _, err := a.validateAuthConfig("", AuthConfigUpdate{Values: in.Values}); err != nil {
		return "", false, err
	}
	created := false
	v, err := a.TenantInContext(ctx, p, ref)
	var tenantID string
	switch {
	case errs.Is(err, errs.NotFound):
		t, err := a.CreateTenant(ctx, p, CreateTenantInput{Name: ref, Slug: ref})
		if err != nil {
			return "", false, err
		}
		tenantID, created = t.Tenant.ID, true
	case err != nil:
		return "", false, err
	case v.Full == nil:
		return "", false, errTenantNotFound
	case !v.Full.Tenant.IsActive():
		if _, err := a.Reactivate(ctx, p, v.Profile.ID); err != nil {
			return "", false, err
		}
		tenantID, created = v.Profile.ID, true
	default:
		tenantID = v.Profile.ID
	}
	if len(in.Values) > 0 || in.Providers != nil {
		in.BodyTenantID = ""
		if _, err := a.PutAuthConfig(ctx, p, tenantID, in); err != nil {
			return tenantID, created, err
		}
	}
	return tenantID, created, nil
}

// ActiveTenantID resolves ref (a slug or an id) to the id of an active
// tenant p may manage (NotFound otherwise): the tenant of a seed request
// that names one by a header or its domain.
func (a *App) ActiveTenantID(ctx context.Context, p *auth.Principal, ref string) (string, error) {
	v, err := a.TenantInContext(ctx, p, ref)
	if err != nil {
		return "", err
	}
	if v.Full == nil || !v.Full.Tenant.IsActive() {
		return "", errTenantNotFound
	}
	return v.Profile.ID, nil
}
