package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/webhook"
)

// A tenant's webhook endpoints live in webhook_endpoints (tenant-owned);
// the platform's in platform_webhook_endpoints, which has no tenant_id:
// every transaction reads it (an audited change fans out to it), only
// system transactions write it. The two share their columns and queries.

const endpointCols = `id, url, description, event_types, enabled, secret_sealed, previous_sealed, previous_until,
	disabled_reason, created_by, created_at, updated_at`

// endpointTable returns the table of an endpoint of tenantID ("" for the
// platform's) and the condition (with its arguments) selecting the
// endpoint id among its rows.
func endpointTable(tenantID, endpointID string) (table, where string, args []any) {
	if tenantID == "" {
		return "platform_webhook_endpoints", "id = ?", []any{endpointID}
	}
	return "webhook_endpoints", "tenant_id = ? AND id = ?", []any{tenantID, endpointID}
}

// endpointScope checks that the transaction may touch the endpoints of
// tenantID: a tenant transaction its own; platform endpoints ("") are
// written by system transactions only.
func (t *Tx) endpointScope(tenantID, op string) error {
	if tenantID == "" {
		return t.systemOnly(op)
	}
	return t.scope(tenantID)
}

func scanEndpoints(rows *sql.Rows, tenantID string) ([]webhook.Endpoint, error) {
	defer rows.Close()
	out := []webhook.Endpoint{}
	for rows.Next() {
		e := webhook.Endpoint{TenantID: tenantID}
		if err := rows.Scan(&e.ID, &e.URL, &e.Description, jsonCol{&e.EventTypes}, &e.Enabled, &e.SecretSealed,
			&e.PreviousSealed, nullTimeCol{&e.PreviousUntil}, &e.DisabledReason, &e.CreatedBy,
			timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan webhook endpoint: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateWebhookEndpoint stores a new endpoint (a platform one when
// e.TenantID is "").
func (t *Tx) CreateWebhookEndpoint(ctx context.Context, e *webhook.Endpoint) error {
	if err := t.endpointScope(e.TenantID, "CreateWebhookEndpoint"); err != nil {
		return err
	}
	types, err := jsonArg(e.EventTypes)
	if err != nil {
		return err
	}
	cols, marks, args := endpointCols, `?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`, []any{e.ID, e.URL, e.Description, types, e.Enabled,
		e.SecretSealed, e.PreviousSealed, tsp(e.PreviousUntil), e.DisabledReason, e.CreatedBy, ts(e.CreatedAt), ts(e.UpdatedAt)}
	table := "platform_webhook_endpoints"
	if e.TenantID != "" {
		table, cols, marks, args = "webhook_endpoints", "tenant_id, "+cols, "?, "+marks, append([]any{e.TenantID}, args...)
	}
	_, err = t.exec(ctx, `INSERT INTO `+table+` (`+cols+`) VALUES (`+marks+`)`, args...)
	return err
}

// GetWebhookEndpoint returns one endpoint of tenantID ("" for the
// platform's); NotFound code webhook_not_found.
func (t *Tx) GetWebhookEndpoint(ctx context.Context, tenantID, endpointID string) (*webhook.Endpoint, error) {
	if tenantID != "" {
		if err := t.scope(tenantID); err != nil {
			return nil, err
		}
	}
	table, where, args := endpointTable(tenantID, endpointID)
	rows, err := t.query(ctx, `SELECT `+endpointCols+` FROM `+table+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	got, err := scanEndpoints(rows, tenantID)
	if err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, errs.E(errs.NotFound, "webhook_not_found", "Not found.")
	}
	return &got[0], nil
}

// ListWebhookEndpoints returns the endpoints of tenantID ("" for the
// platform's), oldest first.
func (t *Tx) ListWebhookEndpoints(ctx context.Context, tenantID string) ([]webhook.Endpoint, error) {
	q, args := `SELECT `+endpointCols+` FROM platform_webhook_endpoints ORDER BY created_at, id`, []any{}
	if tenantID != "" {
		if err := t.scope(tenantID); err != nil {
			return nil, err
		}
		q, args = `SELECT `+endpointCols+` FROM webhook_endpoints WHERE tenant_id = ? ORDER BY created_at, id`, []any{tenantID}
	}
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanEndpoints(rows, tenantID)
}

// UpdateWebhookEndpoint writes e's url, description, event types, enabled
// flag, secrets and disabled reason.
func (t *Tx) UpdateWebhookEndpoint(ctx context.Context, e *webhook.Endpoint) error {
	if err := t.endpointScope(e.TenantID, "UpdateWebhookEndpoint"); err != nil {
		return err
	}
	types, err := jsonArg(e.EventTypes)
	if err != nil {
		return err
	}
	table, where, args := endpointTable(e.TenantID, e.ID)
	r, err := t.exec(ctx, `UPDATE `+table+` SET url = ?, description = ?, event_types = ?, enabled = ?, secret_sealed = ?,
		previous_sealed = ?, previous_until = ?, disabled_reason = ?, updated_at = ? WHERE `+where,
		append([]any{e.URL, e.Description, types, e.Enabled, e.SecretSealed, e.PreviousSealed, tsp(e.PreviousUntil),
			e.DisabledReason, ts(e.UpdatedAt)}, args...)...)
	return notFoundIfNone(r, err, "webhook_not_found")
}

// DeleteWebhookEndpoint deletes an endpoint and its deliveries (of every
// tenant, for a platform endpoint: system transactions only).
func (t *Tx) DeleteWebhookEndpoint(ctx context.Context, tenantID, endpointID string) error {
	if err := t.endpointScope(tenantID, "DeleteWebhookEndpoint"); err != nil {
		return err
	}
	q, dargs := `DELETE FROM webhook_deliveries WHERE endpoint_id = ?`, []any{endpointID}
	if tenantID != "" {
		q, dargs = q+` AND tenant_id = ?`, append(dargs, tenantID)
	}
	if _, err := t.exec(ctx, q, dargs...); err != nil {
		return err
	}
	table, where, args := endpointTable(tenantID, endpointID)
	r, err := t.exec(ctx, `DELETE FROM `+table+` WHERE `+where, args...)
	return notFoundIfNone(r, err, "webhook_not_found")
}

// receivingEndpoints returns the enabled endpoints an event of tenantID
// of type typ goes to: the tenant's, then the platform's.
func (t *Tx) receivingEndpoints(ctx context.Context, tenantID, typ string) ([]webhook.Endpoint, error) {
	var out []webhook.Endpoint
	for _, owner := range []string{tenantID, ""} {
		q, args := `SELECT `+endpointCols+` FROM platform_webhook_endpoints WHERE enabled = ? ORDER BY created_at, id`, []any{true}
		if owner != "" {
			q, args = `SELECT `+endpointCols+` FROM webhook_endpoints WHERE tenant_id = ? AND enabled = ? ORDER BY created_at, id`,
				[]any{owner, true}
		}
		rows, err := t.query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		got, err := scanEndpoints(rows, owner)
		if err != nil {
			return nil, err
		}
		for _, e := range got {
			if e.Receives(typ) {
				out = append(out, e)
			}
		}
	}
	return out, nil
}
