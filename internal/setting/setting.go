// Package setting is Tenantry's typed configuration: one registry of keys
// (label, place in the trueport tree, type, default, the levels that may set
// it, a validator) and the one resolution of its layers — built-in default,
// global, plan, tenant, environment — where a key locked at a layer cannot
// be overridden below it.
package setting

import (
	"encoding/json"
	"slices"
)

// Type is the type of a key's value.
type Type string

// The types. Values travel as JSON: boolean, integer, string and enum as
// themselves, duration as a Go duration string ("15m"), json as any JSON.
const (
	Boolean  Type = "boolean"
	Integer  Type = "integer"
	String   Type = "string"
	Enum     Type = "enum"
	Duration Type = "duration"
	JSON     Type = "json"
)

// Types lists every type.
func Types() []Type { return []Type{Boolean, Integer, String, Enum, Duration, JSON} }

// Level is a layer of configuration.
type Level string

// The levels, from the most general to the most specific. Default is the
// registry's built-in value, not a stored layer.
const (
	Default     Level = "default"
	Global      Level = "global"
	Plan        Level = "plan"
	Tenant      Level = "tenant"
	Environment Level = "environment"
)

// Levels lists the stored levels in resolution order.
func Levels() []Level { return []Level{Global, Plan, Tenant, Environment} }

// Environments are the environments of the environment level (those of
// tenant-scoped tokens and API keys).
func Environments() []string { return []string{"prod", "staging", "dev"} }

// Def is one key of the registry.
type Def struct {
	Key      string // dotted, e.g. auth.mfa_enforced
	Label    string
	Resource string // the trueport tree: resource → group → section
	Group    string
	Section  string
	Type     Type
	Values   []string // an enum's allowed values
	Min, Max *int64   // an integer's bounds, when set
	// Schema is a json key's JSON Schema (draft 2020-12), which its values
	// must satisfy; nil allows any JSON.
	Schema  json.RawMessage
	Default json.RawMessage // a valid value of Type
	Levels  []Level         // the levels that may set it
	// Check, when set, further validates a value already of Type (decoded
	// as Decode returns it); its error message is shown to the caller.
	Check func(v any) error
	// Custom marks a key a platform admin defined through the API.
	Custom bool

	compiled *compiledSchema // Schema compiled, by CheckDef (schema.go)
}

// SetAt reports whether level may set the key.
func (d *Def) SetAt(l Level) bool { return slices.Contains(d.Levels, l) }

// Entry is one stored value of a key at one layer.
type Entry struct {
	Value  json.RawMessage
	Locked bool
}

// Layers are the stored values that apply to one tenant in one
// environment, by level and key. A missing map is an empty layer.
type Layers struct {
	Global      map[string]Entry
	Plan        map[string]Entry
	Tenant      map[string]Entry
	Environment map[string]Entry
}

// At returns the layer of level l.
func (ls *Layers) At(l Level) map[string]Entry {
	switch l {
	case Global:
		return ls.Global
	case Plan:
		return ls.Plan
	case Tenant:
		return ls.Tenant
	case Environment:
		return ls.Environment
	}
	return nil
}

// Put sets key at level l, making the layer when needed.
func (ls *Layers) Put(l Level, key string, e Entry) {
	m := ls.At(l)
	if m == nil {
		m = map[string]Entry{}
		switch l {
		case Global:
			ls.Global = m
		case Plan:
			ls.Plan = m
		case Tenant:
			ls.Tenant = m
		case Environment:
			ls.Environment = m
		default:
			return
		}
	}
	m[key] = e
}
