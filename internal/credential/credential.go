// Package credential is a tenant's own payment gateway credentials (reserva
// "Tenant Paper.id Configuration", pers Stripe keys): the providers, their
// public and secret fields, and the formats each accepts. The secret fields
// are sealed together, as one value bound to the tenant and the provider,
// and never leave the app in an answer, a log line or an audit event.
package credential

import (
	"slices"
	"time"
)

// Provider names a payment gateway a tenant can configure.
type Provider string

// The providers.
const (
	PaperID Provider = "paper_id"
	Stripe  Provider = "stripe"
)

// Providers lists every provider.
func Providers() []Provider { return []Provider{PaperID, Stripe} }

// Valid reports whether p is a known provider.
func (p Provider) Valid() bool { return slices.Contains(Providers(), p) }

// Fields are a credential's fields by name: the public ones as stored and
// shown, or the secret ones in memory only (never stored unsealed).
type Fields map[string]string

// The field names, as the API spells them.
const (
	ClientID       = "client_id"       // Paper.id, public
	IsProduction   = "is_production"   // Paper.id, public: "true" or "false"
	ClientSecret   = "client_secret"   // Paper.id, secret
	PublishableKey = "publishable_key" // Stripe, public
	SecretKeyLast4 = "secret_key_last4"
	Mode           = "mode"           // Stripe, public: "live" or "test", from the keys
	SecretKey      = "secret_key"     // Stripe, secret
	WebhookSecret  = "webhook_secret" // Stripe, secret
)

// Credential is one provider's configuration of a tenant as stored.
type Credential struct {
	TenantID     string
	ID           string
	Provider     Provider
	Public       Fields
	SecretSealed string // the secret Fields, JSON, sealed with SealContext
	Enabled      bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// SealContext binds a credential's sealed secrets to its tenant and
// provider, so they cannot be moved to another row.
func SealContext(tenantID string, p Provider) string {
	return "credential:" + tenantID + ":" + string(p)
}
