package api

import (
	"encoding/json"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/setting"
)

// ConfigsResponse is a tenant's merged configuration in the trueport tree:
// resources, their groups, the groups' sections and their keys. With
// ?format=flat the answer is instead one object of key → value.
type ConfigsResponse struct {
	Environment string           `json:"environment"`
	Resources   []ConfigResource `json:"resources"`
}

// ConfigResource is a top level of the tree, e.g. Security.
type ConfigResource struct {
	Name   string        `json:"resrc_name"`
	Groups []ConfigGroup `json:"config_groups"`
}

// ConfigGroup is a group of a resource; type is TENANT when a tenant may
// set some of its keys, PLATFORM otherwise.
type ConfigGroup struct {
	Title    string          `json:"grp_title"`
	Type     string          `json:"type"`
	Sections []ConfigSection `json:"sections"`
}

// ConfigSection is a section of a group.
type ConfigSection struct {
	Title   string        `json:"header_title"`
	Configs []ConfigEntry `json:"configs"`
}

// ConfigEntry is one key: its label, effective value and type; mod says
// whether the caller may change it, is_locked whether a platform admin
// locked it; source is the level its value comes from (default, global,
// plan, tenant or environment); values lists an enum's choices.
type ConfigEntry struct {
	Key      string          `json:"key"`
	Label    string          `json:"lbl"`
	Value    json.RawMessage `json:"val"`
	Type     string          `json:"gen_type"`
	Mod      bool            `json:"mod"`
	IsLocked bool            `json:"is_locked"`
	Source   string          `json:"source"`
	Values   []string        `json:"values,omitempty"`
}

// ConfigValueRequest sets a key's value (JSON of the key's type).
type ConfigValueRequest struct {
	Value json.RawMessage `json:"value"`
}

// AdminConfigRequest sets a platform admin's value: scope GLOBAL (default),
// PLAN (plan_id) or TENANT (tenant_id, tenant-wide); is_locked stops every
// level below from overriding it.
type AdminConfigRequest struct {
	Value    json.RawMessage `json:"value"`
	Scope    string          `json:"scope,omitempty"`
	PlanID   string          `json:"plan_id,omitempty"`
	TenantID string          `json:"tenant_id,omitempty"`
	IsLocked bool            `json:"is_locked,omitempty"`
}

