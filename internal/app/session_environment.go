package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
)

var errScopedOnly = errs.E(errs.Invalid, "scoped_token_required",
	"Switching environment needs a tenant-scoped token: select a tenant first (POST /api/v1/auth/select-tenant).")

// SwitchEnvironment exchanges the caller's tenant-scoped token for one of the
// same tenant and role acting in env (prod, staging or dev; trueport seed).
// Like select-tenant it issues an access token only: the session's refresh
// token keeps its own environment.
func (a *App) SwitchEnvironment(ctx context.Context, p *auth.Principal, env string) (*Session, error) {
	if !p.Scoped() {
		return nil, errScopedOnly
	}
	if !auth.ValidEnv(env) {
		return nil, errs.Fields(errs.FieldError{Field: "environment", Code: "invalid_environment", Message: "Must be prod, staging or dev."})
	}
	next := &auth.Principal{UserID: p.UserID, Email: p.Email, PlatformAdmin: p.PlatformAdmin, TenantID: p.TenantID,
		Role: p.Role, OutletIDs: p.OutletIDs, Env: env, AMR: p.AMR, SessionID: p.SessionID, ImpersonatorID: p.ImpersonatorID}
	var s *Session
	err := a.db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if s, err = a.issue(ctx, tx, next, "-"); err != nil {
			return err
		}
		return a.record(ctx, tx, p.TenantID, next, "auth.switch_environment", "user", p.UserID,
			map[string]string{"environment": env, "from": p.Env})
	})
	return s, err
}
