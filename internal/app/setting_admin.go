package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// AdminConfig is one key of the registry with its platform-level values.
type AdminConfig struct {
	Def    *setting.Def
	Values []PlatformValue
}

// PlatformValue is a value a platform admin stored: global (ScopeID ""),
// of a plan, or of a tenant (tenant-wide).
type PlatformValue struct {
	Level     setting.Level
	ScopeID   string
	Key       string
	Entry     setting.Entry
	UpdatedAt time.Time
}

func platformValueOf(s store.PlatformSetting) PlatformValue {
	return PlatformValue{Level: s.Level, ScopeID: s.ScopeID, Key: s.Key, Entry: s.Entry, UpdatedAt: s.UpdatedAt}
}

// AdminConfigs lists every key with its global and plan values (platform
// admins).
func (a *App) AdminConfigs(ctx context.Context, p *auth.Principal) ([]AdminConfig, error) {
	if err := platformOnly(p, membership.ConfigAdmin); err != nil {
		return nil, err
	}
	var out []AdminConfig
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		reg, err := a.registryOf(ctx, tx)
		if err != nil {
			return err
		}
		values, err := tx.PlatformSettings(ctx)
		if err != nil {
			return err
		}
		byKey := map[string][]PlatformValue{}
		for _, v := range values {
			byKey[v.Key] = append(byKey[v.Key], platformValueOf(v))
		}
		for _, d := range reg.Defs() {
			out = append(out, AdminConfig{Def: d, Values: byKey[d.Key]})
		}
		return nil
	})
	return out, err
}

// AdminConfigChange is a platform admin's value: Scope GLOBAL, PLAN (of
// PlanID) or TENANT (of TenantID, tenant-wide), locked or not.
type AdminConfigChange struct {
	Key      string
	Value    json.RawMessage
	Scope    string
	PlanID   string
	TenantID string
	Locked   bool
}

// level is the scope of a change: GLOBAL (also when empty), PLAN with
// its plan_id or TENANT with its tenant_id; anything else is a 422.
func (in AdminConfigChange) level() (setting.Level, error) {
	var level setting.Level
	switch strings.ToUpper(in.Scope) {
	case "", "GLOBAL":
		level = setting.Global
	case "PLAN":
		level = setting.Plan
	case "TENANT":
		level = setting.Tenant
	default:
		return "", errs.Fields(errs.FieldError{Field: "scope", Code: "invalid", Message: "Use GLOBAL, PLAN or TENANT."})
	}
	var c errs.Collector
	c.Check(level == setting.Plan && in.PlanID == "", "plan_id", "required", "A PLAN value names its plan_id.")
	c.Check(level == setting.Tenant && in.TenantID == "", "tenant_id", "required", "A TENANT value names its tenant_id.")
	return level, c.Err()
}

// PutAdminConfig stores a platform admin's value at its scope, audited in
// the platform's log (and, for a tenant's value, in that tenant's).
func (a *App) PutAdminConfig(ctx context.Context, p *auth.Principal, in AdminConfigChange) (*PlatformValue, error) {
	if err := platformOnly(p, membership.ConfigAdmin); err != nil {
		return nil, err
	}
	level, err := in.level()
	if err != nil {
		return nil, err
	}
	out := &store.PlatformSetting{Level: level, Key: in.Key, UpdatedBy: p.UserID, UpdatedAt: a.now()}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		reg, err := a.registryOf(ctx, tx)
		if err != nil {
			return err
		}
		d, ok := reg.Lookup(in.Key)
		if !ok {
			return errConfigKeyNotFound
		}
		if !d.SetAt(level) {
			return errs.Fields(errs.FieldError{Field: "scope", Code: "not_allowed", Message: "This key cannot be set at this scope."})
		}
		v, err := d.Normalize(in.Value)
		var bad *setting.Invalid
		if errors.As(err, &bad) {
			return errs.Fields(errs.FieldError{Field: "value", Code: "invalid_type", Message: bad.Msg})
		} else if err != nil {
			return err
		}
		out.Entry = setting.Entry{Value: v, Locked: in.Locked}
		where := tenant.PublicID
		switch level {
		case setting.Plan:
			if _, err := tx.GetPlan(ctx, in.PlanID); err != nil {
				return notFoundAs(err, errPlanNotFound)
			}
			out.ScopeID = in.PlanID
		case setting.Tenant:
			if _, err := tx.GetTenant(ctx, in.TenantID); err != nil {
				return notFoundAs(err, errTenantNotFound)
			}
			out.ScopeID, where = in.TenantID, in.TenantID
			err = tx.PutTenantSetting(ctx, &store.TenantSetting{TenantID: in.TenantID, Key: in.Key, Entry: out.Entry,
				UpdatedBy: out.UpdatedBy, UpdatedAt: out.UpdatedAt})
		}
		if level != setting.Tenant {
			err = tx.PutPlatformSetting(ctx, out)
		}
		if err != nil {
			return err
		}
		return a.record(ctx, tx, where, p, "config.admin_update", "config", in.Key, map[string]string{
			"scope": string(level), "scope_id": out.ScopeID, "new": string(v), "is_locked": boolString(in.Locked)})
	})
	if err != nil {
		return nil, err
	}
	v := platformValueOf(*out)
	return &v, nil
}

