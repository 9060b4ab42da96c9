package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/credential"
)

// PaperIDConfigRequest sets a tenant's own Paper.id credentials (reserva
// seed). The first configuration needs client_id and client_secret; later,
// a field left out keeps its value (so {"enabled": true} re-enables a
// disabled configuration), and a new client_id needs its client_secret.
// is_production defaults to false (sandbox), enabled to true.
type PaperIDConfigRequest struct {
	ClientID     *string `json:"client_id,omitempty"`
	ClientSecret *string `json:"client_secret,omitempty" text:"verbatim"`
	IsProduction *bool   `json:"is_production,omitempty"`
	Enabled      *bool   `json:"enabled,omitempty"`
}

func (r PaperIDConfigRequest) input() app.PaperIDUpdate { return app.PaperIDUpdate(r) }

// PaperIDConfig is a tenant's Paper.id configuration exactly as the reserva
// seed answers it: never the client secret.
type PaperIDConfig struct {
	ClientID     string    `json:"client_id"`
	IsProduction bool      `json:"is_production"`
	Enabled      bool      `json:"enabled"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func paperIDConfigOf(v *app.GatewayView) PaperIDConfig {
	return PaperIDConfig{ClientID: v.Public[credential.ClientID], IsProduction: v.Public[credential.IsProduction] == "true",
		Enabled: v.Enabled, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
}

// StripeConfigRequest sets a tenant's own Stripe keys (pers seed):
// secret_key (sk_live_… or sk_test_…) and publishable_key (pk_live_… or
// pk_test_…, the same mode) are needed the first time, webhook_secret
// (whsec_…) may follow. Later, a field left out keeps its value.
type StripeConfigRequest struct {
	SecretKey      *string `json:"secret_key,omitempty" text:"verbatim"`
	WebhookSecret  *string `json:"webhook_secret,omitempty" text:"verbatim"`
	PublishableKey *string `json:"publishable_key,omitempty"`
	Enabled        *bool   `json:"enabled,omitempty"`
}

func (r StripeConfigRequest) input() app.StripeUpdate { return app.StripeUpdate(r) }

// StripeConfig is a tenant's Stripe configuration without its secrets: the
// publishable key (public: the client configuration shows it while
// enabled), the keys' mode (live or test), whether the secret key and the
// webhook secret are set, and the secret key's last four characters.
type StripeConfig struct {
	PublishableKey   string    `json:"publishable_key"`
	Mode             string    `json:"mode"`
	HasSecretKey     bool      `json:"has_secret_key"`
	SecretKeyLast4   string    `json:"secret_key_last4"`
	HasWebhookSecret bool      `json:"has_webhook_secret"`
	Enabled          bool      `json:"enabled"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

func stripeConfigOf(v *app.GatewayView) StripeConfig {
	return StripeConfig{PublishableKey: v.Public[credential.PublishableKey], Mode: v.Public[credential.Mode],
		HasSecretKey: v.Has(credential.SecretKey), SecretKeyLast4: v.Public[credential.SecretKeyLast4],
		HasWebhookSecret: v.Has(credential.WebhookSecret), Enabled: v.Enabled, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
}
