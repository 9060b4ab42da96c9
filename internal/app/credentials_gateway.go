package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// GatewayView is a tenant's gateway credential without its secrets: the
// public fields, the names of the secret fields that are set, its state.
type GatewayView struct {
	ID        string
	Provider  credential.Provider
	Public    credential.Fields
	Secrets   []string // names of the secret fields set, sorted
	Enabled   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Has reports whether the secret field name is set.
func (v *GatewayView) Has(name string) bool { return slices.Contains(v.Secrets, name) }

// notConfigured is the answer for a provider the tenant never configured:
// paper_id_config_not_found, stripe_config_not_found.
func notConfigured(p credential.Provider) error {
	return errs.E(errs.NotFound, string(p)+"_config_not_found", "This tenant has not configured "+providerName(p)+".")
}

func providerName(p credential.Provider) string {
	if p == credential.PaperID {
		return "Paper.id"
	}
	return "Stripe"
}

// GetGatewayConfig returns tenantID's credential for provider p, without
// its secrets; 404 <provider>_config_not_found when never configured.
func (a *App) GetGatewayConfig(ctx context.Context, p *auth.Principal, tenantID string, provider credential.Provider) (*GatewayView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.CredentialRead); err != nil {
		return nil, err
	}
	var v *GatewayView
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		c, err := tx.GetCredential(ctx, tenantID, provider)
		if err != nil {
			return notFoundAs(err, notConfigured(provider))
		}
		v, err = a.viewOfCredential(c)
		return err
	})
	return v, err
}

// DisableGatewayConfig switches tenantID's credential for provider off,
// keeping every field and the sealed secrets, so that a PUT with enabled
// true turns it back on without them. Disabling a disabled one changes
// nothing but is audited like any other.
func (a *App) DisableGatewayConfig(ctx context.Context, p *auth.Principal, tenantID string, provider credential.Provider) error {
	if _, err := a.authorize(ctx, p, tenantID, membership.CredentialUpdate); err != nil {
		return err
	}
	return a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := activeTenant(ctx, tx, tenantID); err != nil {
			return err
		}
		c, err := tx.GetCredential(ctx, tenantID, provider)
		if err != nil {
			return notFoundAs(err, notConfigured(provider))
		}
		if err := tx.SetCredentialEnabled(ctx, tenantID, provider, false, a.now()); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "credential.disable", "gateway_credential", c.ID,
			map[string]string{"provider": string(provider), "was_enabled": boolString(c.Enabled)})
	})
}

// OpenGatewayCredential returns tenantID's credential for provider with its
// secret fields opened, for the code that calls the gateway on the tenant's
// behalf (never for an answer, a log line or an audit event). NotFound when
// never configured; a disabled credential is returned with Enabled false.
func (a *App) OpenGatewayCredential(ctx context.Context, tenantID string, provider credential.Provider) (*GatewayView, credential.Fields, error) {
	var c *credential.Credential
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		c, err = tx.GetCredential(ctx, tenantID, provider)
		return notFoundAs(err, notConfigured(provider))
	})
	if err != nil {
		return nil, nil, err
	}
	secrets, err := a.openSecrets(c)
	if err != nil {
		return nil, nil, err
	}
	v, err := a.viewOfCredential(c)
	return v, secrets, err
}

// gatewayChange is one PUT, once validated: the public fields and secrets
// given (nil: keep), and a rule merging them into what is stored.
type gatewayChange struct {
	provider credential.Provider
	public   credential.Fields // fields given
	secrets  credential.Fields // secrets given
	enabled  *bool
	// complete checks the merged result (old is nil on the first
	// configuration) and may derive public fields from it.
	complete func(c *errs.Collector, old *credential.Credential, public, secrets credential.Fields)
}

