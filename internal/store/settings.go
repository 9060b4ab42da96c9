package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/setting"
)

// Configuration values (package setting): platform-level values (global,
// per plan) and custom key definitions are read by any transaction and
// written by platform-admin use cases; a tenant's values (tenant-wide and
// per environment) are tenant-scoped.

// LoadSettings reads, in one statement, every stored layer that applies to
// tenantID in env: the global values, those of the plan of its current
// subscription, its own tenant-wide values and those of env.
func (t *Tx) LoadSettings(ctx context.Context, tenantID, env string) (setting.Layers, error) {
	var ls setting.Layers
	if err := t.scope(tenantID); err != nil {
		return ls, err
	}
	rows, err := t.query(ctx, `SELECT 'global', key, value, is_locked FROM platform_settings WHERE scope = 'global'
		UNION ALL
		SELECT 'plan', ps.key, ps.value, ps.is_locked FROM platform_settings ps
		WHERE ps.scope = 'plan' AND ps.scope_id = (SELECT p.id FROM plans p WHERE p.code =
			(SELECT s.plan FROM subscriptions s WHERE s.tenant_id = ? ORDER BY s.id DESC LIMIT 1))
		UNION ALL
		SELECT CASE WHEN environment = '' THEN 'tenant' ELSE 'environment' END, key, value, is_locked
		FROM tenant_settings WHERE tenant_id = ? AND (environment = '' OR environment = ?)`, tenantID, tenantID, env)
	if err != nil {
		return ls, err
	}
	defer rows.Close()
	for rows.Next() {
		var level, key string
		var e setting.Entry
		if err := rows.Scan(&level, &key, rawCol{&e.Value}, &e.Locked); err != nil {
			return ls, fmt.Errorf("store: scan setting: %w", err)
		}
		ls.Put(setting.Level(level), key, e)
	}
	if err := rows.Err(); err != nil {
		return ls, fmt.Errorf("store: rows: %w", err)
	}
	return ls, nil
}

// TenantSetting is one stored value of a tenant: tenant-wide when
// Environment is "", else for that environment.
type TenantSetting struct {
	TenantID    string
	Environment string
	Key         string
	Entry       setting.Entry
	UpdatedBy   string
	UpdatedAt   time.Time
}

// PutTenantSetting creates or replaces one of a tenant's values.
func (t *Tx) PutTenantSetting(ctx context.Context, s *TenantSetting) error {
	t.Touch(ConfigTopic)
	if err := t.scope(s.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_settings (tenant_id, environment, key, value, is_locked, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, environment, key) DO UPDATE SET value = excluded.value,
		is_locked = excluded.is_locked, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		s.TenantID, s.Environment, s.Key, string(s.Entry.Value), s.Entry.Locked, s.UpdatedBy, ts(s.UpdatedAt))
	return err
}

// DeleteTenantSetting removes one of a tenant's values and reports whether
// there was one.
func (t *Tx) DeleteTenantSetting(ctx context.Context, tenantID, env, key string) (bool, error) {
	t.Touch(ConfigTopic)
	if err := t.scope(tenantID); err != nil {
		return false, err
	}
	r, err := t.exec(ctx, `DELETE FROM tenant_settings WHERE tenant_id = ? AND environment = ? AND key = ?`, tenantID, env, key)
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}

// PlatformSetting is one platform-level value: global (ScopeID "") or of
// the plan whose id is ScopeID.
type PlatformSetting struct {
	Level     setting.Level // setting.Global or setting.Plan
	ScopeID   string
	Key       string
	Entry     setting.Entry
	UpdatedBy string
	UpdatedAt time.Time
}

