package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
)

// Authorize decides whether p may perform action in tenantID, or in the
// tenant of p's scoped token when tenantID is "", by the one permission
// table and with authorize's answers: another tenant is NotFound, a role or
// key scope the table does not allow Forbidden. Every use case authorizes
// before it looks at its input; the API asks Authorize as well when a
// request fails on input it read itself (its body or query), so that a
// caller the table refuses hears that refusal, never what is wrong with an
// input it may not send. With no tenant to judge in (a token scoped to
// none and no tenant named), there is nothing to refuse: it returns nil and
// the use case's own answer stands (which asks for a tenant), but for a
// platform-only action, which anyone but a platform admin is refused.
func (a *App) Authorize(ctx context.Context, p *auth.Principal, tenantID string, action membership.Action) error {
	if tenantID == "" {
		tenantID = p.TenantID
	}
	if tenantID == "" {
		if membership.PlatformOnly(action) { // a platform action names no tenant (the plan catalog)
			return platformOnly(p, action)
		}
		return nil
	}
	_, err := a.authorize(ctx, p, tenantID, action)
	return err
}
