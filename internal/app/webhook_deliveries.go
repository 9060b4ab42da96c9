package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/webhook"
)

// deliveriesListed is how many deliveries a listing returns, newest first.
const deliveriesListed = 100

// ListDeliveries returns the newest deliveries of an endpoint of o (a
// platform endpoint's from every tenant).
func (a *App) ListDeliveries(ctx context.Context, p *auth.Principal, o HookOwner, endpointID string) ([]webhook.Delivery, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookRead, endpointID)
	if err != nil {
		return nil, err
	}
	var out []webhook.Delivery
	err = a.readHooks(ctx, tenantID, func(tx *store.Tx) error {
		if _, err := a.endpointOf(ctx, tx, tenantID, endpointID); err != nil {
			return err
		}
		out, err = tx.ListDeliveries(ctx, tenantID, endpointID, deliveriesListed)
		return err
	})
	return out, err
}

// ReplayDelivery sends a delivery again, whatever became of it: it is
// pending again, due at once, with a fresh count of attempts, and keeps its
// id (the webhook-id receivers deduplicate by) and its payload.
func (a *App) ReplayDelivery(ctx context.Context, p *auth.Principal, o HookOwner, endpointID, deliveryID string) (*webhook.Delivery, error) {
	tenantID, err := a.hookTenant(ctx, p, o, membership.WebhookManage, endpointID)
	if err != nil {
		return nil, err
	}
	var out *webhook.Delivery
	err = a.inHooks(ctx, tenantID, func(tx *store.Tx) error {
		e, err := a.endpointOf(ctx, tx, tenantID, endpointID)
		if err != nil {
			return err
		}
		d, err := tx.GetEndpointDelivery(ctx, tenantID, e.ID, deliveryID)
		if err != nil {
			return notFoundAs(err, errDeliveryNotFound)
		}
		if !e.Enabled {
			return errWebhookDisabled
		}
		now := a.now()
		d.Status, d.Attempts, d.NextAttempt, d.LastError, d.UpdatedAt = webhook.Pending, 0, now, "", now
		if err := tx.RecordDelivery(ctx, d); err != nil {
			return err
		}
		if err := tx.EnqueueWebhookJob(ctx, d.TenantID, d.ID, now, now); err != nil {
			return err
		}
		out = d
		return a.record(ctx, tx, hookAuditTenant(tenantID), p, "webhook.replay", "webhook_delivery", d.ID,
			map[string]string{"endpoint_id": e.ID, "event_type": d.EventType})
	})
	if err != nil {
		return nil, err
	}
	a.jobsQueued()
	return out, nil
}