// ConfigDefinitionInput is a custom key as a platform admin defines it.
type ConfigDefinitionInput struct {
	Key, Label, Resource, Group, Section, Type string
	Values                                     []string
	Default                                    json.RawMessage
	Levels                                     []string
	Schema                                     json.RawMessage // a json key's JSON Schema; empty or null for none
}

// PutConfigDefinition defines (create, when the key is new) or redefines a
// custom key of the platform's own product. A built-in key cannot be
// redefined (409 config_key_builtin).
func (a *App) PutConfigDefinition(ctx context.Context, p *auth.Principal, in ConfigDefinitionInput, create bool) (*setting.Def, error) {
	if err := platformOnly(p, membership.ConfigAdmin); err != nil {
		return nil, err
	}
	d := &setting.Def{Key: in.Key, Label: in.Label, Resource: orDefault(in.Resource, "Custom"),
		Group: orDefault(in.Group, "General"), Section: orDefault(in.Section, "Settings"), Type: setting.Type(in.Type),
		Values: in.Values, Default: in.Default, Schema: schemaOf(in.Schema), Custom: true}
	for _, l := range in.Levels {
		d.Levels = append(d.Levels, setting.Level(strings.ToLower(l)))
	}
	if len(d.Levels) == 0 {
		d.Levels = setting.Levels()
	}
	if err := setting.CheckDef(d); err != nil {
		var bad *setting.Invalid
		switch {
		case errors.As(err, &bad) && bad.Code != "":
			return nil, errs.Fields(errs.FieldError{Field: "schema", Code: bad.Code, Message: bad.Msg})
		case errors.As(err, &bad):
			return nil, errs.Fields(errs.FieldError{Field: "definition", Code: "invalid", Message: bad.Msg})
		}
		return nil, err
	}
	d.Default, _ = d.Normalize(d.Default)
	if _, builtin := setting.Builtin().Lookup(d.Key); builtin {
		return nil, errs.E(errs.Conflict, "config_key_builtin", "This key is built into Tenantry and cannot be redefined.")
	}
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "setting_definitions"); err != nil {
			return err
		}
		existing, err := tx.SettingDefinitions(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, x := range existing {
			found = found || x.Key == d.Key
		}
		switch {
		case create && found:
			return errs.E(errs.Conflict, "config_key_exists", "A key with this name is already defined.")
		case !create && !found:
			return errConfigKeyNotFound
		}
		if _, err := tx.PutSettingDefinition(ctx, d, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, p, "config.define", "config", d.Key,
			map[string]string{"type": string(d.Type), "default": string(d.Default), "created": boolString(create)})
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// schemaOf is a definition's schema as given, compacted when it is JSON
// (CheckDef says what is wrong otherwise); nil for none (empty or null).
func schemaOf(raw json.RawMessage) json.RawMessage {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
