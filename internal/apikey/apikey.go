// Package apikey describes a tenant's API keys: machine credentials bound to
// one tenant and one environment, carrying a small set of scopes. A key's
// secret is shown once, when it is made; at rest only its SHA-256 and a short
// visible prefix are kept.
package apikey

import (
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// The scopes a key can hold: the fixed vocabulary the permission table's
// Scope column draws from.
const (
	ScopeTenantRead        = "tenant:read"        // read the tenant, its templates and client configuration
	ScopeOutletsRead       = "outlets:read"       // read the tenant's outlets
	ScopeOutletsWrite      = "outlets:write"      // create, change and delete outlets
	ScopeConfigRead        = "config:read"        // read the tenant's merged configuration (GET /api/v1/configs)
	ScopeCustomersRead     = "customers:read"     // read the tenant's customers
	ScopeCustomersWrite    = "customers:write"    // create, change and delete customers
	ScopeServicesRead      = "services:read"      // read the tenant's services
	ScopeServicesWrite     = "services:write"     // create, change and delete services
	ScopeStaffRead         = "staff:read"         // read the tenant's staff
	ScopeStaffWrite        = "staff:write"        // create, change and delete staff
	ScopeAppointmentsRead  = "appointments:read"  // read the tenant's appointments
	ScopeAppointmentsWrite = "appointments:write" // book, change and move appointments through their lifecycle
	ScopeStatsRead         = "stats:read"         // read the tenant's statistics (GET /api/v1/tenants/{tenant_id}/stats)
	ScopeLoginTokensWrite  = "login-tokens:write" // mint login tokens for the tenant's sign-ins (POST /api/v1/login-tokens)
)

// Scopes lists every scope, in a stable order.
func Scopes() []string {
	return []string{ScopeTenantRead, ScopeOutletsRead, ScopeOutletsWrite, ScopeConfigRead,
		ScopeCustomersRead, ScopeCustomersWrite, ScopeServicesRead, ScopeServicesWrite, ScopeStaffRead, ScopeStaffWrite,
		ScopeAppointmentsRead, ScopeAppointmentsWrite, ScopeStatsRead, ScopeLoginTokensWrite}
}

// DefaultScopes are given to a key created without scopes.
func DefaultScopes() []string { return []string{ScopeTenantRead} }

// KnownScope reports whether s is in the vocabulary.
func KnownScope(s string) bool { return slices.Contains(Scopes(), s) }

// ValidEnvironment reports whether env is one a key can be made for: prod,
// staging or dev, the environments of tenant-scoped tokens.
func ValidEnvironment(env string) bool { return auth.ValidEnv(env) }

// Key is one API key of a tenant. Hash and Prefix change when the key is
// rotated; its id, name, environment and scopes do not.
type Key struct {
	TenantID    string
	ID          string
	Name        string
	Environment string
	Scopes      []string
	Prefix      string // the first PrefixLen characters of the secret, for display
	Hash        string // Hash(secret)
	CreatedBy   string // the user who made it
	CreatedAt   time.Time
	RotatedAt   *time.Time
	LastUsedAt  *time.Time
	RevokedAt   *time.Time
}

// Active reports whether the key may still authenticate.
func (k *Key) Active() bool { return k.RevokedAt == nil }

// Allows reports whether the key holds scope.
func (k *Key) Allows(scope string) bool { return scope != "" && slices.Contains(k.Scopes, scope) }
