package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var errBadToken = errs.E(errs.Unauthenticated, "invalid_token", "The access token is missing, malformed, expired or revoked.")

// Authenticate verifies an access token and resolves its subject against the
// database, so that a deactivated user, a removed membership, a changed role
// or a revoked token takes effect on the next request (within the caller
// cache's few seconds). A token whose session (refresh family) was revoked —
// refresh-token reuse, logout — is void.
func (a *App) Authenticate(ctx context.Context, raw string) (*auth.Principal, error) {
	claims, err := a.tokens.Verify(raw)
	if errors.Is(err, auth.ErrUnknownKey) && a.reloadKeys(ctx) {
		claims, err = a.tokens.Verify(raw)
	}
	if err != nil {
		return nil, &errs.Error{Kind: errs.Unauthenticated, Code: errBadToken.Code, Msg: errBadToken.Msg, Err: err}
	}
	key := claims.ID + "|" + claims.TenantID
	p, ok, gen := a.callers.get(key)
	if ok {
		return p, nil
	}
	var c *store.Caller
	read := func(tx *store.Tx) (err error) {
		c, err = tx.Caller(ctx, claims.Subject, claims.TenantID, claims.ID, claims.SessionID)
		if err == nil && claims.Act != nil {
			err = checkImpersonator(ctx, tx, claims) // platform_admin_impersonate.go
		}
		return err
	}
	if claims.TenantID != "" {
		err = a.db.ReadTenant(ctx, claims.TenantID, read)
	} else {
		err = a.db.ReadSystem(ctx, read)
	}
	if errs.Is(err, errs.NotFound) {
		return nil, errBadToken
	}
	if err != nil {
		return nil, err
	}
	if !c.UserActive || c.TokenRevoked {
		return nil, errBadToken
	}
	p = &auth.Principal{UserID: claims.Subject, Email: c.Email, PlatformAdmin: c.PlatformAdmin,
		TenantID: claims.TenantID, Env: claims.Env, TokenID: claims.ID, ExpiresAt: claims.ExpiresAt.Time, AMR: claims.AMR,
		SessionID: claims.SessionID}
	if claims.Act != nil {
		p.ImpersonatorID = claims.Act.Sub // platform_admin_impersonate.go
	}
	if claims.TenantID != "" {
		switch {
		case c.TenantStatus == "":
			return nil, errBadToken
		case c.MemberStatus == membership.Active:
			p.Role, p.OutletIDs = c.Role, c.OutletIDs
		case !c.PlatformAdmin:
			return nil, errs.E(errs.Unauthenticated, "membership_ended", "You are no longer a member of this tenant.")
		}
		if c.TenantStatus != tenant.Active && !c.PlatformAdmin {
			return nil, tenantNotActive(c.TenantStatus)
		}
	}
	// After the membership checks, so that a removed member still learns why.
	if c.SessionRevoked || endedBefore(c.SessionsEndedAt, claims) {
		return nil, errBadToken
	}
	a.callers.put(key, p, gen)
	return p, nil
}

// endedBefore reports whether the token was issued before the caller's
// sessions were ended. The token id carries its issue time to the
// millisecond, finer than the iat claim's second; a token issued in the very
// millisecond of the ending survives, so that a login right after a logout
// everywhere always works.
func endedBefore(ended *time.Time, claims *auth.Claims) bool {
	if ended == nil {
		return false
	}
	issued, ok := id.Time(claims.ID)
	if !ok && claims.IssuedAt != nil {
		issued = claims.IssuedAt.Time
	}
	return issued.Before(ended.Truncate(time.Millisecond))
}

func tenantNotActive(s tenant.Status) error {
	return errs.E(errs.Forbidden, "tenant_"+string(s), "This tenant is "+string(s)+".")
}

// reloadKeys loads signing keys from the database, at most once every few
// seconds, so that keys added by another process are picked up. It reports
// whether it reloaded.
func (a *App) reloadKeys(ctx context.Context) bool {
	a.keyMu.Lock()
	defer a.keyMu.Unlock()
	if time.Since(a.keysLoadedAt) < 5*time.Second {
		return false
	}
	if err := a.loadKeys(ctx); err != nil {
		a.log.Error("reload signing keys", "err", err)
		return false
	}
	return true
}

func (a *App) loadKeys(ctx context.Context) error {
	var keys []auth.SigningKey
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) { keys, err = tx.SigningKeys(ctx); return err })
	if err != nil {
		return err
	}
	if err := a.tokens.Ring.Load(keys, a.box); err != nil {
		return err
	}
	a.keysLoadedAt = time.Now()
	return nil
}

// callersTopic is the broadcast that clears every process's caller cache.
const callersTopic = "callers"

// callerCache remembers resolved principals (of access tokens and API keys)
// for a few seconds; cleared by every broadcast of callersTopic.
type callerCache = cache[*auth.Principal]

func newCallerCache(ttl time.Duration, now func() time.Time, s limit.Store, log *slog.Logger) *callerCache {
	return newCache[*auth.Principal](callersTopic, ttl, now, s, log)
}
