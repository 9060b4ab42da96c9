package auth

import (
	"slices"
	"time"
)

// Authentication factors a tenant can allow (supertokens seed names).
const (
	FactorEmailPassword = "emailpassword" // first factor: email and password
	FactorOTPEmail      = "otp-email"     // first factor: a one-time code sent by email
	FactorThirdParty    = "thirdparty"    // first factor: a third-party identity provider
	FactorTOTP          = "totp"          // second factor: RFC 6238 time-based codes
)

// FirstFactors and SecondaryFactors are the factors each list may name.
var (
	FirstFactors     = []string{FactorEmailPassword, FactorOTPEmail, FactorThirdParty}
	SecondaryFactors = []string{FactorTOTP}
)

// Bounds of the token lifetimes a tenant may configure.
const (
	MinAccessValidity  = time.Minute
	MaxAccessValidity  = 24 * time.Hour
	MaxRefreshValidity = 365 * 24 * time.Hour
)

// Provider is a third-party identity provider of a tenant. Its client secret
// is kept only sealed.
type Provider struct {
	ID                 string
	Name               string
	ClientID           string
	ClientSecretSealed string // "" when no secret was given
}

// TenantConfig is one tenant's stored authentication configuration. A nil
// field is not set by the tenant and inherits: from the public tenant's
// configuration, and from the built-in defaults under it.
type TenantConfig struct {
	TenantID                 string
	EmailPasswordEnabled     *bool
	PasswordlessEnabled      *bool
	ThirdPartyEnabled        *bool
	Providers                *[]Provider
	FirstFactors             *[]string
	RequiredSecondaryFactors *[]string
	AccessTokenValidity      *time.Duration
	RefreshTokenValidity     *time.Duration
	CreatedAt                time.Time
	UpdatedAt                time.Time
}

// Apply sets every field that u sets, leaving the others as they are.
func (c *TenantConfig) Apply(u TenantConfig) {
	set(&c.EmailPasswordEnabled, u.EmailPasswordEnabled)
	set(&c.PasswordlessEnabled, u.PasswordlessEnabled)
	set(&c.ThirdPartyEnabled, u.ThirdPartyEnabled)
	set(&c.Providers, u.Providers)
	set(&c.FirstFactors, u.FirstFactors)
	set(&c.RequiredSecondaryFactors, u.RequiredSecondaryFactors)
	set(&c.AccessTokenValidity, u.AccessTokenValidity)
	set(&c.RefreshTokenValidity, u.RefreshTokenValidity)
}

func set[T any](dst **T, v *T) {
	if v != nil {
		*dst = v
	}
}

// Overrides names, in the API's terms, the fields c sets itself.
func (c *TenantConfig) Overrides() []string {
	out := []string{}
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"email_password_enabled", c.EmailPasswordEnabled != nil},
		{"passwordless_enabled", c.PasswordlessEnabled != nil},
		{"third_party_enabled", c.ThirdPartyEnabled != nil},
		{"providers", c.Providers != nil},
		{"first_factors", c.FirstFactors != nil},
		{"required_secondary_factors", c.RequiredSecondaryFactors != nil},
		{"core_config.access_token_validity", c.AccessTokenValidity != nil},
		{"core_config.refresh_token_validity", c.RefreshTokenValidity != nil},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// Effective is a fully resolved configuration: what login enforces.
type Effective struct {
	EmailPasswordEnabled     bool
	PasswordlessEnabled      bool
	ThirdPartyEnabled        bool
	Providers                []Provider
	FirstFactors             []string
	RequiredSecondaryFactors []string
	AccessTokenValidity      time.Duration
	RefreshTokenValidity     time.Duration
}

// Defaults is the built-in configuration under the public tenant's: email
// and password and email OTP on, third party off, no second factor, and the
// server's configured token lifetimes.
func Defaults(access, refresh time.Duration) Effective {
	return Effective{
		EmailPasswordEnabled: true, PasswordlessEnabled: true, Providers: []Provider{},
		FirstFactors: []string{FactorEmailPassword, FactorOTPEmail}, RequiredSecondaryFactors: []string{},
		AccessTokenValidity: access, RefreshTokenValidity: refresh,
	}
}

// Resolve layers configs over base, field by field: a later config's set
// field wins. Nil configs are skipped.
func Resolve(base Effective, layers ...*TenantConfig) Effective {
	e := base
	for _, c := range layers {
		if c == nil {
			continue
		}
		take(&e.EmailPasswordEnabled, c.EmailPasswordEnabled)
		take(&e.PasswordlessEnabled, c.PasswordlessEnabled)
		take(&e.ThirdPartyEnabled, c.ThirdPartyEnabled)
		take(&e.Providers, c.Providers)
		take(&e.FirstFactors, c.FirstFactors)
		take(&e.RequiredSecondaryFactors, c.RequiredSecondaryFactors)
		take(&e.AccessTokenValidity, c.AccessTokenValidity)
		take(&e.RefreshTokenValidity, c.RefreshTokenValidity)
	}
	return e
}

func take[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// Allows reports whether a login whose first factor is method may proceed:
// the method is switched on and listed among the first factors.
func (e Effective) Allows(method string) bool {
	if !slices.Contains(e.FirstFactors, method) {
		return false
	}
	switch method {
	case FactorEmailPassword:
		return e.EmailPasswordEnabled
	case FactorOTPEmail:
		return e.PasswordlessEnabled
	case FactorThirdParty:
		return e.ThirdPartyEnabled && len(e.Providers) > 0
	}
	return false
}

// CanLogIn reports whether some first factor that Tenantry itself completes
// (email and password, email OTP) is allowed, so that anyone can log in.
// Third-party login is configuration for an external flow and does not count.
func (e Effective) CanLogIn() bool {
	return e.Allows(FactorEmailPassword) || e.Allows(FactorOTPEmail)
}

// RequiresTOTP reports whether every login needs a TOTP second factor.
func (e Effective) RequiresTOTP() bool {
	return slices.Contains(e.RequiredSecondaryFactors, FactorTOTP)
}
