package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/webhook"
)

// JobsTopic is what a transaction touches when it queued a job outside
// the use case's sight (a webhook delivery of an audited change): after
// the commit, the App wakes the job worker.
const JobsTopic = "jobs"

// WebhookJob is the payload of a job.WebhookDeliver job: the delivery it
// sends (the job's tenant is the delivery's).
type WebhookJob struct {
	DeliveryID string `json:"delivery_id"`
}

const deliveryCols = `tenant_id, id, endpoint_id, event_id, event_type, resource_key, payload, status, attempts,
	next_attempt, last_attempt, response_code, duration_ms, last_error, created_at, updated_at`

func scanDeliveries(rows *sql.Rows) ([]webhook.Delivery, error) {
	defer rows.Close()
	out := []webhook.Delivery{}
	for rows.Next() {
		var d webhook.Delivery
		var payload string
		if err := rows.Scan(&d.TenantID, &d.ID, &d.EndpointID, &d.EventID, &d.EventType, &d.ResourceKey, &payload,
			&d.Status, &d.Attempts, timeCol{&d.NextAttempt}, nullTimeCol{&d.LastAttempt}, &d.ResponseCode, &d.DurationMS,
			&d.LastError, timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan webhook delivery: %w", err)
		}
		d.Payload = []byte(payload)
		out = append(out, d)
	}
	return out, rows.Err()
}

// queueWebhooks writes, for an audited change e that becomes an event, a
// delivery to every enabled endpoint receiving its type (the tenant's and
// the platform's), each with its job, in the transaction of the change.
func (t *Tx) queueWebhooks(ctx context.Context, e *audit.Event) error {
	if e.Outcome != audit.Success {
		return nil
	}
	typ, ok := webhook.EventType(e.Action)
	if !ok {
		return nil
	}
	endpoints, err := t.receivingEndpoints(ctx, e.TenantID, typ)
	if err != nil || len(endpoints) == 0 {
		return err
	}
	payload, err := webhook.Build(e, typ)
	if err != nil {
		return err
	}
	for _, ep := range endpoints {
		d := &webhook.Delivery{TenantID: e.TenantID, ID: id.NewAt(webhook.DeliveryPrefix, e.CreatedAt), EndpointID: ep.ID,
			EventID: e.ID, EventType: typ, ResourceKey: webhook.ResourceKey(e), Payload: payload, Status: webhook.Pending,
			NextAttempt: e.CreatedAt, CreatedAt: e.CreatedAt, UpdatedAt: e.CreatedAt}
		if err := t.createDelivery(ctx, d); err != nil {
			return err
		}
		if err := t.EnqueueWebhookJob(ctx, d.TenantID, d.ID, e.CreatedAt, e.CreatedAt); err != nil {
			return err
		}
	}
	t.Touch(JobsTopic)
	return nil
}

func (t *Tx) createDelivery(ctx context.Context, d *webhook.Delivery) error {
	_, err := t.exec(ctx, `INSERT INTO webhook_deliveries (`+deliveryCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.TenantID, d.ID, d.EndpointID, d.EventID, d.EventType, d.ResourceKey, string(d.Payload), d.Status, d.Attempts,
		ts(d.NextAttempt), tsp(d.LastAttempt), d.ResponseCode, d.DurationMS, d.LastError, ts(d.CreatedAt), ts(d.UpdatedAt))
	return err
}

// EnqueueWebhookJob queues the job that sends delivery deliveryID of
// tenantID, due at runAt; its key is the delivery, so a delivery has at
// most one pending job. A pending job waiting for later is moved to runAt.
func (t *Tx) EnqueueWebhookJob(ctx context.Context, tenantID, deliveryID string, runAt, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	j, err := job.New(job.WebhookDeliver, tenantID, WebhookJob{DeliveryID: deliveryID}, runAt, now)
	if err != nil {
		return err
	}
	j.Key = deliveryID
	written, err := t.EnqueueJob(ctx, j)
	if err != nil || written {
		return err
	}
	_, err = t.HastenJob(ctx, job.WebhookDeliver, deliveryID, runAt)
	return err
}

