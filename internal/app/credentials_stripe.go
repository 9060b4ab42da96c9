package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

// StripeUpdate is a PUT of a tenant's own Stripe keys (pers seed). Nil
// fields keep their value; the first configuration needs SecretKey and
// PublishableKey, both of one mode (live or test). The webhook secret may
// come later.
type StripeUpdate struct {
	SecretKey      *string
	WebhookSecret  *string
	PublishableKey *string
	Enabled        *bool
}

// PutStripeConfig creates or updates tenantID's Stripe keys: the secret key
// and the webhook secret are sealed and never returned (the answer says
// whether each is set, and the secret key's last four characters); the
// publishable key is public and shows in the tenant's client configuration
// while enabled.
func (a *App) PutStripeConfig(ctx context.Context, p *auth.Principal, tenantID string, in StripeUpdate) (*GatewayView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.CredentialUpdate); err != nil {
		return nil, err
	}
	var c errs.Collector
	credential.CheckStripe(&c, in.SecretKey, in.WebhookSecret, in.PublishableKey)
	if err := c.Err(); err != nil {
		return nil, err
	}
	ch := gatewayChange{provider: credential.Stripe, public: credential.Fields{}, secrets: credential.Fields{}, enabled: in.Enabled}
	if in.PublishableKey != nil {
		ch.public[credential.PublishableKey] = *in.PublishableKey
	}
	if in.SecretKey != nil {
		ch.secrets[credential.SecretKey] = *in.SecretKey
		ch.public[credential.Mode] = credential.StripeMode(*in.SecretKey)
		ch.public[credential.SecretKeyLast4] = credential.Last4(*in.SecretKey)
	}
	if in.WebhookSecret != nil {
		ch.secrets[credential.WebhookSecret] = *in.WebhookSecret
	}
	ch.complete = func(c *errs.Collector, old *credential.Credential, public, _ credential.Fields) {
		if old == nil {
			c.Check(in.SecretKey == nil, credential.SecretKey, "required", "The first configuration needs secret_key.")
			c.Check(in.PublishableKey == nil, credential.PublishableKey, "required", "The first configuration needs publishable_key.")
			if in.SecretKey == nil || in.PublishableKey == nil {
				return
			}
		}
		c.Check(credential.StripeMode(public[credential.PublishableKey]) != public[credential.Mode], credential.PublishableKey,
			"mode_mismatch", "The publishable key and the secret key must both be live keys or both test keys.")
	}
	return a.putGateway(ctx, p, tenantID, ch)
}