// putGateway creates or updates tenantID's credential for ch.provider in one
// transaction with its audit event (field names only, never a value of a
// secret). The tenant must be active.
func (a *App) putGateway(ctx context.Context, p *auth.Principal, tenantID string, ch gatewayChange) (*GatewayView, error) {
	var v *GatewayView
	err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := activeTenant(ctx, tx, tenantID); err != nil {
			return err
		}
		if err := tx.Lock(ctx, "credential:"+tenantID+":"+string(ch.provider)); err != nil {
			return err
		}
		old, err := tx.GetCredential(ctx, tenantID, ch.provider)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		now := a.now()
		c := &credential.Credential{TenantID: tenantID, ID: id.NewAt(id.Credential, now), Provider: ch.provider,
			Public: credential.Fields{}, Enabled: true, CreatedAt: now}
		secrets := credential.Fields{}
		if old != nil {
			c.ID, c.SecretSealed, c.Enabled, c.CreatedAt = old.ID, old.SecretSealed, old.Enabled, old.CreatedAt
			for k, val := range old.Public {
				c.Public[k] = val
			}
			if len(ch.secrets) > 0 { // some secrets change: keep the others
				if secrets, err = a.openSecrets(old); err != nil {
					return err
				}
			}
		}
		for k, val := range ch.public {
			c.Public[k] = val
		}
		for k, val := range ch.secrets {
			secrets[k] = val
		}
		if ch.enabled != nil {
			c.Enabled = *ch.enabled
		}
		var col errs.Collector
		ch.complete(&col, old, c.Public, secrets)
		if err := col.Err(); err != nil {
			return err
		}
		if len(ch.secrets) > 0 {
			if c.SecretSealed, err = a.sealSecrets(tenantID, ch.provider, secrets); err != nil {
				return err
			}
		}
		c.UpdatedAt = now
		if err := tx.PutCredential(ctx, c); err != nil {
			return err
		}
		if v, err = a.viewOfCredential(c); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, p, "credential.update", "gateway_credential", c.ID, map[string]string{
			"provider": string(ch.provider), "created": boolString(old == nil), "enabled": boolString(c.Enabled),
			"fields": strings.Join(given(ch), ","), "secrets_replaced": strings.Join(sortedKeys(ch.secrets), ",")})
	})
	return v, err
}

// activeTenant refuses a change to a tenant that is missing (404) or not
// active (403 tenant_<status>), for platform admins too.
func activeTenant(ctx context.Context, tx *store.Tx, tenantID string) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return notFoundAs(err, errTenantNotFound)
	}
	if !t.IsActive() {
		return tenantNotActive(t.Status)
	}
	return nil
}

// sealSecrets seals a credential's secret fields as one value bound to its
// tenant and provider.
func (a *App) sealSecrets(tenantID string, p credential.Provider, secrets credential.Fields) (string, error) {
	plain, err := json.Marshal(secrets)
	if err != nil {
		return "", fmt.Errorf("seal credential: %w", err)
	}
	defer clear(plain)
	return a.box.Seal(plain, credential.SealContext(tenantID, p))
}

func (a *App) openSecrets(c *credential.Credential) (credential.Fields, error) {
	plain, err := a.box.Open(c.SecretSealed, credential.SealContext(c.TenantID, c.Provider))
	if err != nil {
		return nil, fmt.Errorf("open credential %s of %s: %w", c.Provider, c.TenantID, err)
	}
	defer clear(plain)
	out := credential.Fields{}
	if err := json.Unmarshal(plain, &out); err != nil {
		return nil, fmt.Errorf("open credential %s of %s: %w", c.Provider, c.TenantID, err)
	}
	return out, nil
}

// viewOfCredential names the secrets a credential holds (opening them,
// which also proves they still open) without returning any.
func (a *App) viewOfCredential(c *credential.Credential) (*GatewayView, error) {
	secrets, err := a.openSecrets(c)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for k, v := range secrets {
		if v != "" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	public := credential.Fields{}
	for k, v := range c.Public {
		public[k] = v
	}
	return &GatewayView{ID: c.ID, Provider: c.Provider, Public: public, Secrets: names, Enabled: c.Enabled,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}, nil
}

// given names the fields a change sets, sorted.
func given(ch gatewayChange) []string {
	out := append(sortedKeys(ch.public), sortedKeys(ch.secrets)...)
	if ch.enabled != nil {
		out = append(out, "enabled")
	}
	slices.Sort(out)
	return out
}

func sortedKeys(f credential.Fields) []string {
	out := make([]string, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
