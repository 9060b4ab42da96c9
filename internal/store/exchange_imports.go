package store

import (
	"context"
	"time"
)

// TenantImport is an import of an export into this installation: the
// export it reads (by the export's id) and whether it finished. A tenant
// created by an unfinished import of the same export may be imported
// into again: the import resumes.
type TenantImport struct {
	TenantID    string
	ExportID    string
	StartedAt   time.Time
	CompletedAt *time.Time
}

// StartImport records the start of an import of tenantID (created in the
// same transaction).
func (t *Tx) StartImport(ctx context.Context, i *TenantImport) error {
	if err := t.scope(i.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_imports (tenant_id, export_id, started_at) VALUES (?, ?, ?)`,
		i.TenantID, i.ExportID, ts(i.StartedAt))
	return err
}

// GetImport returns the import of export exportID into tenantID; NotFound
// (import_not_found) when there was none.
func (t *Tx) GetImport(ctx context.Context, tenantID, exportID string) (*TenantImport, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	i := TenantImport{TenantID: tenantID, ExportID: exportID}
	if err := t.get(ctx, "import_not_found", `SELECT started_at, completed_at FROM tenant_imports
		WHERE tenant_id = ? AND export_id = ?`, []any{tenantID, exportID}, timeCol{&i.StartedAt}, nullTimeCol{&i.CompletedAt}); err != nil {
		return nil, err
	}
	return &i, nil
}

// CompleteImport records that the import of exportID into tenantID wrote
// its last record.
func (t *Tx) CompleteImport(ctx context.Context, tenantID, exportID string, at time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE tenant_imports SET completed_at = ? WHERE tenant_id = ? AND export_id = ? AND completed_at IS NULL`,
		ts(at), tenantID, exportID)
	return notFoundIfNone(r, err, "import_not_found")
}
