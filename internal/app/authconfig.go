package app

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// authConfigFields are the fields of the auth-config API (supertokens
// seed) and the configuration keys they read and write, in the order
// overrides lists them: one source of truth for the auth-config, its
// core_config and /configs. Providers sit among them but are no key: their
// client secrets live sealed in auth_configs, never among settings.
var authConfigFields = []struct{ field, key string }{
	{"email_password_enabled", setting.EmailPasswordEnabled},
	{"passwordless_enabled", setting.PasswordlessEnabled},
	{"third_party_enabled", setting.ThirdPartyEnabled},
	{"providers", ""},
	{"first_factors", setting.FirstFactors},
	{"required_secondary_factors", setting.RequiredSecondaryFactors},
	{"core_config.access_token_validity", setting.AccessTokenValidity},
	{"core_config.refresh_token_validity", setting.RefreshTokenValidity},
}

// isAuthKey reports whether key is one of the auth-config's.
func isAuthKey(key string) bool {
	return key != "" && slices.ContainsFunc(authConfigFields, func(f struct{ field, key string }) bool { return f.key == key })
}

// AuthConfigView is a tenant's effective authentication configuration, with
// the fields the tenant sets itself (the rest inherit from the platform's
// configuration — the public tenant's — and the built-in defaults).
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

// AuthConfigUpdate is a partial update. Values are new values of the keys
// of the fields given (the auth.* keys of authConfigFields), as JSON of the
// key's type; nil Providers keep theirs. BodyTenantID, when given, must
// name the tenant of the path.
type AuthConfigUpdate struct {
	BodyTenantID string
	Values       map[string]json.RawMessage
	Providers    *[]ProviderInput
}

// GetAuthConfig returns tenantID's effective authentication configuration.
func (a *App) GetAuthConfig(ctx context.Context, p *auth.Principal, tenantID string) (*AuthConfigView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.AuthConfigRead); err != nil {
		return nil, err
	}
	public, err := a.publicProviders(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var view *AuthConfigView
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		own, _, err := ownConfig(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		c, err := a.settingsOf(ctx, tx, tenantID, auth.EnvProd)
		if err != nil {
			return err
		}
		view = authView(tenantID, c.s, own, public, false)
		return nil
	})
	return view, err
}

// PutAuthConfig writes the fields of an update to tenantID's configuration
// keys (tenant-wide; the public tenant's are the platform's global values)
// and its providers, refusing a locked key (403 config_locked) and a result
// in which nobody could log in, and audits the change.
func (a *App) PutAuthConfig(ctx context.Context, p *auth.Principal, tenantID string, in AuthConfigUpdate) (*AuthConfigView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.AuthConfigUpdate); err != nil {
		return nil, err
	}
	values, fields, err := a.validateAuthConfig(tenantID, in)
	if err != nil {
		return nil, err
	}
	public, err := a.publicProviders(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	level := authLevel(tenantID)
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
		_, list, err := a.loadSettings(ctx, tx, tenantID, auth.EnvProd)
		if err != nil {
			return err
		}
		before := setting.Index(list)
		created := !stored && !slices.ContainsFunc(authConfigFields, func(f struct{ field, key string }) bool {
			return f.key != "" && before[f.key].From == level
		})
		if lockedAuthKey(before, level, values) {
			return errConfigLocked
		}
		now := a.now()
		for key, v := range values {
			if err := a.putAuthKey(ctx, tx, p, tenantID, level, key, setting.Entry{Value: v,
				Locked: level == setting.Global && before[key].LockedAt == setting.Global}, now); err != nil {
				return err
			}
		}
		if in.Providers != nil {
			if own.Providers, err = a.sealProviders(tenantID, own, *in.Providers); err != nil {
				return err
			}
			if !stored {
				own.CreatedAt = now
			}
			own.UpdatedAt = now
			if _, err := tx.PutAuthConfig(ctx, own); err != nil {
				return err
			}
			fields = append(fields, "providers")
		}
		_, list, err = a.loadSettings(ctx, tx, tenantID, auth.EnvProd)
		if err != nil {
			return err
		}
		view = authView(tenantID, setting.Index(list), own, public, created)
		if err := checkEffective(view.Effective); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "auth_config.update", "auth_config", tenantID,
			map[string]string{"created": boolString(created), "fields": joinFields(ordered(fields))})
	})
	return view, err
}

