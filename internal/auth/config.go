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

// Provider is a third-party identity provider of a tenant. Its client secret
// is kept only sealed.
type Provider struct {
	ID                 string
	Name               string
	ClientID           string
	ClientSecretSealed string // "" when no secret was given
}

// TenantConfig is what of a tenant's authentication configuration is not
// a configuration key: its third-party providers, whose client secrets are
// sealed (the methods, factors and token lifetimes are auth.* keys of
// package setting). Nil Providers are not set by the tenant and inherit the
// public tenant's.
type TenantConfig struct {
	TenantID  string
	Providers *[]Provider
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Effective is a fully resolved configuration: what login enforces. It is
// made from the resolved auth.* keys (app: effectiveAuth), never stored.
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
