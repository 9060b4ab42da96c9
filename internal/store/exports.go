package store

import (
	"context"
	"time"
)

// TenantExport is one export taken of a tenant's data: started, and
// completed once its last record was written.
type TenantExport struct {
	TenantID    string
	ID          string
	RequestedBy string // the user id, or "" for the command line
	Format      string // ndjson or json
	Records     int64
	Bytes       int64
	StartedAt   time.Time
	CompletedAt *time.Time
}

// StartExport records the start of an export.
func (t *Tx) StartExport(ctx context.Context, e *TenantExport) error {
	if err := t.scope(e.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_exports (tenant_id, id, requested_by, format, started_at)
		VALUES (?, ?, ?, ?, ?)`, e.TenantID, e.ID, e.RequestedBy, e.Format, ts(e.StartedAt))
	return err
}

// CompleteExport records that the export exportID of tenantID wrote its
// last record: records records in bytes bytes, at at.
func (t *Tx) CompleteExport(ctx context.Context, tenantID, exportID string, records, bytes int64, at time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE tenant_exports SET records = ?, bytes = ?, completed_at = ?
		WHERE tenant_id = ? AND id = ? AND completed_at IS NULL`, records, bytes, ts(at), tenantID, exportID)
	return notFoundIfNone(r, err, "export_not_found")
}

// LastCompletedExport returns when the latest completed export of tenantID
// was completed, or nil when none was.
func (t *Tx) LastCompletedExport(ctx context.Context, tenantID string) (*time.Time, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var at *time.Time
	err := t.get(ctx, "", `SELECT MAX(completed_at) FROM tenant_exports WHERE tenant_id = ?`, []any{tenantID}, nullTimeCol{&at})
	return at, err
}
