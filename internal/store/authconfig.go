package store

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
)

// providerRow is how a third-party provider is kept in the providers column.
type providerRow struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	ClientID           string `json:"client_id"`
	ClientSecretSealed string `json:"client_secret_sealed,omitempty"`
}

// GetAuthConfig returns the third-party providers tenantID set itself
// (the rest of its authentication configuration is auth.* settings);
// NotFound when it set none.
func (t *Tx) GetAuthConfig(ctx context.Context, tenantID string) (*auth.TenantConfig, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	c := auth.TenantConfig{TenantID: tenantID}
	var providers *[]providerRow
	err := t.get(ctx, "auth_config_not_found", `SELECT providers, created_at, updated_at FROM auth_configs
		WHERE tenant_id = ?`, []any{tenantID}, jsonCol{&providers}, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	if err != nil {
		return nil, err
	}
	if providers != nil {
		list := make([]auth.Provider, 0, len(*providers))
		for _, p := range *providers {
			list = append(list, auth.Provider(p))
		}
		c.Providers = &list
	}
	return &c, nil
}

// PutAuthConfig stores c's providers as tenantID's, creating its row or
// replacing the stored one, and reports whether it created it.
func (t *Tx) PutAuthConfig(ctx context.Context, c *auth.TenantConfig) (created bool, err error) {
	t.Touch(ConfigTopic)
	if err := t.scope(c.TenantID); err != nil {
		return false, err
	}
	var providers any
	if c.Providers != nil {
		rows := make([]providerRow, 0, len(*c.Providers))
		for _, p := range *c.Providers {
			rows = append(rows, providerRow(p))
		}
		if providers, err = jsonArg(rows); err != nil {
			return false, err
		}
	}
	r, err := t.exec(ctx, `INSERT INTO auth_configs (tenant_id, providers, created_at, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO NOTHING`, c.TenantID, providers, ts(c.CreatedAt), ts(c.UpdatedAt))
	if err != nil || affected(r) == 1 {
		return err == nil, err
	}
	_, err = t.exec(ctx, `UPDATE auth_configs SET providers = ?, updated_at = ? WHERE tenant_id = ?`,
		providers, ts(c.UpdatedAt), c.TenantID)
	return false, err
}