// AdminConfigValue is one stored platform-level value.
type AdminConfigValue struct {
	Key       string          `json:"key"`
	Scope     string          `json:"scope"`
	PlanID    string          `json:"plan_id,omitempty"`
	TenantID  string          `json:"tenant_id,omitempty"`
	Value     json.RawMessage `json:"value"`
	IsLocked  bool            `json:"is_locked"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// AdminConfigList is every key with its definition and platform values.
type AdminConfigList struct {
	Items []AdminConfig `json:"items"`
}

// AdminConfig is one key of the registry for platform admins: its
// definition and its stored platform values.
type AdminConfig struct {
	Definition ConfigDefinition   `json:"definition"`
	Values     []AdminConfigValue `json:"platform_values"`
}

// ConfigDefinition is a key's definition; custom keys are those platform
// admins defined. levels are among global, plan, tenant, environment;
// schema is a json key's JSON Schema, when it has one.
type ConfigDefinition struct {
	Key      string          `json:"key"`
	Label    string          `json:"lbl"`
	Resource string          `json:"resrc_name"`
	Group    string          `json:"grp_title"`
	Section  string          `json:"header_title"`
	Type     string          `json:"gen_type"`
	Values   []string        `json:"values,omitempty"`
	Default  json.RawMessage `json:"default"`
	Levels   []string        `json:"levels"`
	Schema   json.RawMessage `json:"schema,omitempty"`
	Custom   bool            `json:"custom"`
}

// ConfigDefinitionRequest defines a custom key: type is boolean, integer,
// string, enum (with values), duration or json; levels default to all. A
// json key may carry a JSON Schema (draft 2020-12 unless it names another,
// self-contained, at most 16 KiB) its values must satisfy.
type ConfigDefinitionRequest struct {
	Key      string          `json:"key"`
	Label    string          `json:"lbl"`
	Resource string          `json:"resrc_name,omitempty"`
	Group    string          `json:"grp_title,omitempty"`
	Section  string          `json:"header_title,omitempty"`
	Type     string          `json:"gen_type"`
	Values   []string        `json:"values,omitempty"`
	Default  json.RawMessage `json:"default"`
	Levels   []string        `json:"levels,omitempty"`
	Schema   json.RawMessage `json:"schema,omitempty"`
}

func (r ConfigDefinitionRequest) input(key string) app.ConfigDefinitionInput {
	if key == "" {
		key = r.Key
	}
	return app.ConfigDefinitionInput{Key: key, Label: r.Label, Resource: r.Resource, Group: r.Group, Section: r.Section,
		Type: r.Type, Values: r.Values, Default: r.Default, Levels: r.Levels, Schema: r.Schema}
}

func configEntryOf(it app.ConfigItem) ConfigEntry {
	d := it.Def
	return ConfigEntry{Key: d.Key, Label: d.Label, Value: it.Value, Type: string(d.Type), Mod: it.Modifiable,
		IsLocked: it.Locked, Source: string(it.From), Values: d.Values}
}

// configsOf builds the trueport tree, keeping the registry's order.
func configsOf(v *app.ConfigView) ConfigsResponse {
	out := ConfigsResponse{Environment: v.Environment, Resources: []ConfigResource{}}
	for _, it := range v.Items {
		d := it.Def
		ri := index(&out.Resources, func(r ConfigResource) bool { return r.Name == d.Resource },
			ConfigResource{Name: d.Resource, Groups: []ConfigGroup{}})
		res := &out.Resources[ri]
		gi := index(&res.Groups, func(g ConfigGroup) bool { return g.Title == d.Group },
			ConfigGroup{Title: d.Group, Type: "PLATFORM", Sections: []ConfigSection{}})
		grp := &res.Groups[gi]
		if d.SetAt(setting.Tenant) || d.SetAt(setting.Environment) {
			grp.Type = "TENANT"
		}
		si := index(&grp.Sections, func(s ConfigSection) bool { return s.Title == d.Section },
			ConfigSection{Title: d.Section, Configs: []ConfigEntry{}})
		grp.Sections[si].Configs = append(grp.Sections[si].Configs, configEntryOf(it))
	}
	return out
}

// index returns the position of the first element of list matching, after
// appending add when none does.
func index[T any](list *[]T, match func(T) bool, add T) int {
	for i, x := range *list {
		if match(x) {
			return i
		}
	}
	*list = append(*list, add)
	return len(*list) - 1
}

func flatConfigsOf(v *app.ConfigView) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(v.Items))
	for _, it := range v.Items {
		out[it.Def.Key] = it.Value
	}
	return out
}

func adminConfigValueOf(s app.PlatformValue) AdminConfigValue {
	out := AdminConfigValue{Key: s.Key, Scope: scopeName(s.Level), Value: s.Entry.Value, IsLocked: s.Entry.Locked, UpdatedAt: s.UpdatedAt}
	switch s.Level {
	case setting.Plan:
		out.PlanID = s.ScopeID
	case setting.Tenant:
		out.TenantID = s.ScopeID
	}
	return out
}

func scopeName(l setting.Level) string {
	switch l {
	case setting.Plan:
		return "PLAN"
	case setting.Tenant:
		return "TENANT"
	}
	return "GLOBAL"
}

func definitionOf(d *setting.Def) ConfigDefinition {
	out := ConfigDefinition{Key: d.Key, Label: d.Label, Resource: d.Resource, Group: d.Group, Section: d.Section,
		Type: string(d.Type), Values: d.Values, Default: d.Default, Levels: []string{}, Schema: d.Schema, Custom: d.Custom}
	for _, l := range d.Levels {
		out.Levels = append(out.Levels, string(l))
	}
	return out
}

func adminConfigsOf(list []app.AdminConfig) AdminConfigList {
	out := AdminConfigList{Items: []AdminConfig{}}
	for _, c := range list {
		x := AdminConfig{Definition: definitionOf(c.Def), Values: []AdminConfigValue{}}
		for _, v := range c.Values {
			x.Values = append(x.Values, adminConfigValueOf(v))
		}
		out.Items = append(out.Items, x)
	}
	return out
}
