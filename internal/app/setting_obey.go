package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

// Branding is what a tenant's front end shows: the branding.* keys.
type Branding struct {
	LogoURL      string
	PrimaryColor string
}

// effectiveWithSettings is the authentication configuration that applies
// to tenantID ("" for the public tenant's), made from its resolved keys
// (effectiveAuth) and providers, and those keys. Logins issue prod tokens,
// so the keys are read in prod. tx is a system transaction or one of the
// tenant.
func (a *App) effectiveWithSettings(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, setting.Settings, error) {
	target := where(tenantID)
	if tx.TenantID() != "" && tx.TenantID() != target {
		return auth.Effective{}, nil, fmt.Errorf("app: configuration of %s read in a transaction of %s", target, tx.TenantID())
	}
	c, err := a.settingsOf(ctx, tx, target, auth.EnvProd)
	if err != nil {
		return auth.Effective{}, nil, err
	}
	providers, err := a.providersIn(ctx, tx, target)
	if err != nil {
		return auth.Effective{}, nil, err
	}
	return effectiveAuth(c.s, providers), c.s, nil
}

// clientAuth is effectiveWithSettings with the tenant's branding, for its
// public client configuration.
func (a *App) clientAuth(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, Branding, error) {
	eff, s, err := a.effectiveWithSettings(ctx, tx, tenantID)
	return eff, Branding{LogoURL: s.String(setting.LogoURL), PrimaryColor: s.String(setting.PrimaryColor)}, err
}
