package app

import (
	"context"
	"slices"

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
// to tenantID ("" for the public tenant's) with the configuration keys
// Tenantry obeys applied, and those keys. auth.mfa_enforced adds TOTP to
// the required second factors, which is what login, tenant selection and
// the client configuration read. Logins issue prod tokens, so the keys are
// read in prod. A tenant transaction of another tenant cannot read the
// keys; then only the stored configuration applies.
func (a *App) effectiveWithSettings(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, setting.Settings, error) {
	eff, err := a.storedAuthConfig(ctx, tx, tenantID)
	if err != nil {
		return eff, nil, err
	}
	target := where(tenantID)
	if tx.TenantID() != "" && tx.TenantID() != target {
		return eff, setting.Settings{}, nil
	}
	c, err := a.settingsOf(ctx, tx, target, auth.EnvProd)
	if err != nil {
		return eff, nil, err
	}
	s := c.s
	if s.Bool(setting.MFAEnforced) && !eff.RequiresTOTP() {
		eff.RequiredSecondaryFactors = append(slices.Clone(eff.RequiredSecondaryFactors), auth.FactorTOTP)
	}
	return eff, s, nil
}

// clientAuth is effectiveWithSettings with the tenant's branding, for its
// public client configuration.
func (a *App) clientAuth(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, Branding, error) {
	eff, s, err := a.effectiveWithSettings(ctx, tx, tenantID)
	return eff, Branding{LogoURL: s.String(setting.LogoURL), PrimaryColor: s.String(setting.PrimaryColor)}, err
}
