package store

import (
	"context"

	"github.com/tenantry/tenantry/internal/tenant"
)

// A tenant's stored files (tenant_files): what the storage_bytes meter
// sums. Files are written and deleted whole, never updated.

const fileCols = `tenant_id, id, purpose, content_type, size, content, sha256, created_at`

func fileDest(f *tenant.File) []any {
	return []any{&f.TenantID, &f.ID, &f.Purpose, &f.ContentType, &f.Size, &f.Content, &f.SHA256, timeCol{&f.CreatedAt}}
}

// PutTenantFile stores a file. A second logo of the same tenant is a
// Conflict (a duplicate key): delete the old one first.
func (t *Tx) PutTenantFile(ctx context.Context, f *tenant.File) error {
	if err := t.scope(f.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO tenant_files (`+fileCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		f.TenantID, f.ID, f.Purpose, f.ContentType, f.Size, f.Content, f.SHA256, ts(f.CreatedAt))
	return err
}

// TenantFileByPurpose returns tenantID's newest file of purpose (its logo),
// or NotFound (file_not_found) when it has none.
func (t *Tx) TenantFileByPurpose(ctx context.Context, tenantID, purpose string) (*tenant.File, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var f tenant.File
	err := t.get(ctx, "file_not_found", `SELECT `+fileCols+` FROM tenant_files
		WHERE tenant_id = ? AND purpose = ? ORDER BY created_at DESC, id DESC LIMIT 1`,
		[]any{tenantID, purpose}, fileDest(&f)...)
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// DeleteTenantFile deletes one file of tenantID, or fails with NotFound
// (file_not_found).
func (t *Tx) DeleteTenantFile(ctx context.Context, tenantID, id string) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `DELETE FROM tenant_files WHERE tenant_id = ? AND id = ?`, tenantID, id)
	return notFoundIfNone(r, err, "file_not_found")
}
