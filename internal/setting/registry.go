package setting

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Registry is the set of known keys, in display order: the built-in ones,
// then those platform admins defined.
type Registry struct {
	defs  []*Def
	byKey map[string]*Def
}

// Keys Tenantry itself obeys (docs/settings.md says what each does). The
// auth.* method and lifetime keys are also the fields of the supertokens
// auth-config and its core_config: both read and write these keys.
const (
	MFAEnforced              = "auth.mfa_enforced"
	EmailPasswordEnabled     = "auth.email_password_enabled"
	PasswordlessEnabled      = "auth.passwordless_enabled"
	ThirdPartyEnabled        = "auth.third_party_enabled"
	FirstFactors             = "auth.first_factors"
	RequiredSecondaryFactors = "auth.required_secondary_factors"
	AccessTokenValidity      = "auth.access_token_validity"
	RefreshTokenValidity     = "auth.refresh_token_validity"
	LoginTokenRequired       = "auth.login_token_required"
	PasswordPolicy           = "auth.password_policy"
	LockoutThreshold         = "auth.lockout_threshold"
	RateLimitPerUser         = "security.rate_limit_per_user"
	RetentionDays            = "audit.retention_days"
	MailFromName             = "mail.from_name"
	WhiteLabel               = "features.white_label"
	LogoURL                  = "branding.logo_url"
	PrimaryColor             = "branding.primary_color"
)

// The values of auth.password_policy.
const (
	PolicySeed = "seed" // 8+ characters with upper case, lower case and a digit
	PolicyNIST = "nist" // 12+ characters, no composition rules (NIST SP 800-63B)
)

var (
	everyLevel    = []Level{Global, Plan, Tenant, Environment}
	tenantWide    = []Level{Global, Plan, Tenant}
	platformLevel = []Level{Global, Plan}
	colorRE       = regexp.MustCompile(`^(#[0-9a-fA-F]{6})?$`)
)