// GetDelivery returns one delivery of tenantID; NotFound code
// delivery_not_found.
func (t *Tx) GetDelivery(ctx context.Context, tenantID, deliveryID string) (*webhook.Delivery, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	return t.oneDelivery(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries WHERE tenant_id = ? AND id = ?`, tenantID, deliveryID)
}

// oneDelivery runs q, which selects at most one delivery; NotFound code
// delivery_not_found when it finds none.
func (t *Tx) oneDelivery(ctx context.Context, q string, args ...any) (*webhook.Delivery, error) {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	got, err := scanDeliveries(rows)
	if err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, errs.E(errs.NotFound, "delivery_not_found", "Not found.")
	}
	return &got[0], nil
}

// GetEndpointDelivery returns delivery deliveryID of endpointID, which
// belongs to tenantID ("" for a platform endpoint, whose deliveries are of
// every tenant: system transactions only); NotFound code
// delivery_not_found.
func (t *Tx) GetEndpointDelivery(ctx context.Context, tenantID, endpointID, deliveryID string) (*webhook.Delivery, error) {
	where, args, err := t.endpointDeliveries("GetEndpointDelivery", tenantID, endpointID)
	if err != nil {
		return nil, err
	}
	return t.oneDelivery(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries WHERE `+where+` AND id = ?`, append(args, deliveryID)...)
}

// endpointDeliveries is the condition, and its arguments, that selects
// endpointID's deliveries of tenantID, or of every tenant for a platform
// endpoint (tenantID "": system transactions only, op names the caller).
func (t *Tx) endpointDeliveries(op, tenantID, endpointID string) (string, []any, error) {
	if tenantID == "" {
		return `endpoint_id = ?`, []any{endpointID}, t.systemOnly(op)
	}
	return `endpoint_id = ? AND tenant_id = ?`, []any{endpointID, tenantID}, t.scope(tenantID)
}

// ListDeliveries returns up to limit deliveries of endpointID, newest
// first (a platform endpoint's, tenantID "", across tenants: system
// transactions only).
func (t *Tx) ListDeliveries(ctx context.Context, tenantID, endpointID string, limit int) ([]webhook.Delivery, error) {
	where, args, err := t.endpointDeliveries("ListDeliveries", tenantID, endpointID)
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries WHERE `+where+
		` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return scanDeliveries(rows)
}

// FirstPendingDelivery returns the oldest pending delivery of d's endpoint
// and resource (d itself when none is older): the one that goes first.
func (t *Tx) FirstPendingDelivery(ctx context.Context, d *webhook.Delivery) (*webhook.Delivery, error) {
	if err := t.scope(d.TenantID); err != nil {
		return nil, err
	}
	first, err := t.oneDelivery(ctx, `SELECT `+deliveryCols+` FROM webhook_deliveries
		WHERE tenant_id = ? AND endpoint_id = ? AND resource_key = ? AND status = ?
		ORDER BY created_at, id LIMIT 1`, d.TenantID, d.EndpointID, d.ResourceKey, webhook.Pending)
	if errs.Is(err, errs.NotFound) {
		return d, nil
	}
	return first, err
}

// RecordDelivery writes d's status, attempts and last attempt's outcome.
func (t *Tx) RecordDelivery(ctx context.Context, d *webhook.Delivery) error {
	if err := t.scope(d.TenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt = ?, last_attempt = ?,
		response_code = ?, duration_ms = ?, last_error = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
		d.Status, d.Attempts, ts(d.NextAttempt), tsp(d.LastAttempt), d.ResponseCode, d.DurationMS, d.LastError,
		ts(d.UpdatedAt), d.TenantID, d.ID)
	return notFoundIfNone(r, err, "delivery_not_found")
}
