package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

// tenantSettings is one tenant's configuration in one environment,
// resolved: what a unit of work reads through settingsOf.
type tenantSettings struct {
	reg  *setting.Registry
	list []setting.Resolved
	s    setting.Settings
}

// settingsOf is the one read of configuration in a unit of work: tenantID's
// keys in env resolved over every layer. It is cached for CallerTTL and
// the cache clears on every commit that touched store.ConfigTopic (a
// stored value or definition, a subscription's plan) — in this process at
// once, in the others that share the limit store when they hear it — so a
// change applies to the next request.
func (a *App) settingsOf(ctx context.Context, tx *store.Tx, tenantID, env string) (*tenantSettings, error) {
	key := tenantID + "|" + env
	c, ok, gen := a.settings.get(key)
	if ok {
		return c, nil
	}
	reg, list, err := a.loadSettings(ctx, tx, tenantID, env)
	if err != nil {
		return nil, err
	}
	c = &tenantSettings{reg: reg, list: list, s: setting.Index(list)}
	a.settings.put(key, c, gen)
	return c, nil
}

// builtinRegistry is the built-in registry with the installation's own
// defaults: its token lifetimes and lockout threshold.
func builtinRegistry(opt Options) (*setting.Registry, error) {
	str := func(d time.Duration) json.RawMessage { b, _ := json.Marshal(d.String()); return b }
	reg, err := setting.Builtin().WithDefaults(map[string]json.RawMessage{
		setting.AccessTokenValidity:  str(opt.AccessTTL),
		setting.RefreshTokenValidity: str(opt.RefreshTTL),
		setting.LockoutThreshold:     json.RawMessage(fmt.Sprint(opt.LoginMaxFail)),
	})
	if err != nil {
		return nil, fmt.Errorf("app: configuration defaults: %w", err)
	}
	return reg, nil
}

// Settings returns tenantID's resolved configuration in env (prod when
// ""), for callers outside a unit of work (the HTTP layer's per-user rate
// limit): from the cache, or read in a transaction of the tenant.
func (a *App) Settings(ctx context.Context, tenantID, env string) (setting.Settings, error) {
	if env == "" {
		env = auth.EnvProd
	}
	if c, ok, _ := a.settings.get(tenantID + "|" + env); ok {
		return c.s, nil
	}
	var c *tenantSettings
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		c, err = a.settingsOf(ctx, tx, tenantID, env)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c.s, nil
}
