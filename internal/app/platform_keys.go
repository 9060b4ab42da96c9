package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errBadPlatformKey = errs.E(errs.Unauthenticated, "invalid_platform_key",
	"The platform key is missing, unknown, malformed or revoked.")

// IssuedPlatformKey is a new platform key with its secret: the only time
// the secret is ever returned.
type IssuedPlatformKey struct {
	Key    apikey.PlatformKey
	Secret string
}

// CreatePlatformKey makes a platform key (platform admins only), audited on
// the public tenant's trail like other platform-level changes.
func (a *App) CreatePlatformKey(ctx context.Context, p *auth.Principal, name string) (*IssuedPlatformKey, error) {
	if err := requireAdminUser(p); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	var c errs.Collector
	required(&c, "name", name, 100)
	if err := c.Err(); err != nil {
		return nil, err
	}
	secret, err := apikey.NewPlatformSecret()
	if err != nil {
		return nil, err
	}
	now := a.now()
	k := &apikey.PlatformKey{ID: id.NewAt(id.PlatformKey, now), Name: name, Prefix: apikey.VisiblePrefix(secret),
		Hash: apikey.Hash(secret), CreatedBy: p.UserID, CreatedAt: now}
	err = a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreatePlatformKey(ctx, k); err != nil {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, p, "platform_key.create", "platform_key", k.ID,
			map[string]string{"name": k.Name, "prefix": k.Prefix})
	})
	if err != nil {
		return nil, err
	}
	return &IssuedPlatformKey{Key: *k, Secret: secret}, nil
}

// ListPlatformKeys lists every platform key, revoked ones included, newest
// first; secrets are never listed, only their visible prefixes.
func (a *App) ListPlatformKeys(ctx context.Context, p *auth.Principal) ([]apikey.PlatformKey, error) {
	if err := requireAdminUser(p); err != nil {
		return nil, err
	}
	var out []apikey.PlatformKey
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { out, err = tx.ListPlatformKeys(ctx); return err })
	return out, err
}

// RevokePlatformKey revokes a platform key at once (idempotent; a missing
// key is NotFound), audited.
func (a *App) RevokePlatformKey(ctx context.Context, p *auth.Principal, keyID string) error {
	if err := requireAdminUser(p); err != nil {
		return err
	}
	return a.db.InSystem(ctx, func(tx *store.Tx) error {
		revoked, err := tx.RevokePlatformKey(ctx, keyID, a.now())
		if err != nil || !revoked {
			return err
		}
		return a.record(ctx, tx, tenant.PublicID, p, "platform_key.revoke", "platform_key", keyID, nil)
	})
}

// AuthenticatePlatformKey resolves a platform key secret to its principal:
// no user and no tenant, PlatformAdmin set and PlatformKeyID naming the key.
// Only the seed surfaces call it, so the key's powers are the few use cases
// their routes reach. An unknown, malformed or revoked key is refused alike.
func (a *App) AuthenticatePlatformKey(ctx context.Context, secret string) (*auth.Principal, error) {
	if !apikey.PlatformWellFormed(secret) {
		return nil, errBadPlatformKey
	}
	var k *apikey.PlatformKey
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { k, err = tx.PlatformKeyByHash(ctx, apikey.Hash(secret)); return err })
	switch {
	case errs.Is(err, errs.NotFound):
		return nil, errBadPlatformKey
	case err != nil:
		return nil, err
	case !k.Active():
		a.log.WarnContext(ctx, "revoked platform key presented", "key_id", k.ID, "prefix", k.Prefix, "ip", metaOf(ctx).IP)
		return nil, errBadPlatformKey
	}
	now := a.now()
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= keyUseInterval {
		if err := a.db.InSystem(ctx, func(tx *store.Tx) error {
			return tx.TouchPlatformKey(ctx, k.ID, now, now.Add(-keyUseInterval))
		}); err != nil {
			a.log.WarnContext(ctx, "platform key use not recorded", "key_id", k.ID, "err", err)
		}
	}
	return &auth.Principal{PlatformAdmin: true, PlatformKeyID: k.ID, Role: "owner"}, nil
}

// requireAdminUser refuses anyone but a platform admin who is a user: a
// platform key cannot manage platform keys.
func requireAdminUser(p *auth.Principal) error {
	if p.PlatformKeyID != "" {
		return errs.E(errs.Forbidden, "forbidden", "A platform key cannot manage platform keys.")
	}
	return platformOnly(p, membership.PlatformAdminister)
}
