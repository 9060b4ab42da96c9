package setting

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
)

// Registry is the set of known keys, in display order: the built-in ones,
// then those platform admins defined.
type Registry struct {
	defs  []*Def
	byKey map[string]*Def
}

// Keys Tenantry itself obeys (docs/settings.md says what each does).
const (
	MFAEnforced   = "auth.mfa_enforced"
	WhiteLabel    = "features.white_label"
	LogoURL       = "branding.logo_url"
	PrimaryColor  = "branding.primary_color"
	RetentionDays = "audit.retention_days"
)

var (
	everyLevel    = []Level{Global, Plan, Tenant, Environment}
	platformLevel = []Level{Global, Plan}
	colorRE       = regexp.MustCompile(`^(#[0-9a-fA-F]{6})?$`)
)

// Builtin returns the registry of the keys built into Tenantry.
func Builtin() *Registry {
	days := func(n int64) *int64 { return &n }
	r, err := NewRegistry([]*Def{
		{Key: MFAEnforced, Label: "Enforce MFA for all users", Resource: "Security", Group: "Authentication",
			Section: "MFA Settings", Type: Boolean, Default: json.RawMessage(`false`), Levels: everyLevel},
		{Key: WhiteLabel, Label: "White label (no Tenantry branding)", Resource: "Features", Group: "Entitlements",
			Section: "Plan features", Type: Boolean, Default: json.RawMessage(`false`), Levels: platformLevel},
		{Key: LogoURL, Label: "Logo URL shown on sign-in pages", Resource: "Branding", Group: "Appearance",
			Section: "Brand", Type: String, Default: json.RawMessage(`""`), Levels: everyLevel, Check: checkURL},
		{Key: PrimaryColor, Label: "Primary colour (#rrggbb)", Resource: "Branding", Group: "Appearance",
			Section: "Brand", Type: String, Default: json.RawMessage(`""`), Levels: everyLevel, Check: checkColor},
		{Key: RetentionDays, Label: "Audit log retention (days)", Resource: "Security", Group: "Audit",
			Section: "Retention", Type: Integer, Min: days(1), Max: days(3650), Default: json.RawMessage(`365`),
			Levels: []Level{Global, Plan, Tenant}},
	})
	if err != nil {
		panic(err) // the built-in definitions are constants of the code
	}
	return r
}

// NewRegistry checks defs and returns them as a registry.
func NewRegistry(defs []*Def) (*Registry, error) {
	r := &Registry{byKey: map[string]*Def{}}
	for _, d := range defs {
		if err := r.add(d); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// With returns r extended by custom definitions; a custom key that repeats
// a built-in one is an error.
func (r *Registry) With(custom []*Def) (*Registry, error) {
	out := &Registry{defs: slices.Clone(r.defs), byKey: map[string]*Def{}}
	for k, d := range r.byKey {
		out.byKey[k] = d
	}
	for _, d := range custom {
		if err := out.add(d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *Registry) add(d *Def) error {
	if err := CheckDef(d); err != nil {
		return fmt.Errorf("setting: %s: %w", d.Key, err)
	}
	if _, dup := r.byKey[d.Key]; dup {
		return fmt.Errorf("setting: %s defined twice", d.Key)
	}
	r.defs = append(r.defs, d)
	r.byKey[d.Key] = d
	return nil
}

// Lookup returns the definition of key.
func (r *Registry) Lookup(key string) (*Def, bool) {
	d, ok := r.byKey[key]
	return d, ok
}

// Defs returns every definition in display order.
func (r *Registry) Defs() []*Def { return slices.Clone(r.defs) }

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

// CheckDef reports what is wrong with a definition (a custom one, from a
// platform admin): a dotted lower-case key of at most 100 characters, a
// label, a known type, an enum's values, known levels and a valid default.
func CheckDef(d *Def) error {
	switch {
	case len(d.Key) > 100 || !keyRE.MatchString(d.Key):
		return invalid("The key must be dotted lower-case words, such as features.beta_reports.")
	case d.Label == "":
		return invalid("A label is required.")
	case !slices.Contains(Types(), d.Type):
		return invalid("Unknown type %q.", d.Type)
	case d.Type == Enum && len(d.Values) == 0:
		return invalid("An enum needs its values.")
	case len(d.Levels) == 0:
		return invalid("Name the levels that may set the key.")
	}
	for _, l := range d.Levels {
		if !slices.Contains(Levels(), l) {
			return invalid("Unknown level %q.", l)
		}
	}
	if _, err := d.Normalize(d.Default); err != nil {
		return invalid("The default is not valid: %s", err.Error())
	}
	return nil
}

func checkURL(v any) error {
	s := v.(string)
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(s) > 2048 {
		return invalid("The value must be an http(s) URL.")
	}
	return nil
}

func checkColor(v any) error {
	if !colorRE.MatchString(v.(string)) {
		return invalid("The value must be a colour such as #1a73e8.")
	}
	return nil
}