// PlatformSettings lists every platform-level value, by key, global first.
func (t *Tx) PlatformSettings(ctx context.Context) ([]PlatformSetting, error) {
	rows, err := t.query(ctx, `SELECT scope, scope_id, key, value, is_locked, updated_by, updated_at
		FROM platform_settings ORDER BY key, scope, scope_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PlatformSetting
	for rows.Next() {
		var s PlatformSetting
		var level string
		if err := rows.Scan(&level, &s.ScopeID, &s.Key, rawCol{&s.Entry.Value}, &s.Entry.Locked, &s.UpdatedBy,
			timeCol{&s.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan platform setting: %w", err)
		}
		s.Level = setting.Level(level)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}

// PutPlatformSetting creates or replaces a platform-level value.
func (t *Tx) PutPlatformSetting(ctx context.Context, s *PlatformSetting) error {
	t.Touch(ConfigTopic)
	_, err := t.exec(ctx, `INSERT INTO platform_settings (scope, scope_id, key, value, is_locked, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, scope_id, key) DO UPDATE SET value = excluded.value,
		is_locked = excluded.is_locked, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		string(s.Level), s.ScopeID, s.Key, string(s.Entry.Value), s.Entry.Locked, s.UpdatedBy, ts(s.UpdatedAt))
	return err
}

// DeletePlatformSetting removes a platform-level value (global, or of the
// plan ScopeID) and returns what it held; NotFound config_value_not_found
// when none is stored there.
func (t *Tx) DeletePlatformSetting(ctx context.Context, level setting.Level, scopeID, key string) (setting.Entry, error) {
	t.Touch(ConfigTopic)
	var e setting.Entry
	err := t.get(ctx, "config_value_not_found", `DELETE FROM platform_settings WHERE scope = ? AND scope_id = ? AND key = ?
		RETURNING value, is_locked`, []any{string(level), scopeID, key}, rawCol{&e.Value}, &e.Locked)
	return e, err
}

// SettingDefinitions returns the keys platform admins defined, by key.
func (t *Tx) SettingDefinitions(ctx context.Context) ([]*setting.Def, error) {
	rows, err := t.query(ctx, `SELECT key, label, resource, grp, section, type, enum_values, default_value, levels,
		schema FROM setting_definitions ORDER BY key`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*setting.Def
	for rows.Next() {
		d := &setting.Def{Custom: true}
		if err := rows.Scan(&d.Key, &d.Label, &d.Resource, &d.Group, &d.Section, &d.Type, jsonCol{&d.Values},
			rawCol{&d.Default}, jsonCol{&d.Levels}, rawCol{&d.Schema}); err != nil {
			return nil, fmt.Errorf("store: scan setting definition: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: rows: %w", err)
	}
	return out, nil
}

// PutSettingDefinition creates or replaces a custom key's definition and
// reports whether it created it.
func (t *Tx) PutSettingDefinition(ctx context.Context, d *setting.Def, now time.Time) (created bool, err error) {
	t.Touch(ConfigTopic)
	values, err := jsonArg(nonNil(d.Values))
	if err != nil {
		return false, err
	}
	levels, err := jsonArg(d.Levels)
	if err != nil {
		return false, err
	}
	var schema any // NULL: no schema
	if d.Schema != nil {
		schema = string(d.Schema)
	}
	args := []any{d.Label, d.Resource, d.Group, d.Section, string(d.Type), values, string(d.Default), levels, schema}
	r, err := t.exec(ctx, `INSERT INTO setting_definitions (key, label, resource, grp, section, type, enum_values,
		default_value, levels, schema, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING`,
		append(append([]any{d.Key}, args...), ts(now), ts(now))...)
	if err != nil || affected(r) == 1 {
		return err == nil, err
	}
	_, err = t.exec(ctx, `UPDATE setting_definitions SET label = ?, resource = ?, grp = ?, section = ?, type = ?,
		enum_values = ?, default_value = ?, levels = ?, schema = ?, updated_at = ? WHERE key = ?`, append(args, ts(now), d.Key)...)
	return false, err
}

// rawCol scans a JSON column as it is stored; NULL scans as nil.
type rawCol struct{ v *json.RawMessage }

func (c rawCol) Scan(src any) error {
	switch s := src.(type) {
	case nil:
		*c.v = nil
	case string:
		*c.v = json.RawMessage(s)
	case []byte:
		*c.v = append(json.RawMessage(nil), s...)
	default:
		return fmt.Errorf("store: cannot scan %T as json", src)
	}
	return nil
}
