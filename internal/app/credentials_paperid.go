package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

// PaperIDUpdate is a PUT of a tenant's Paper.id configuration (reserva
// seed). Nil fields keep their value; the first configuration needs
// ClientID and ClientSecret, and is sandbox (IsProduction false) and
// enabled unless said otherwise. A new ClientID needs its ClientSecret.
type PaperIDUpdate struct {
	ClientID     *string
	ClientSecret *string
	IsProduction *bool
	Enabled      *bool
}

// PutPaperIDConfig creates or updates tenantID's Paper.id credentials: the
// client secret is sealed and never returned; with enabled true and no
// secret, a disabled configuration is turned back on as it was.
func (a *App) PutPaperIDConfig(ctx context.Context, p *auth.Principal, tenantID string, in PaperIDUpdate) (*GatewayView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.CredentialUpdate); err != nil {
		return nil, err
	}
	var c errs.Collector
	credential.CheckPaperID(&c, in.ClientID, in.ClientSecret)
	if err := c.Err(); err != nil {
		return nil, err
	}
	ch := gatewayChange{provider: credential.PaperID, public: credential.Fields{}, secrets: credential.Fields{}, enabled: in.Enabled}
	if in.ClientID != nil {
		ch.public[credential.ClientID] = *in.ClientID
	}
	if in.IsProduction != nil {
		ch.public[credential.IsProduction] = boolString(*in.IsProduction)
	}
	if in.ClientSecret != nil {
		ch.secrets[credential.ClientSecret] = *in.ClientSecret
	}
	ch.complete = func(c *errs.Collector, old *credential.Credential, public, secrets credential.Fields) {
		if public[credential.IsProduction] == "" {
			public[credential.IsProduction] = "false"
		}
		if old == nil {
			c.Check(in.ClientID == nil, credential.ClientID, "required", "The first configuration needs client_id.")
			c.Check(in.ClientSecret == nil, credential.ClientSecret, "required", "The first configuration needs client_secret.")
			return
		}
		c.Check(in.ClientID != nil && *in.ClientID != old.Public[credential.ClientID] && in.ClientSecret == nil,
			credential.ClientSecret, "required", "A new client_id needs its client_secret.")
	}
	return a.putGateway(ctx, p, tenantID, ch)
}
