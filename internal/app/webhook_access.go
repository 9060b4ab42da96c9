package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var (
	errWebhookNotFound  = errs.E(errs.NotFound, "webhook_not_found", "Webhook endpoint not found.")
	errDeliveryNotFound = errs.E(errs.NotFound, "delivery_not_found", "Delivery not found.")
	errWebhooksScoped   = errs.E(errs.Invalid, "scoped_token_required",
		"Webhook endpoints belong to a tenant: use a tenant-scoped token (POST /api/v1/auth/select-tenant).")
	errWebhookDisabled = errs.E(errs.Conflict, "webhook_disabled", "The endpoint is disabled: enable it before replaying.")
)

// HookOwner says whose webhook endpoints a request manages: the tenant of
// the caller's scoped token (Platform false) or the platform's (Platform
// true, platform admins only).
type HookOwner struct {
	Platform bool
}

// hookTenant authorizes p for action on the endpoints of o and returns
// their tenant ("" for the platform's). A member whose role may not, asking
// about an endpoint (endpointID) of no tenant of theirs, gets 404 as for a
// missing one.
func (a *App) hookTenant(ctx context.Context, p *auth.Principal, o HookOwner, action membership.Action, endpointID string) (string, error) {
	if o.Platform {
		return "", platformOnly(p, membership.PlatformAdminister)
	}
	if !p.Scoped() {
		return "", errWebhooksScoped
	}
	if _, err := a.authorize(ctx, p, p.TenantID, action); err != nil {
		if endpointID == "" {
			return "", err
		}
		return "", a.conceal(ctx, p, err, func(tx *store.Tx) error {
			_, err := tx.GetWebhookEndpoint(ctx, p.TenantID, endpointID)
			return notFoundAs(err, errWebhookNotFound)
		})
	}
	return p.TenantID, nil
}

// inHooks runs fn in a write transaction over the endpoints of tenantID
// ("" for the platform's: a system transaction).
func (a *App) inHooks(ctx context.Context, tenantID string, fn func(*store.Tx) error) error {
	if tenantID == "" {
		return a.db.InSystem(ctx, fn)
	}
	return a.db.InTenant(ctx, tenantID, fn)
}

// readHooks runs fn in a read-only transaction over the endpoints of
// tenantID ("" for the platform's).
func (a *App) readHooks(ctx context.Context, tenantID string, fn func(*store.Tx) error) error {
	if tenantID == "" {
		return a.db.ReadSystem(ctx, fn)
	}
	return a.db.ReadTenant(ctx, tenantID, fn)
}

// hookAuditTenant is the trail an endpoint's changes are audited on: its
// tenant's, or the public tenant's for a platform endpoint.
func hookAuditTenant(tenantID string) string {
	if tenantID == "" {
		return tenant.PublicID
	}
	return tenantID
}
