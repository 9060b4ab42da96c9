package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

var (
	errKeyNotFound = errs.E(errs.NotFound, "api_key_not_found", "API key not found.")
	errKeyRevoked  = errs.E(errs.Conflict, "api_key_revoked", "This API key is revoked; create a new one.")
	errKeysScoped  = errs.E(errs.Invalid, "scoped_token_required",
		"API keys belong to a tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")
)

// APIKeyInput describes a new API key. Without scopes it gets
// apikey.DefaultScopes.
type APIKeyInput struct {
	Name        string
	Environment string
	Scopes      []string
}

func (in *APIKeyInput) validate() error {
	var c errs.Collector
	required(&c, "name", in.Name, 100)
	switch {
	case in.Environment == "":
		c.Add("environment", "required", "This field is required: prod, staging or dev.")
	case !apikey.ValidEnvironment(in.Environment):
		c.Add("environment", "invalid_environment", "Must be prod, staging or dev.")
	}
	for i, s := range in.Scopes {
		if !apikey.KnownScope(s) {
			c.Add(fmt.Sprintf("scopes[%d]", i), "unknown_scope", "Unknown scope; the scopes are "+strings.Join(apikey.Scopes(), ", ")+".")
		}
	}
	return c.Err()
}

// IssuedAPIKey is a key with its secret, as created or rotated: the only
// time the secret is ever returned.
type IssuedAPIKey struct {
	Key    apikey.Key
	Secret string
}

// CreateAPIKey makes an API key for the tenant of the caller's scoped token.
func (a *App) CreateAPIKey(ctx context.Context, p *auth.Principal, in APIKeyInput) (*IssuedAPIKey, error) {
	if !p.Scoped() {
		return nil, errKeysScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.APIKeyCreate); err != nil {
		return nil, err
	}
	var out *IssuedAPIKey
	err := a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) (err error) {
		out, err = a.createAPIKeyIn(ctx, tx, p, in)
		return err
	})
	return out, err
}

// createAPIKeyIn writes a new key of p's tenant in tx: the plan's key limit
// reserved, the key stored and the creation audited.
func (a *App) createAPIKeyIn(ctx context.Context, tx *store.Tx, p *auth.Principal, in APIKeyInput) (*IssuedAPIKey, error) {
	in.Name = strings.TrimSpace(in.Name)
	if err := in.validate(); err != nil {
		return nil, err
	}
	secret, err := apikey.NewSecret(in.Environment)
	if err != nil {
		return nil, err
	}
	scopes := apikey.DefaultScopes()
	if len(in.Scopes) > 0 {
		scopes = *dedupe(&in.Scopes)
	}
	now := a.now()
	k := &apikey.Key{TenantID: p.TenantID, ID: id.NewAt(id.APIKey, now), Name: in.Name, Environment: in.Environment,
		Scopes: scopes, Prefix: apikey.VisiblePrefix(secret), Hash: apikey.Hash(secret), CreatedBy: p.UserID, CreatedAt: now}
	if err := a.reserve(ctx, tx, p.TenantID, plan.APIKeys, 1); err != nil {
		return nil, err
	}
	if err := tx.CreateAPIKey(ctx, k); err != nil {
		return nil, err
	}
	err = a.record(ctx, tx, p.TenantID, p, "apikey.create", "api_key", k.ID, map[string]string{
		"name": k.Name, "environment": k.Environment, "scopes": strings.Join(k.Scopes, " "), "prefix": k.Prefix})
	if err != nil {
		return nil, err
	}
	return &IssuedAPIKey{Key: *k, Secret: secret}, nil
}

// ListAPIKeys lists the keys of the caller's tenant, revoked ones included,
// newest first. Secrets are never listed: only their visible prefixes.
func (a *App) ListAPIKeys(ctx context.Context, p *auth.Principal) ([]apikey.Key, error) {
	if !p.Scoped() {
		return nil, errKeysScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.APIKeyRead); err != nil {
		return nil, err
	}
	var out []apikey.Key
	err := a.db.ReadTenant(ctx, p.TenantID, func(tx *store.Tx) (err error) { out, err = tx.ListAPIKeys(ctx, p.TenantID); return err })
	return out, err
}

// RotateAPIKey gives a key a new secret. The key keeps its id, name,
// environment and scopes; the old secret is refused from this moment on.
func (a *App) RotateAPIKey(ctx context.Context, p *auth.Principal, keyID string) (*IssuedAPIKey, error) {
	if !p.Scoped() {
		return nil, errKeysScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.APIKeyRotate); err != nil {
		return nil, a.conceal(ctx, p, err, findAPIKey(ctx, p.TenantID, keyID))
	}
	var out *IssuedAPIKey
	err := a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		k, err := tx.GetAPIKey(ctx, p.TenantID, keyID)
		if err != nil {
			return notFoundAs(err, errKeyNotFound)
		}
		if !k.Active() {
			return errKeyRevoked
		}
		secret, err := apikey.NewSecret(k.Environment)
		if err != nil {
			return err
		}
		now, previous := a.now(), k.Prefix
		k.Prefix, k.Hash, k.RotatedAt = apikey.VisiblePrefix(secret), apikey.Hash(secret), &now
		if err := tx.RotateAPIKey(ctx, p.TenantID, k.ID, k.Prefix, k.Hash, now); err != nil {
			return notFoundAs(err, errKeyRevoked) // revoked since it was read
		}
		out = &IssuedAPIKey{Key: *k, Secret: secret}
		return a.record(ctx, tx, p.TenantID, p, "apikey.rotate", "api_key", k.ID,
			map[string]string{"prefix": k.Prefix, "previous_prefix": previous})
	})
	if err != nil {
		return nil, err
	}
	a.callers.forget()
	return out, nil
}

// RevokeAPIKey revokes a key at once. The key stays listed, as revoked, for
// the audit trail; revoking it again changes nothing.
func (a *App) RevokeAPIKey(ctx context.Context, p *auth.Principal, keyID string) error {
	if !p.Scoped() {
		return errKeysScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, membership.APIKeyRevoke); err != nil {
		return a.conceal(ctx, p, err, findAPIKey(ctx, p.TenantID, keyID))
	}
	err := a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		k, err := tx.GetAPIKey(ctx, p.TenantID, keyID)
		if err != nil {
			return notFoundAs(err, errKeyNotFound)
		}
		revoked, err := tx.RevokeAPIKey(ctx, p.TenantID, k.ID, a.now())
		if err != nil || !revoked {
			return err
		}
		return a.record(ctx, tx, p.TenantID, p, "apikey.revoke", "api_key", k.ID, map[string]string{"prefix": k.Prefix})
	})
	if err != nil {
		return err
	}
	a.callers.forget()
	return nil
}
