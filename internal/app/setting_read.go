package app

import (
	"context"
	"encoding/json"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

var errConfigKeyNotFound = errs.E(errs.NotFound, "config_key_not_found", "Config key not found.")

// ConfigView is a tenant's merged configuration in one environment: every
// key of the registry resolved over its layers.
type ConfigView struct {
	TenantID    string
	Environment string
	Items       []ConfigItem
}

// ConfigItem is one resolved key and whether the caller may change it.
type ConfigItem struct {
	setting.Resolved
	Modifiable bool
	Locked     bool // locked at or above the level the caller would write
}

// Configs returns the merged configuration of the caller's tenant (that of
// its scoped token or API key) in the credentials' environment. Every
// member may read it, and API keys with config:read.
func (a *App) Configs(ctx context.Context, p *auth.Principal) (*ConfigView, error) {
	if !p.Scoped() {
		return nil, errScopedCredentials
	}
	role, err := a.authorize(ctx, p, p.TenantID, membership.ConfigRead)
	if err != nil {
		return nil, err
	}
	env := envOf(p)
	var list []setting.Resolved
	err = a.db.ReadTenant(ctx, p.TenantID, func(tx *store.Tx) (err error) {
		c, err := a.settingsOf(ctx, tx, p.TenantID, env)
		if err == nil {
			list = c.list
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	mayChange := !p.IsAPIKey() && (p.PlatformAdmin || membership.Allowed(role, membership.ConfigUpdate))
	v := &ConfigView{TenantID: p.TenantID, Environment: env}
	for _, r := range list {
		l := writeLevel(r.Def, false)
		locked := l != "" && r.Locked(l)
		v.Items = append(v.Items, ConfigItem{Resolved: r, Modifiable: mayChange && l != "" && !locked, Locked: locked})
	}
	return v, nil
}

// loadSettings reads configuration afresh in tx, for a change: the
// registry (built-in keys and the custom definitions) and every stored
// layer of tenantID in env, resolved. Reads go through settingsOf.
func (a *App) loadSettings(ctx context.Context, tx *store.Tx, tenantID, env string) (*setting.Registry, []setting.Resolved, error) {
	reg, err := a.registryOf(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	ls, err := tx.LoadSettings(ctx, tenantID, env)
	if err != nil {
		return nil, nil, err
	}
	return reg, setting.Resolve(reg, ls), nil
}

// registryOf is the built-in registry (with the installation's defaults)
// extended by the stored definitions.
func (a *App) registryOf(ctx context.Context, tx *store.Tx) (*setting.Registry, error) {
	custom, err := tx.SettingDefinitions(ctx)
	if err != nil {
		return nil, err
	}
	return a.builtin.With(custom)
}

// writeLevel is the level a tenant's change of d is written at: the
// environment of its credentials when d may be set per environment (and
// all is false), else tenant-wide; "" when a tenant may set d at neither.
func writeLevel(d *setting.Def, all bool) setting.Level {
	switch {
	case !all && d.SetAt(setting.Environment):
		return setting.Environment
	case d.SetAt(setting.Tenant):
		return setting.Tenant
	}
	return ""
}

// envOf is the environment of p's credentials (prod when none).
func envOf(p *auth.Principal) string {
	if p.Env == "" {
		return auth.EnvProd
	}
	return p.Env
}

// rawOr returns the JSON of v, or null.
func rawOr(v json.RawMessage) string {
	if len(v) == 0 {
		return "null"
	}
	return string(v)
}
