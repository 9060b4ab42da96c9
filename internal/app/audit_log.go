package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// event builds an audit event for the request in ctx.
func (a *App) event(ctx context.Context, tenantID string, actor *auth.Principal, action, resType, resID string,
	outcome audit.Outcome, details map[string]string) *audit.Event {
	m := metaOf(ctx)
	e := &audit.Event{
		TenantID: tenantID, ID: id.New(id.Audit), Action: action, ResourceType: resType, ResourceID: resID,
		Outcome: outcome, IP: m.IP, UserAgent: m.UserAgent, RequestID: m.RequestID, Details: details,
		CreatedAt: a.now(),
	}
	if actor != nil {
		e.ActorID, e.ActorEmail = actor.UserID, actor.Email
		e.ImpersonatorID = actor.ImpersonatorID
		if actor.IsAPIKey() {
			e.ActorID = actor.APIKeyID // a machine client acts as its key
		}
		if actor.PlatformKeyID != "" {
			e.ActorID = actor.PlatformKeyID
		}
	}
	return e
}

// record appends an audit event in tx.
func (a *App) record(ctx context.Context, tx *store.Tx, tenantID string, actor *auth.Principal, action, resType, resID string,
	details map[string]string) error {
	return tx.AppendAudit(ctx, a.event(ctx, tenantID, actor, action, resType, resID, audit.Success, details))
}

// errTenantRequired answers an audit request that names no tenant from a
// token scoped to none.
var errTenantRequired = errs.Fields(errs.FieldError{Field: "tenant_id", Code: "required",
	Message: "Name the tenant, or use a tenant-scoped token."})

// ListAudit returns audit events. A platform admin sees every tenant (or the
// one named by f.TenantID); anyone else sees one tenant they may audit: the
// tenant of their scoped token, or f.TenantID.
func (a *App) ListAudit(ctx context.Context, p *auth.Principal, f audit.Filter) ([]audit.Event, int, error) {
	if p.PlatformAdmin && f.TenantID == "" {
		var out []audit.Event
		var total int
		err := a.db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			out, total, err = tx.ListAudit(ctx, f)
			return err
		})
		return out, total, err
	}
	if f.TenantID == "" {
		f.TenantID = p.TenantID
	}
	if f.TenantID == "" {
		return nil, 0, errTenantRequired
	}
	if _, err := a.authorize(ctx, p, f.TenantID, membership.AuditRead); err != nil {
		return nil, 0, err
	}
	var out []audit.Event
	var total int
	err := a.db.ReadTenant(ctx, f.TenantID, func(tx *store.Tx) (err error) {
		out, total, err = tx.ListAudit(ctx, f)
		return err
	})
	return out, total, err
}
