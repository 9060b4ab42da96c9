package app

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
)

var errConfigLocked = errs.E(errs.Forbidden, "config_locked",
	"This key is locked by the platform: only a platform admin may change it.")

// ConfigChange names a tenant's value: the key, and the environment
// (prod, staging or dev; "" for that of the credentials; "all" for the
// tenant-wide value every environment inherits).
type ConfigChange struct {
	Key         string
	Environment string
	Value       json.RawMessage // for a put
}

// PutConfig sets one of the caller's tenant's values (owner and
// tenant_admin): for the environment when the key may be set per
// environment, else tenant-wide. A key the tenant may not set, or one a
// platform admin locked, answers 403 config_locked; an unknown key 404
// config_key_not_found; a value that does not fit, 422. Audited with the
// old and new effective values.
func (a *App) PutConfig(ctx context.Context, p *auth.Principal, in ConfigChange) (*ConfigItem, error) {
	return a.changeConfig(ctx, p, in, false)
}

// DeleteConfig removes one of the caller's tenant's values, so that the key
// returns to what it inherits. Audited like PutConfig.
func (a *App) DeleteConfig(ctx context.Context, p *auth.Principal, in ConfigChange) (*ConfigItem, error) {
	return a.changeConfig(ctx, p, in, true)
}

func (a *App) changeConfig(ctx context.Context, p *auth.Principal, in ConfigChange, remove bool) (*ConfigItem, error) {
	if !p.Scoped() {
		return nil, errScopedCredentials
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.ConfigUpdate); err != nil {
		return nil, err
	}
	env, all := in.Environment, in.Environment == "all"
	switch {
	case env == "" || all:
		env = envOf(p)
	case !auth.ValidEnv(env):
		return nil, errs.Fields(errs.FieldError{Field: "environment", Code: "invalid", Message: "Use prod, staging, dev or all."})
	}
	var out *ConfigItem
	err := a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "settings:"+p.TenantID); err != nil {
			return err
		}
		reg, before, err := a.loadSettings(ctx, tx, p.TenantID, env)
		if err != nil {
			return err
		}
		d, ok := reg.Lookup(in.Key)
		if !ok {
			return errConfigKeyNotFound
		}
		old := setting.Index(before)[in.Key]
		level := writeLevel(d, all)
		if level == "" || old.Locked(level) {
			return errConfigLocked
		}
		stored := ""
		if level == setting.Environment {
			stored = env
		}
		if remove {
			if _, err := tx.DeleteTenantSetting(ctx, p.TenantID, stored, in.Key); err != nil {
				return err
			}
		} else {
			v, err := d.Normalize(in.Value)
			var bad *setting.Invalid
			if errors.As(err, &bad) {
				return errs.Fields(errs.FieldError{Field: "value", Code: "invalid_type", Message: bad.Msg})
			} else if err != nil {
				return err
			}
			if err := tx.PutTenantSetting(ctx, &store.TenantSetting{TenantID: p.TenantID, Environment: stored, Key: in.Key,
				Entry: setting.Entry{Value: v}, UpdatedBy: actorOf(p), UpdatedAt: a.now()}); err != nil {
				return err
			}
		}
		_, after, err := a.loadSettings(ctx, tx, p.TenantID, env)
		if err != nil {
			return err
		}
		if isAuthKey(in.Key) {
			// The keys of the auth-config: the same rule as its PUT.
			if err := checkEffective(effectiveAuth(setting.Index(after), nil)); err != nil {
				return err
			}
		}
		now := setting.Index(after)[in.Key]
		out = &ConfigItem{Resolved: now, Modifiable: true}
		action := "config.update"
		if remove {
			action = "config.delete"
		}
		return a.record(ctx, tx, p.TenantID, p, action, "config", in.Key, map[string]string{
			"level": string(level), "environment": stored, "old": rawOr(old.Value), "new": rawOr(now.Value)})
	})
	return out, err
}

// actorOf names who made a change: the user, or the API key.
func actorOf(p *auth.Principal) string {
	if p.IsAPIKey() {
		return p.APIKeyID
	}
	return p.UserID
}
