package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var (
	errBadAPIKey = errs.E(errs.Unauthenticated, "invalid_api_key",
		"The API key is unknown, malformed, rotated or revoked.")
	errInsufficientScope = errs.E(errs.Forbidden, "insufficient_scope",
		"This API key's scopes do not allow this action.")
)

// keyUseInterval is how often at most a key's last use is written.
const keyUseInterval = time.Minute

// AuthenticateAPIKey resolves an X-API-Key secret to a machine principal: its
// tenant and environment, with the key's scopes and no user. An unknown,
// malformed, rotated-away or revoked key is refused alike; a key of a tenant
// that is not active is Forbidden. Resolved keys are cached like access
// tokens (CallerTTL, on the App's clock); revoking or rotating a key drops
// the cache at once.
func (a *App) AuthenticateAPIKey(ctx context.Context, secret string) (*auth.Principal, error) {
	if !apikey.WellFormed(secret) {
		return nil, errBadAPIKey
	}
	hash := apikey.Hash(secret)
	cacheKey := "apikey|" + hash
	p, ok, gen := a.callers.get(cacheKey)
	if ok {
		a.noteKeyUse(ctx, p)
		return p, nil
	}
	var c *store.KeyCaller
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { c, err = tx.APIKeyByHash(ctx, hash); return err })
	switch {
	case errs.Is(err, errs.NotFound):
		return nil, errBadAPIKey
	case err != nil:
		return nil, err
	case !c.Key.Active():
		a.log.WarnContext(ctx, "revoked API key presented", "tenant_id", c.Key.TenantID, "key_id", c.Key.ID,
			"prefix", c.Key.Prefix, "ip", metaOf(ctx).IP)
		return nil, errBadAPIKey
	case c.TenantStatus != tenant.Active:
		return nil, tenantNotActive(c.TenantStatus)
	}
	p = &auth.Principal{TenantID: c.Key.TenantID, Env: c.Key.Environment, APIKeyID: c.Key.ID, Scopes: c.Key.Scopes}
	a.callers.put(cacheKey, p, gen)
	a.noteKeyUse(ctx, p)
	return p, nil
}

// keyMay decides whether an API key may perform action: only when the
// permission table gives the action a scope and the key holds it. Roles play
// no part, and a key is never a platform admin.
func keyMay(p *auth.Principal, action membership.Action) error {
	rule, ok := membership.RuleOf(action)
	k := apikey.Key{Scopes: p.Scopes}
	if !ok || !k.Allows(rule.Scope) {
		return errInsufficientScope
	}
	return nil
}

// noteKeyUse records that p's key was used, at most once per keyUseInterval
// per key and process (the update itself also skips a row written within the
// interval by another process). A failure is logged, never returned: the
// request itself is fine.
func (a *App) noteKeyUse(ctx context.Context, p *auth.Principal) {
	now := a.now()
	due, err := a.keyUse.due(ctx, p.APIKeyID, now)
	if !due {
		if err != nil {
			a.log.WarnContext(ctx, "debounce API key use", "key_id", p.APIKeyID, "err", err)
		}
		return
	}
	err = a.db.InTenant(ctx, p.TenantID, func(tx *store.Tx) error {
		return tx.TouchAPIKey(ctx, p.TenantID, p.APIKeyID, now, now.Add(-keyUseInterval))
	})
	if err != nil {
		a.log.WarnContext(ctx, "record API key use", "key_id", p.APIKeyID, "err", err)
	}
}

// keyUsage remembers when each key's use was last written: a window of one
// write per keyUseInterval per key.
type keyUsage struct{ l *limit.Limiter }

func newKeyUsage(s limit.Store) *keyUsage {
	return &keyUsage{l: limit.New(s, "apikey-use", limit.Window{Max: 1, Span: keyUseInterval})}
}

// due reports whether a use of keyID at now should be written, and if so
// claims it, so that concurrent requests write once.
func (u *keyUsage) due(ctx context.Context, keyID string, now time.Time) (bool, error) {
	wait, err := u.l.Take(ctx, keyID, now)
	return err == nil && wait == 0, err
}
