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

// ViewLevel is how much of a tenant a caller sees (pers seed: the data level
// depends on who asks).
type ViewLevel string

// The levels, from least to most.
const (
	// LevelPublic is anyone's: the public profile of an active tenant.
	LevelPublic ViewLevel = "public"
	// LevelClient adds the contact email, the caller's environment and the
	// client configuration: an API key of the tenant with tenant:read, or a
	// member of the tenant.
	LevelClient ViewLevel = "client"
	// LevelAdmin adds the full tenant document: a platform admin, or a member
	// who may manage the tenant (tenant.update: owner, tenant_admin).
	LevelAdmin ViewLevel = "admin"
)

// PublicProfile is what anyone may see of an active tenant.
type PublicProfile struct {
	ID          string
	Name        string
	Slug        string
	Description string
	Website     string
	LogoURL     string
	CreatedAt   time.Time
}

// ClientConfig is what a tenant's front end needs to sign users in: the
// effective login methods and factors, and the publishable keys of its
// enabled gateway credentials (Stripe's under "stripe").
type ClientConfig struct {
	Profile         PublicProfile
	Auth            auth.Effective
	PublishableKeys map[string]string
	Branding        Branding
	// FirebaseTenantID is the pers seed's Firebase tenant id ("" for none).
	FirebaseTenantID string
}

// TenantContextView is a tenant as one caller may see it: Profile always;
// Email, Environment and Client from LevelClient; Full at LevelAdmin.
type TenantContextView struct {
	Level       ViewLevel
	Profile     PublicProfile
	Email       string
	Environment string
	Client      *ClientConfig
	Full        *TenantView
}

var errScopedCredentials = errs.E(errs.Invalid, "scoped_token_required",
	"Send an API key (X-API-Key) or a tenant-scoped access token: the tenant is the one of your credentials.")

// CurrentTenant is the tenant of the caller's credentials (pers seed GET
// /tenants/me: an API key's tenant) at the level the caller may see.
func (a *App) CurrentTenant(ctx context.Context, p *auth.Principal) (*TenantContextView, error) {
	if !p.Scoped() {
		return nil, errScopedCredentials
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.TenantRead); err != nil {
		return nil, err
	}
	return a.TenantInContext(ctx, p, p.TenantID)
}

// TenantInContext returns the tenant named by ref (its id or its slug) at the
// level p may see; p is nil for an anonymous caller. Credentials of another
// tenant see what anonymous callers see. A tenant that is not active does
// not exist below LevelClient.
func (a *App) TenantInContext(ctx context.Context, p *auth.Principal, ref string) (*TenantContextView, error) {
	tc, err := a.tenantContext(ctx, ref)
	if err != nil {
		return nil, err
	}
	l, eff, brand, keys := tc.listing, tc.eff, tc.brand, tc.keys
	t := l.Tenant
	level, err := a.levelOf(ctx, p, t.ID)
	if err != nil {
		return nil, err
	}
	v := &TenantContextView{Level: level, Profile: profileOf(t)}
	switch {
	case level == LevelPublic && !t.IsActive():
		return nil, errTenantNotFound
	case level == LevelPublic:
		return v, nil
	}
	v.Email, v.Environment = t.Email, p.Env
	v.Client = &ClientConfig{Profile: v.Profile, Auth: eff, PublishableKeys: keys, Branding: brand, FirebaseTenantID: t.Settings.FirebaseTenantID}
	if level == LevelAdmin {
		v.Full = &TenantView{Tenant: t, Subscription: l.Subscription}
	}
	return v, nil
}

// tenantContext is what TenantInContext reads of a tenant, the same for
// every caller; a.contexts keeps it, read only, by the reference asked for.
type tenantContext struct {
	listing *tenant.Listing
	eff     auth.Effective
	brand   Branding
	keys    map[string]string
}

// tenantContext reads, or finds in a.contexts, the tenant named by ref.
func (a *App) tenantContext(ctx context.Context, ref string) (*tenantContext, error) {
	tc, ok, gen := a.contexts.get(ref)
	if ok {
		return tc, nil
	}
	tc = &tenantContext{}
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		tenantID, err := resolveTenant(ctx, tx, ref)
		if err != nil {
			return err
		}
		if tc.listing, err = tx.GetTenantListing(ctx, tenantID); err != nil {
			return err
		}
		if tc.keys, err = publishableKeys(ctx, tx, tenantID); err != nil {
			return err
		}
		tc.eff, tc.brand, err = a.clientAuth(ctx, tx, tenantID)
		return err
	})
	if err != nil {
		return nil, notFoundAs(err, errTenantNotFound)
	}
	a.contexts.put(ref, tc, gen)
	return tc, nil
}

// TenantClientConfig returns what a front end of the active tenant named by
// ref (its slug or id) needs; anyone may ask.
func (a *App) TenantClientConfig(ctx context.Context, ref string) (*ClientConfig, error) {
	var t *tenant.Tenant
	var eff auth.Effective
	var brand Branding
	var keys map[string]string
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		tenantID, err := resolveTenant(ctx, tx, ref)
		if err != nil {
			return err
		}
		if t, err = tx.GetTenant(ctx, tenantID); err != nil {
			return err
		}
		if keys, err = publishableKeys(ctx, tx, tenantID); err != nil {
			return err
		}
		eff, brand, err = a.clientAuth(ctx, tx, tenantID)
		return err
	})
	if err != nil {
		return nil, notFoundAs(err, errTenantNotFound)
	}
	if !t.IsActive() {
		return nil, errTenantNotFound
	}
	return &ClientConfig{Profile: profileOf(*t), Auth: eff, PublishableKeys: keys, Branding: brand, FirebaseTenantID: t.Settings.FirebaseTenantID}, nil
}

// levelOf decides how much of tenantID p may see, with the one permission
// table: tenant.read gives LevelClient, and a user who may also
// tenant.update gets LevelAdmin. Refusals (another tenant, an inactive
// membership, a key without tenant:read) fall back to LevelPublic.
func (a *App) levelOf(ctx context.Context, p *auth.Principal, tenantID string) (ViewLevel, error) {
	switch {
	case p == nil:
		return LevelPublic, nil
	case p.PlatformAdmin:
		return LevelAdmin, nil
	}
	role, err := a.authorize(ctx, p, tenantID, membership.TenantRead)
	switch {
	case errs.Is(err, errs.NotFound) || errs.Is(err, errs.Forbidden):
		return LevelPublic, nil
	case err != nil:
		return "", err
	case !p.IsAPIKey() && membership.Allowed(role, membership.TenantUpdate):
		return LevelAdmin, nil
	}
	return LevelClient, nil
}

// resolveTenant turns a tenant id or slug into the tenant's id. Ids carry an
// underscore ("ten_…") or are the public tenant's; slugs never do.
func resolveTenant(ctx context.Context, tx *store.Tx, ref string) (string, error) {
	if strings.Contains(ref, "_") || ref == tenant.PublicID {
		return ref, nil
	}
	return tx.TenantIDBySlug(ctx, strings.ToLower(ref))
}

func profileOf(t tenant.Tenant) PublicProfile {
	return PublicProfile{ID: t.ID, Name: t.Name, Slug: t.Slug, Description: t.Description, Website: t.Website, LogoURL: t.LogoURL,
		CreatedAt: t.CreatedAt}
}
