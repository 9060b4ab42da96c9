package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/credential"
)

const credentialCols = `tenant_id, id, provider, public, secret_sealed, enabled, created_at, updated_at`

func credentialDest(c *credential.Credential) []any {
	return []any{&c.TenantID, &c.ID, &c.Provider, jsonCol{&c.Public}, &c.SecretSealed, &c.Enabled,
		timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}}
}

// GetCredential returns tenantID's credential for provider p; NotFound
// (code credential_not_found) when the tenant never configured it.
func (t *Tx) GetCredential(ctx context.Context, tenantID string, p credential.Provider) (*credential.Credential, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var c credential.Credential
	err := t.get(ctx, "credential_not_found", `SELECT `+credentialCols+` FROM gateway_credentials
		WHERE tenant_id = ? AND provider = ?`, []any{tenantID, string(p)}, credentialDest(&c)...)
	if err != nil {
		return nil, err
	}
	if c.Public == nil {
		c.Public = credential.Fields{}
	}
	return &c, nil
}

// PutCredential stores c as its tenant's credential for its provider,
// creating it or replacing the stored one's fields, secret and state (the
// stored id and created_at stay).
func (t *Tx) PutCredential(ctx context.Context, c *credential.Credential) error {
	if err := t.scope(c.TenantID); err != nil {
		return err
	}
	public, err := jsonArg(c.Public)
	if err != nil {
		return err
	}
	t.Touch(TenantsTopic)
	_, err = t.exec(ctx, `INSERT INTO gateway_credentials (`+credentialCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id, provider) DO UPDATE SET public = excluded.public, secret_sealed = excluded.secret_sealed,
		enabled = excluded.enabled, updated_at = excluded.updated_at`,
		c.TenantID, c.ID, string(c.Provider), public, c.SecretSealed, c.Enabled, ts(c.CreatedAt), ts(c.UpdatedAt))
	return err
}

// SetCredentialEnabled switches tenantID's credential for p on or off,
// keeping its fields and secret; NotFound (credential_not_found) when there
// is none.
func (t *Tx) SetCredentialEnabled(ctx context.Context, tenantID string, p credential.Provider, enabled bool, now time.Time) error {
	if err := t.scope(tenantID); err != nil {
		return err
	}
	t.Touch(TenantsTopic)
	r, err := t.exec(ctx, `UPDATE gateway_credentials SET enabled = ?, updated_at = ? WHERE tenant_id = ? AND provider = ?`,
		enabled, ts(now), tenantID, string(p))
	return notFoundIfNone(r, err, "credential_not_found")
}