// Builtin returns the registry of the keys built into Tenantry, with their
// built-in defaults; an installation's own (its token lifetimes, its
// lockout threshold) replace some of them through WithDefaults.
func Builtin() *Registry {
	n := func(v int64) *int64 { return &v }
	const (
		sec  = "Security"
		auth = "Authentication"
	)
	r, err := NewRegistry([]*Def{
		{Key: EmailPasswordEnabled, Label: "Email and password sign-in", Resource: sec, Group: auth,
			Section: "Login methods", Type: Boolean, Default: raw(`true`), Levels: tenantWide},
		{Key: PasswordlessEnabled, Label: "Email code (passwordless) sign-in", Resource: sec, Group: auth,
			Section: "Login methods", Type: Boolean, Default: raw(`true`), Levels: tenantWide},
		{Key: ThirdPartyEnabled, Label: "Third-party sign-in", Resource: sec, Group: auth,
			Section: "Login methods", Type: Boolean, Default: raw(`false`), Levels: tenantWide},
		{Key: FirstFactors, Label: "Allowed first factors", Resource: sec, Group: auth, Section: "Login methods",
			Type: JSON, Schema: factorSchema("emailpassword", "otp-email", "thirdparty"),
			Default: raw(`["emailpassword","otp-email"]`), Levels: tenantWide},
		{Key: LoginTokenRequired, Label: "Sign-ins need a login token minted by the tenant's key holders", Resource: sec,
			Group: auth, Section: "Login methods", Type: Boolean, Default: raw(`false`), Levels: tenantWide},
		{Key: MFAEnforced, Label: "Enforce MFA for all users", Resource: sec, Group: auth,
			Section: "MFA Settings", Type: Boolean, Default: raw(`false`), Levels: everyLevel},
		{Key: RequiredSecondaryFactors, Label: "Required second factors", Resource: sec, Group: auth,
			Section: "MFA Settings", Type: JSON, Schema: factorSchema("totp"), Default: raw(`[]`), Levels: tenantWide},
		{Key: PasswordPolicy, Label: "Password policy", Resource: sec, Group: auth, Section: "Passwords",
			Type: Enum, Values: []string{PolicySeed, PolicyNIST}, Default: raw(`"seed"`), Levels: tenantWide},
		{Key: LockoutThreshold, Label: "Failed sign-ins before the account is throttled", Resource: sec, Group: auth,
			Section: "Passwords", Type: Integer, Min: n(3), Max: n(100), Default: raw(`5`), Levels: tenantWide},
		{Key: AccessTokenValidity, Label: "Access token lifetime", Resource: sec, Group: "Sessions",
			Section: "Token lifetimes", Type: Duration, Default: raw(`"30m0s"`), Levels: tenantWide,
			Check: durationBetween(time.Minute, 24*time.Hour)},
		{Key: RefreshTokenValidity, Label: "Refresh token (session) lifetime", Resource: sec, Group: "Sessions",
			Section: "Token lifetimes", Type: Duration, Default: raw(`"720h0m0s"`), Levels: tenantWide,
			Check: durationBetween(time.Minute, 365*24*time.Hour)},
		{Key: RateLimitPerUser, Label: "Requests per minute per user (0: no limit)", Resource: sec, Group: "Rate limits",
			Section: "Per user", Type: Integer, Min: n(0), Max: n(1_000_000), Default: raw(`0`), Levels: tenantWide},
		{Key: RetentionDays, Label: "Audit log retention (days)", Resource: sec, Group: "Audit",
			Section: "Retention", Type: Integer, Min: n(1), Max: n(3650), Default: raw(`365`), Levels: tenantWide},
		{Key: MailFromName, Label: "Sender name of the emails sent to users", Resource: "Communication", Group: "Email",
			Section: "Sender", Type: String, Default: raw(`""`), Levels: tenantWide, Check: checkName},
		{Key: WhiteLabel, Label: "White label (no Tenantry branding)", Resource: "Features", Group: "Entitlements",
			Section: "Plan features", Type: Boolean, Default: raw(`false`), Levels: platformLevel},
		{Key: LogoURL, Label: "Logo URL shown on sign-in pages", Resource: "Branding", Group: "Appearance",
			Section: "Brand", Type: String, Default: raw(`""`), Levels: everyLevel, Check: checkURL},
		{Key: PrimaryColor, Label: "Primary colour (#rrggbb)", Resource: "Branding", Group: "Appearance",
			Section: "Brand", Type: String, Default: raw(`""`), Levels: everyLevel, Check: checkColor},
	})
	if err != nil {
		panic(err) // the built-in definitions are constants of the code
	}
	return r
}

// WithDefaults returns r with the defaults of some keys replaced (an
// installation's own), each of its key's type; the key's validator does
// not apply (the operator's configuration may go beyond what a tenant may
// set).
func (r *Registry) WithDefaults(defaults map[string]json.RawMessage) (*Registry, error) {
	out := &Registry{byKey: map[string]*Def{}}
	for _, d := range r.defs {
		if v, ok := defaults[d.Key]; ok {
			c := *d
			c.Check = nil
			norm, err := c.Normalize(v)
			c.Check = d.Check
			if err != nil {
				return nil, fmt.Errorf("setting: default of %s: %w", d.Key, err)
			}
			c.Default = norm
			d = &c
		}
		out.defs = append(out.defs, d)
		out.byKey[d.Key] = d
	}
	return out, nil
}

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// factorSchema is the JSON Schema of a list of distinct factor names.
func factorSchema(names ...string) json.RawMessage {
	enum, _ := json.Marshal(names)
	return json.RawMessage(`{"type":"array","items":{"enum":` + string(enum) + `},"uniqueItems":true}`)
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
// label, a known type, an enum's values, known levels, a json key's schema
// (compiled into d, see schema.go) and a valid default.
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
	if err := d.compileSchema(); err != nil {
		return err
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

// checkName allows one line of at most 100 characters without control
// characters (a display name in a mail header).
func checkName(v any) error {
	s := v.(string)
	if utf8.RuneCountInString(s) > 100 || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return invalid("The value must be one line of at most 100 characters.")
	}
	return nil
}

func durationBetween(lo, hi time.Duration) func(v any) error {
	return func(v any) error {
		if d := v.(time.Duration); d < lo || d > hi {
			return invalid("The value must be between %s and %s.", lo, hi)
		}
		return nil
	}
}
