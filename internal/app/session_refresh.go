package app

import (
	"context"

	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var (
	errBadRefresh = errs.E(errs.Unauthenticated, "invalid_refresh_token", "The refresh token is invalid, expired or revoked.")
	errReused     = errs.E(errs.Unauthenticated, "refresh_token_reused",
		"This refresh token was already used; every session of this login has been ended.")
)

// newRefresh stores a new refresh token of p's session (its family).
func (a *App) newRefresh(ctx context.Context, tx *store.Tx, p *auth.Principal, now time.Time, ttl time.Duration) (string, error) {
	plain, hash, err := auth.NewOpaque("rt_")
	if err != nil {
		return "", err
	}
	rt := &auth.RefreshToken{ID: id.New(id.Session), FamilyID: p.SessionID, UserID: p.UserID, TenantID: p.TenantID,
		Env: p.Env, AMR: p.AMR, Hash: hash, ExpiresAt: now.Add(ttl), CreatedAt: now}
	if err := tx.CreateRefreshToken(ctx, rt); err != nil {
		return "", err
	}
	return plain, nil
}

// SelectTenant exchanges a token for one scoped to tenantID, where the caller
// must be an active member (or a platform admin).
func (a *App) SelectTenant(ctx context.Context, p *auth.Principal, tenantID, loginToken string) (*Session, error) {
	if tenantID == "" {
		return nil, errs.Fields(errs.FieldError{Field: "tenant_id", Code: "required", Message: "This field is required."})
	}
	if !p.PlatformAdmin { // platform admins and support sessions are the platform's, not the project's sign-ins
		if err := a.spendLoginToken(ctx, tenantID, loginToken, p.Email); err != nil {
			return nil, err
		}
	}
	scoped := &auth.Principal{UserID: p.UserID, Email: p.Email, PlatformAdmin: p.PlatformAdmin, Env: auth.EnvProd, AMR: p.AMR,
		SessionID: p.SessionID, ImpersonatorID: p.ImpersonatorID}
	var s *Session
	err := a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if err := a.scopeTo(ctx, tx, scoped, tenantID); err != nil {
			return err
		}
		if err := a.checkSessionMethods(ctx, tx, scoped); err != nil {
			return err
		}
		if s, err = a.issue(ctx, tx, scoped, "-"); err != nil {
			return err
		}
		return a.record(ctx, tx, tenantID, scoped, "auth.select_tenant", "user", p.UserID, nil)
	})
	return s, err
}

// Refresh rotates a refresh token: the presented one is used up and a new
// one of the same family is returned with a fresh access token. Presenting a
// used token again revokes the whole family.
func (a *App) Refresh(ctx context.Context, raw string) (*Session, error) {
	if raw == "" {
		return nil, errs.Fields(errs.FieldError{Field: "refresh_token", Code: "required", Message: "This field is required."})
	}
	now := a.now()
	var s *Session
	reused := false
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		rt, won, err := tx.ClaimRefreshToken(ctx, auth.HashOpaque(raw), now)
		if errs.Is(err, errs.NotFound) {
			return errBadRefresh
		}
		if err != nil {
			return err
		}
		if rt.RevokedAt != nil || !now.Before(rt.ExpiresAt) {
			return errBadRefresh // a claim of an expired token rolls back with this
		}
		if !won {
			reused = true
			if err := tx.RevokeFamily(ctx, rt.FamilyID, now); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, a.event(ctx, tenant.PublicID, &auth.Principal{UserID: rt.UserID},
				"auth.refresh_reuse", "session", rt.FamilyID, audit.Failure, nil))
		}
		p, err := a.refreshPrincipal(ctx, tx, rt)
		if err != nil {
			return err
		}
		s, err = a.issue(ctx, tx, p, rt.FamilyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if reused {
		a.callers.forget() // the family's access tokens end here at once, elsewhere within the cache's TTL
		return nil, errReused
	}
	return s, nil
}

// refreshPrincipal re-checks, at refresh time, that the session's user and
// membership are still active.
func (a *App) refreshPrincipal(ctx context.Context, tx *store.Tx, rt *auth.RefreshToken) (*auth.Principal, error) {
	c, err := tx.Caller(ctx, rt.UserID, rt.TenantID, "", "")
	if err != nil || !c.UserActive {
		return nil, errBadRefresh
	}
	p := &auth.Principal{UserID: rt.UserID, Email: c.Email, PlatformAdmin: c.PlatformAdmin, TenantID: rt.TenantID, Env: rt.Env, AMR: rt.AMR}
	if rt.TenantID == "" {
		return p, nil
	}
	if c.MemberStatus == membership.Active {
		p.Role, p.OutletIDs = c.Role, c.OutletIDs
	} else if !c.PlatformAdmin {
		return nil, errBadRefresh
	}
	if c.TenantStatus != tenant.Active && !c.PlatformAdmin {
		return nil, errBadRefresh
	}
	return p, nil
}

// Logout ends the caller's access token and the session of refreshRaw; with
// no refresh token it ends every session of the caller.
func (a *App) Logout(ctx context.Context, p *auth.Principal, refreshRaw string) error {
	now := a.now()
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if refreshRaw == "" {
			if err := tx.RevokeUserSessions(ctx, p.UserID, "", now); err != nil {
				return err
			}
		} else if rt, err := tx.RefreshTokenByHash(ctx, auth.HashOpaque(refreshRaw)); err == nil && rt.UserID == p.UserID {
			if err := tx.RevokeFamily(ctx, rt.FamilyID, now); err != nil {
				return err
			}
		} else if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if err := tx.RevokeAccessToken(ctx, p.TokenID, p.UserID, p.ExpiresAt, now); err != nil {
			return err
		}
		where := p.TenantID
		if where == "" {
			where = tenant.PublicID
		}
		return a.record(ctx, tx, where, p, "auth.logout", "user", p.UserID,
			map[string]string{"everywhere": boolString(refreshRaw == "")})
	})
	a.callers.forget()
	return err
}
