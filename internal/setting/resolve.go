package setting

import (
	"encoding/json"
	"slices"
	"time"
)

// Resolved is one key's effective value for a tenant in an environment.
type Resolved struct {
	Def   *Def
	Value json.RawMessage
	From  Level // the level the value comes from (Default when none set it)
	// LockedAt is the level whose lock fixes the value ("" when none): no
	// level below it may override it.
	LockedAt Level
}

// Locked reports whether l or a level above it locks the key: a value set
// at l would not apply, or would replace a locked one (only platform admins
// set locks, and only they may change a locked value).
func (r Resolved) Locked(l Level) bool {
	if r.LockedAt == "" {
		return false
	}
	return slices.Index(Levels(), r.LockedAt) <= slices.Index(Levels(), l)
}

// Modifiable reports whether l may set the key and neither l nor a level
// above it locks it.
func (r Resolved) Modifiable(l Level) bool { return r.Def.SetAt(l) && !r.Locked(l) }

// Resolve is the one resolution of the layers: for each key of r, the
// built-in default, then each level in order (global → plan → tenant →
// environment) that may set the key and has a valid value for it; a lock
// stops the levels below. A stored value that no longer fits its
// definition (its type changed) is skipped.
func Resolve(r *Registry, ls Layers) []Resolved {
	out := make([]Resolved, 0, len(r.defs))
	for _, d := range r.defs {
		out = append(out, resolveOne(d, ls))
	}
	return out
}

func resolveOne(d *Def, ls Layers) Resolved {
	res := Resolved{Def: d, Value: d.Default, From: Default}
	for _, l := range Levels() {
		e, ok := ls.At(l)[d.Key]
		if !ok || !d.SetAt(l) {
			continue
		}
		if _, err := d.Decode(e.Value); err != nil {
			continue
		}
		res.Value, res.From = e.Value, l
		if e.Locked {
			res.LockedAt = l
			break
		}
	}
	return res
}

// Settings is a resolved configuration, by key, with typed reads for the
// keys Tenantry obeys.
type Settings map[string]Resolved

// Index returns the resolved keys by key.
func Index(list []Resolved) Settings {
	out := make(Settings, len(list))
	for _, r := range list {
		out[r.Def.Key] = r
	}
	return out
}

// Bool returns a boolean key's value (false when unknown).
func (s Settings) Bool(key string) bool {
	v, _ := s.value(key).(bool)
	return v
}

// String returns a string or enum key's value ("" when unknown).
func (s Settings) String(key string) string {
	v, _ := s.value(key).(string)
	return v
}

// Int returns an integer key's value (0 when unknown).
func (s Settings) Int(key string) int64 {
	v, _ := s.value(key).(int64)
	return v
}

func (s Settings) value(key string) any {
	r, ok := s[key]
	if !ok {
		return nil
	}
	v, err := r.Def.Decode(r.Value)
	if err != nil {
		return nil
	}
	return v
}

// Duration returns a duration key's value (0 when unknown).
func (s Settings) Duration(key string) time.Duration {
	v, _ := s.value(key).(time.Duration)
	return v
}

// Strings returns a json key's value as a list of strings (nil when it is
// unknown or not such a list).
func (s Settings) Strings(key string) []string {
	r, ok := s[key]
	if !ok {
		return nil
	}
	var out []string
	if json.Unmarshal(r.Value, &out) != nil {
		return nil
	}
	return out
}
