// Package auth issues and verifies access tokens (EdDSA-signed JWTs whose
// public keys are published as a JWKS), makes opaque refresh tokens, and
// describes the authenticated caller of a request.
package auth

import (
	"time"

	"github.com/tenantry/tenantry/internal/membership"
)

// Environments a scoped token can act in.
const (
	EnvProd    = "prod"
	EnvStaging = "staging"
	EnvDev     = "dev"
)

// ValidEnv reports whether e is a known environment.
func ValidEnv(e string) bool { return e == EnvProd || e == EnvStaging || e == EnvDev }

// Principal is the authenticated caller of a request, resolved against the
// database on every request so that role changes and deactivations apply at once.
type Principal struct {
	UserID        string
	Email         string
	PlatformAdmin bool
	TenantID      string          // "" for a global token
	Role          membership.Role // the caller's current role in TenantID
	OutletIDs     []string
	Env           string
	TokenID       string
	ExpiresAt     time.Time // when the access token expires
	AMR           []string  // how the session was established (RFC 8176: AMRPassword …)
	// SessionID is the refresh-token family the access token belongs to ("" for
	// none): tokens exchanged from it (select-tenant, switch-environment) inherit it.
	SessionID string
	// APIKeyID is set when the caller is a machine client authenticated by
	// an API key: then there is no user, TenantID and Env are the key's, and
	// Scopes (not Role) decide what it may do.
	APIKeyID string
	Scopes   []string
	// PlatformKeyID is set when the caller is a platform key (seed
	// surfaces only: docs/compat-*.md): no user, no tenant, PlatformAdmin
	// set, and reachable only through the seed routes that accept one.
	PlatformKeyID string
	// ImpersonatorID is the platform admin acting as this user through an
	// impersonation token (its act claim); "" otherwise.
	ImpersonatorID string
}

// IsAPIKey reports whether the caller is an API key rather than a user.
func (p *Principal) IsAPIKey() bool { return p.APIKeyID != "" }

// Scoped reports whether the principal acts within one tenant.
func (p *Principal) Scoped() bool { return p.TenantID != "" }