// lockedAuthKey reports whether a key of values is locked at or above
// level (a platform admin writing the global level owns the locks).
func lockedAuthKey(before setting.Settings, level setting.Level, values map[string]json.RawMessage) bool {
	for key := range values {
		if level != setting.Global && before[key].Locked(level) {
			return true
		}
	}
	return false
}

// authFieldCode is the stable code of a value refused for key.
func authFieldCode(key string) string {
	switch key {
	case setting.FirstFactors, setting.RequiredSecondaryFactors:
		return "unknown_factor"
	case setting.AccessTokenValidity, setting.RefreshTokenValidity:
		return "out_of_range"
	}
	return "invalid"
}

// putAuthKey stores one key of an auth-config update at level: the
// tenant's value, or the global one for the public tenant.
func (a *App) putAuthKey(ctx context.Context, tx *store.Tx, p *auth.Principal, tenantID string, level setting.Level, key string, e setting.Entry, now time.Time) error {
	if level == setting.Global {
		return tx.PutPlatformSetting(ctx, &store.PlatformSetting{Level: setting.Global, Key: key, Entry: e,
			UpdatedBy: actorOf(p), UpdatedAt: now})
	}
	return tx.PutTenantSetting(ctx, &store.TenantSetting{TenantID: tenantID, Key: key, Entry: e,
		UpdatedBy: actorOf(p), UpdatedAt: now})
}

// authLevel is the level a tenant's auth-config is written at: its own
// tenant-wide values, or for the public tenant — whose configuration every
// tenant inherits — the platform's global ones.
func authLevel(tenantID string) setting.Level {
	if tenantID == tenant.PublicID {
		return setting.Global
	}
	return setting.Tenant
}

// authView is a tenant's auth-config: its resolved keys, its own providers
// or else the public tenant's, and which fields it sets itself.
func authView(tenantID string, s setting.Settings, own *auth.TenantConfig, public []auth.Provider, created bool) *AuthConfigView {
	providers := public
	if own.Providers != nil {
		providers = *own.Providers
	}
	v := &AuthConfigView{TenantID: tenantID, Effective: effectiveAuth(s, providers), Overrides: []string{}, CreatedNew: created}
	level := authLevel(tenantID)
	for _, f := range authConfigFields {
		if f.key == "" && own.Providers != nil || f.key != "" && s[f.key].From == level {
			v.Overrides = append(v.Overrides, f.field)
		}
	}
	return v
}

