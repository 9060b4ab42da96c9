package store

import (
	"context"
	"errors"
	"time"

	"github.com/tenantry/tenantry/internal/storage"
)

// A tenant's own storage configuration (storage_configs): where its audit
// batches are shipped, its secrets sealed, and the shipping state.

const storageCols = `tenant_id, provider, bucket, region, endpoint, container_name, secret_sealed,
	last_shipped_at, last_error, shipped_through_batch, created_at, updated_at`

func storageDest(r *storage.Record) []any {
	return []any{&r.TenantID, &r.Provider, &r.Bucket, &r.Region, &r.Endpoint, &r.Container, &r.SecretSealed,
		nullTimeCol{&r.LastShippedAt}, &r.LastError, &r.ShippedThrough, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}}
}

// GetStorageConfig returns tenantID's storage configuration; NotFound
// (code storage_config_not_found) when it has none.
func (t *Tx) GetStorageConfig(ctx context.Context, tenantID string) (*storage.Record, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var r storage.Record
	if err := t.get(ctx, "storage_config_not_found", `SELECT `+storageCols+` FROM storage_configs WHERE tenant_id = ?`,
		[]any{tenantID}, storageDest(&r)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// PutStorageConfig stores r as its tenant's storage configuration,
// creating it or replacing every field of the stored one but created_at.
func (t *Tx) PutStorageConfig(ctx context.Context, r *storage.Record) error {
	if err := t.scope(r.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO storage_configs (`+storageCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET provider = excluded.provider, bucket = excluded.bucket, region = excluded.region,
		endpoint = excluded.endpoint, container_name = excluded.container_name, secret_sealed = excluded.secret_sealed,
		last_shipped_at = excluded.last_shipped_at, last_error = excluded.last_error,
		shipped_through_batch = excluded.shipped_through_batch, updated_at = excluded.updated_at`,
		r.TenantID, string(r.Provider), r.Bucket, r.Region, r.Endpoint, r.Container, r.SecretSealed,
		tsp(r.LastShippedAt), r.LastError, r.ShippedThrough, ts(r.CreatedAt), ts(r.UpdatedAt))
	return err
}

// DeleteStorageConfig removes tenantID's storage configuration; NotFound
// (storage_config_not_found) when it has none.
func (t *Tx) DeleteStorageConfig(ctx context.Context, tenantID string) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `DELETE FROM storage_configs WHERE tenant_id = ?`, tenantID)
	return notFoundIfNone(r, err, "storage_config_not_found")
}

// RecordStorageShipped notes that tenantID's audit batches up to through
// are in its storage, at at: the shipping state moves forward only (an
// older batch number leaves it), and the last error clears. NotFound
// (storage_config_not_found) when it has no storage.
func (t *Tx) RecordStorageShipped(ctx context.Context, tenantID string, through int64, at time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE storage_configs SET last_shipped_at = ?, last_error = '',
		shipped_through_batch = CASE WHEN shipped_through_batch < ? THEN ? ELSE shipped_through_batch END
		WHERE tenant_id = ?`, ts(at), through, through, tenantID)
	return notFoundIfNone(r, err, "storage_config_not_found")
}

// RecordStorageError notes the last shipping failure of tenantID (its
// text, secrets already removed); NotFound (storage_config_not_found) when
// it has no storage.
func (t *Tx) RecordStorageError(ctx context.Context, tenantID, msg string) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE storage_configs SET last_error = ? WHERE tenant_id = ?`, msg, tenantID)
	return notFoundIfNone(r, err, "storage_config_not_found")
}

// StorageTenants lists the tenants that have storage configured, in id
// order, for the shipping job. It runs in a system transaction only.
func (t *Tx) StorageTenants(ctx context.Context) ([]string, error) {
	if !t.system {
		return nil, errors.New("store: StorageTenants outside a system transaction")
	}
	rows, err := t.query(ctx, `SELECT tenant_id FROM storage_configs ORDER BY tenant_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, t.failed(err)
		}
		out = append(out, id)
	}
	return out, t.failed(rows.Err())
}
