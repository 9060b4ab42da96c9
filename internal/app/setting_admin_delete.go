package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errConfigValueNotFound = errs.E(errs.NotFound, "config_value_not_found", "No value of this key is stored at this scope.")

// DeleteAdminConfig removes the value a platform admin stored at a scope
// (GLOBAL, PLAN of PlanID or TENANT of TenantID, tenant-wide), so that
// resolution falls back to the layer above. An unknown key, plan or tenant
// answers 404, as does a scope that holds no value of the key
// (config_value_not_found). Audited like PutAdminConfig, with the removed
// value unless the key's name looks like a secret's.
func (a *App) DeleteAdminConfig(ctx context.Context, p *auth.Principal, in AdminConfigChange) error {
	if err := platformOnly(p, membership.ConfigAdmin); err != nil {
		return err
	}
	level, err := in.level()
	if err != nil {
		return err
	}
	return a.db.InSystem(ctx, func(tx *store.Tx) error {
		reg, err := a.registryOf(ctx, tx)
		if err != nil {
			return err
		}
		if _, ok := reg.Lookup(in.Key); !ok {
			return errConfigKeyNotFound
		}
		where, scopeID := tenant.PublicID, ""
		var old setting.Entry
		switch level {
		case setting.Global:
			old, err = tx.DeletePlatformSetting(ctx, level, "", in.Key)
			err = notFoundAs(err, errConfigValueNotFound)
		case setting.Plan:
			if _, err := tx.GetPlan(ctx, in.PlanID); err != nil {
				return notFoundAs(err, errPlanNotFound)
			}
			scopeID = in.PlanID
			old, err = tx.DeletePlatformSetting(ctx, level, scopeID, in.Key)
			err = notFoundAs(err, errConfigValueNotFound)
		case setting.Tenant:
			scopeID, where = in.TenantID, in.TenantID
			old, err = deleteTenantWide(ctx, tx, in.TenantID, in.Key)
		}
		if err != nil {
			return err
		}
		details := map[string]string{"scope": string(level), "scope_id": scopeID, "is_locked": boolString(old.Locked)}
		if !secretLike(in.Key) {
			details["old"] = rawOr(old.Value)
		}
		return a.record(ctx, tx, where, p, "config.admin_delete", "config", in.Key, details)
	})
}

// deleteTenantWide removes tenantID's tenant-wide value of key and returns
// it; 404 tenant_not_found for an unknown tenant, NotFound when it holds
// no such value.
func deleteTenantWide(ctx context.Context, tx *store.Tx, tenantID, key string) (setting.Entry, error) {
	if _, err := tx.GetTenant(ctx, tenantID); err != nil {
		return setting.Entry{}, notFoundAs(err, errTenantNotFound)
	}
	ls, err := tx.LoadSettings(ctx, tenantID, auth.EnvProd)
	if err != nil {
		return setting.Entry{}, err
	}
	old, ok := ls.Tenant[key]
	if ok {
		ok, err = tx.DeleteTenantSetting(ctx, tenantID, "", key)
		if err != nil {
			return setting.Entry{}, err
		}
	}
	if !ok {
		return setting.Entry{}, errConfigValueNotFound
	}
	return old, nil
}

// secretLike reports whether a key's name looks like a secret's by the
// audit log's own rule for detail names (audit.Redact), so that its value
// stays out of the log.
func secretLike(key string) bool {
	return audit.Redact(map[string]string{key: "x"})[key] != "x"
}