// effectiveAuth is the authentication configuration resolved keys and
// providers make: what login, tenant selection and the client
// configuration read. auth.mfa_enforced adds TOTP to the required second
// factors.
func effectiveAuth(s setting.Settings, providers []auth.Provider) auth.Effective {
	e := auth.Effective{
		EmailPasswordEnabled:     s.Bool(setting.EmailPasswordEnabled),
		PasswordlessEnabled:      s.Bool(setting.PasswordlessEnabled),
		ThirdPartyEnabled:        s.Bool(setting.ThirdPartyEnabled),
		Providers:                providers,
		FirstFactors:             nonNil(s.Strings(setting.FirstFactors)),
		RequiredSecondaryFactors: nonNil(s.Strings(setting.RequiredSecondaryFactors)),
		AccessTokenValidity:      s.Duration(setting.AccessTokenValidity),
		RefreshTokenValidity:     s.Duration(setting.RefreshTokenValidity),
	}
	if e.Providers == nil {
		e.Providers = []auth.Provider{}
	}
	if s.Bool(setting.MFAEnforced) && !e.RequiresTOTP() {
		e.RequiredSecondaryFactors = append(e.RequiredSecondaryFactors, auth.FactorTOTP)
	}
	return e
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ordered returns fields in the order of authConfigFields.
func ordered(fields []string) []string {
	var out []string
	for _, f := range authConfigFields {
		if slices.Contains(fields, f.field) {
			out = append(out, f.field)
		}
	}
	return out
}

// publicProviders are the providers a tenant without its own inherits: the
// public tenant's (none for the public tenant itself, whose own are all).
func (a *App) publicProviders(ctx context.Context, tenantID string) ([]auth.Provider, error) {
	if tenantID == tenant.PublicID {
		return nil, nil
	}
	var pub *auth.TenantConfig
	err := a.db.ReadTenant(ctx, tenant.PublicID, func(tx *store.Tx) (err error) {
		pub, _, err = ownConfig(ctx, tx, tenant.PublicID)
		return err
	})
	if err != nil || pub.Providers == nil {
		return nil, err
	}
	return *pub.Providers, nil
}

// providersIn are the providers that apply to tenantID read in tx: its
// own, else the public tenant's when tx may read them (a system
// transaction). A complete answer is cached like the settings (and
// cleared with them: storing providers touches store.ConfigTopic).
func (a *App) providersIn(ctx context.Context, tx *store.Tx, tenantID string) ([]auth.Provider, error) {
	list, ok, gen := a.providers.get(tenantID)
	if ok {
		return list, nil
	}
	own, _, err := ownConfig(ctx, tx, tenantID)
	switch {
	case err != nil:
		return nil, err
	case own.Providers != nil:
		list = *own.Providers
	case tenantID == tenant.PublicID:
		list = []auth.Provider{}
	case tx.TenantID() != "":
		return nil, nil // the public tenant's are out of sight: not cached
	default:
		pub, _, err := ownConfig(ctx, tx, tenant.PublicID)
		if err != nil {
			return nil, err
		}
		list = []auth.Provider{}
		if pub.Providers != nil {
			list = *pub.Providers
		}
	}
	a.providers.put(tenantID, list, gen)
	return list, nil
}

// effectiveConfig resolves the authentication configuration that applies
// to a login in tenantID ("" for a global login: the public tenant's), in a
// system transaction or one of that tenant.
func (a *App) effectiveConfig(ctx context.Context, tx *store.Tx, tenantID string) (auth.Effective, error) {
	eff, _, err := a.effectiveWithSettings(ctx, tx, tenantID)
	return eff, err
}

// ownConfig returns the providers tenantID sets itself (one setting
// nothing when it has none stored) and whether a row is stored.
func ownConfig(ctx context.Context, tx *store.Tx, tenantID string) (*auth.TenantConfig, bool, error) {
	c, err := tx.GetAuthConfig(ctx, tenantID)
	if errs.Is(err, errs.NotFound) {
		return &auth.TenantConfig{TenantID: tenantID}, false, nil
	}
	return c, err == nil, err
}

// sealProviders turns an update's providers into stored ones, sealing new
// client secrets and keeping the stored secret of a provider given without
// one.
func (a *App) sealProviders(tenantID string, own *auth.TenantConfig, in []ProviderInput) (*[]auth.Provider, error) {
	stored := map[string]string{}
	if own.Providers != nil {
		for _, p := range *own.Providers {
			stored[p.ID] = p.ClientSecretSealed
		}
	}
	list := make([]auth.Provider, 0, len(in))
	for _, p := range in {
		sealed := stored[p.ID]
		if p.ClientSecret != nil && *p.ClientSecret == "" {
			sealed = ""
		} else if p.ClientSecret != nil {
			var err error
			if sealed, err = a.box.Seal([]byte(*p.ClientSecret), auth.ProviderSealContext(tenantID, p.ID)); err != nil {
				return nil, err
			}
		}
		list = append(list, auth.Provider{ID: p.ID, Name: p.Name, ClientID: p.ClientID, ClientSecretSealed: sealed})
	}
	return &list, nil
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
