package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// StatusChange is one change of a tenant's status.
type StatusChange struct {
	From, To   string
	Reason     string
	Action     string // the audit action: tenant.status, tenant.deactivate or tenant.reactivate
	ActorID    string // "" when the platform did it (an overdue payment, a payment received)
	ActorEmail string
	// ImpersonatorID names the platform admin behind an impersonation token.
	ImpersonatorID string
	At             time.Time
}

// StatusHistory returns every status change of a tenant, oldest first. The
// audit log is the record: every path that changes a status (PUT
// …/status, deactivation and reactivation, billing's overdue suspension
// and its end) audits the change in the tenant's log in the same
// transaction, so no table of its own is needed.
func (a *App) StatusHistory(ctx context.Context, p *auth.Principal, tenantID string) ([]StatusChange, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	var events []audit.Event
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return err
		}
		var err error
		events, err = tx.TenantStatusEvents(ctx, tenantID)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errTenantNotFound
	}
	if err != nil {
		return nil, err
	}
	out := make([]StatusChange, 0, len(events))
	for _, e := range events {
		if e.Outcome != audit.Success {
			continue
		}
		d := e.Details
		c := StatusChange{Action: e.Action, Reason: d["reason"], ActorID: e.ActorID, ActorEmail: e.ActorEmail,
			ImpersonatorID: e.ImpersonatorID, At: e.CreatedAt}
		switch e.Action {
		case "tenant.status":
			c.From, c.To = d["from"], d["to"]
		case "tenant.deactivate":
			c.From, c.To = d["previous_status"], string(tenant.Inactive)
		case "tenant.reactivate":
			c.From, c.To = d["from"], d["status"]
			if c.From == "" {
				c.From = string(tenant.Inactive)
			}
		}
		out = append(out, c)
	}
	return out, nil
}
