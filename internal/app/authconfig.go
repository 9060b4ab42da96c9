package app

import (
	"context"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// AuthConfigView is a tenant's effective authentication configuration, with
// the fields the tenant sets itself (the rest inherit from the public
// tenant's configuration and the built-in defaults).
type AuthConfigView struct {
	TenantID   string
	Effective  auth.Effective
	Overrides  []string
	CreatedNew bool // for an update: no configuration of its own existed before
}

// ProviderInput is a third-party provider as given in an update. A nil
// ClientSecret keeps the secret stored for the same provider id, if any.
type ProviderInput struct {
	ID           string
	Name         string
	ClientID     string
	ClientSecret *string
}

// AuthConfigUpdate is a partial update: nil fields keep their value.
// Validities are in seconds. BodyTenantID, when given, must name the tenant
// of the path.
type AuthConfigUpdate struct {
	BodyTenantID             string
	EmailPasswordEnabled     *bool
	PasswordlessEnabled      *bool
	ThirdPartyEnabled        *bool
	Providers                *[]ProviderInput
	FirstFactors             *[]string
	RequiredSecondaryFactors *[]string
	AccessTokenValidity      *int
	RefreshTokenValidity     *int
}

// GetAuthConfig returns tenantID's effective authentication configuration.
func (a *App) GetAuthConfig(ctx context.Context, p *auth.Principal, tenantID string) (*AuthConfigView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.AuthConfigRead); err != nil {
		return nil, err
	}
	base, err := a.configBase(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var own *auth.TenantConfig
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		own, _, err = ownConfig(ctx, tx, tenantID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return viewOf(tenantID, base, own, false), nil
}

// PutAuthConfig creates or updates tenantID's own authentication
// configuration with the fields in set, refusing a result in which nobody
// could log in, and audits the change.
func (a *App) PutAuthConfig(ctx context.Context, p *auth.Principal, tenantID string, in AuthConfigUpdate) (*AuthConfigView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.AuthConfigUpdate); err != nil {
		return nil, err
	}
	if err := validateAuthConfig(tenantID, in); err != nil {
		return nil, err
	}
	base, err := a.configBase(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var view *AuthConfigView
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		if err := tx.Lock(ctx, "auth_config:"+tenantID); err != nil {
			return err
		}
		own, stored, err := ownConfig(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		now := a.now()
		created := !stored
		if created {
			own.CreatedAt = now
		}
		update, err := a.configUpdate(tenantID, own, in)
		if err != nil {
			return err
		}
		own.Apply(update)
		own.UpdatedAt = now
		if err := checkEffective(auth.Resolve(base, own)); err != nil {
			return err
		}
		if _, err := tx.PutAuthConfig(ctx, own); err != nil {
			return err
		}
		view = viewOf(tenantID, base, own, created)
		return a.record(ctx, tx, tenantID, p, "auth_config.update", "auth_config", tenantID,
			map[string]string{"created": boolString(created), "fields": joinFields(update.Overrides())})
	})
	return view, err
}

// configBase is what tenantID's own configuration is layered over: the
// built-in defaults, and for any tenant but the public one the public
// tenant's configuration.
func (a *App) configBase(ctx context.Context, tenantID string) (auth.Effective, error) {
	base := auth.Defaults(a.opt.AccessTTL, a.opt.RefreshTTL)
	if tenantID == tenant.PublicID {
		return base, nil
	}
	var pub *auth.TenantConfig
	err := a.db.ReadTenant(ctx, tenant.PublicID, func(tx *store.Tx) (err error) {
		pub, _, err = ownConfig(ctx, tx, tenant.PublicID)
		return err
	})
	return auth.Resolve(base, pub), err
}

// effectiveConfig resolves the configuration that applies to a login in
// tenantID ("" for a global login: the public tenant's). It reads the public
// tenant's row, so it runs in a system transaction; in a tenant transaction
// the public layer is not visible and only the tenant's own row applies.
//
// The tenant's configuration keys apply over it (auth.mfa_enforced requires
// TOTP: effectiveWithSettings).
func (a *App) effectiveConfig(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, error) {
	eff, _, err := a.effectiveWithSettings(ctx, tx, tenantID)
	return eff, err
}

// storedAuthConfig resolves the stored authentication configuration rows
// that apply to tenantID (effectiveConfig without the configuration keys).
func (a *App) storedAuthConfig(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, error) {
	base := auth.Defaults(a.opt.AccessTTL, a.opt.RefreshTTL)
	pub, _, err := ownConfig(ctx, tx, tenant.PublicID)
	if err != nil {
		return base, err
	}
	if tenantID == "" || tenantID == tenant.PublicID {
		return auth.Resolve(base, pub), nil
	}
	own, _, err := ownConfig(ctx, tx, tenantID)
	return auth.Resolve(base, pub, own), err
}

// ownConfig returns the configuration tenantID sets itself (one setting
// nothing when it has none stored) and whether one is stored.
func ownConfig(ctx context.Context, tx *store.Tx, tenantID string) (*auth.TenantConfig, bool, error) {
	c, err := tx.GetAuthConfig(ctx, tenantID)
	if errs.Is(err, errs.NotFound) {
		return &auth.TenantConfig{TenantID: tenantID}, false, nil
	}
	return c, err == nil, err
}

// configUpdate turns an update into a TenantConfig, sealing new provider
// secrets and keeping the stored secret of a provider given without one.
func (a *App) configUpdate(tenantID string, own *auth.TenantConfig, in AuthConfigUpdate) (auth.TenantConfig, error) {
	u := auth.TenantConfig{
		EmailPasswordEnabled:     in.EmailPasswordEnabled,
		PasswordlessEnabled:      in.PasswordlessEnabled,
		ThirdPartyEnabled:        in.ThirdPartyEnabled,
		FirstFactors:             dedupe(in.FirstFactors),
		RequiredSecondaryFactors: dedupe(in.RequiredSecondaryFactors),
		AccessTokenValidity:      seconds(in.AccessTokenValidity),
		RefreshTokenValidity:     seconds(in.RefreshTokenValidity),
	}
	if in.Providers == nil {
		return u, nil
	}
	stored := map[string]string{}
	if own.Providers != nil {
		for _, p := range *own.Providers {
			stored[p.ID] = p.ClientSecretSealed
		}
	}
	list := make([]auth.Provider, 0, len(*in.Providers))
	for _, p := range *in.Providers {
		sealed := stored[p.ID]
		if p.ClientSecret != nil && *p.ClientSecret == "" {
			sealed = ""
		} else if p.ClientSecret != nil {
			var err error
			if sealed, err = a.box.Seal([]byte(*p.ClientSecret), auth.ProviderSealContext(tenantID, p.ID)); err != nil {
				return u, err
			}
		}
		list = append(list, auth.Provider{ID: p.ID, Name: p.Name, ClientID: p.ClientID, ClientSecretSealed: sealed})
	}
	u.Providers = &list
	return u, nil
}

func viewOf(tenantID string, base auth.Effective, own *auth.TenantConfig, created bool) *AuthConfigView {
	return &AuthConfigView{TenantID: tenantID, Effective: auth.Resolve(base, own), Overrides: own.Overrides(), CreatedNew: created}
}

func seconds(n *int) *time.Duration {
	if n == nil {
		return nil
	}
	d := time.Duration(*n) * time.Second
	return &d
}

func dedupe(list *[]string) *[]string {
	if list == nil {
		return nil
	}
	out := []string{}
	for _, s := range *list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return &out
}

// notFoundAs replaces a NotFound error by want, keeping other errors.
func notFoundAs(err, want error) error {
	if errs.Is(err, errs.NotFound) {
		return want
	}
	return err
}
