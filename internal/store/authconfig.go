package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// providerRow is how a third-party provider is kept in the providers column.
type providerRow struct {
	ID                 string `json:"id"`
	Name               string `json:"name"`
	ClientID           string `json:"client_id"`
	ClientSecretSealed string `json:"client_secret_sealed,omitempty"`
}

// GetAuthConfig returns the authentication configuration tenantID set
// itself; NotFound when it set none.
func (t *Tx) GetAuthConfig(ctx context.Context, tenantID string) (*auth.TenantConfig, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	c := auth.TenantConfig{TenantID: tenantID}
	var ep, pl, tp sql.NullBool
	var access, refresh sql.NullInt64
	var providers *[]providerRow
	err := t.get(ctx, "auth_config_not_found", `SELECT email_password_enabled, passwordless_enabled, third_party_enabled,
		providers, first_factors, required_secondary_factors, access_token_validity, refresh_token_validity,
		created_at, updated_at FROM auth_configs WHERE tenant_id = ?`, []any{tenantID},
		&ep, &pl, &tp, jsonCol{&providers}, jsonCol{&c.FirstFactors}, jsonCol{&c.RequiredSecondaryFactors},
		&access, &refresh, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
	if err != nil {
		return nil, err
	}
	c.EmailPasswordEnabled, c.PasswordlessEnabled, c.ThirdPartyEnabled = boolPtr(ep), boolPtr(pl), boolPtr(tp)
	c.AccessTokenValidity, c.RefreshTokenValidity = secondsPtr(access), secondsPtr(refresh)
	if providers != nil {
		list := make([]auth.Provider, 0, len(*providers))
		for _, p := range *providers {
			list = append(list, auth.Provider(p))
		}
		c.Providers = &list
	}
	return &c, nil
}

// PutAuthConfig stores c as tenantID's whole configuration, creating it or
// replacing the stored one, and reports whether it created it.
func (t *Tx) PutAuthConfig(ctx context.Context, c *auth.TenantConfig) (created bool, err error) {
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
	first, err := nullJSON(c.FirstFactors)
	if err != nil {
		return false, err
	}
	second, err := nullJSON(c.RequiredSecondaryFactors)
	if err != nil {
		return false, err
	}
	vals := []any{nullBool(c.EmailPasswordEnabled), nullBool(c.PasswordlessEnabled), nullBool(c.ThirdPartyEnabled),
		providers, first, second, nullSeconds(c.AccessTokenValidity), nullSeconds(c.RefreshTokenValidity)}
	r, err := t.exec(ctx, `INSERT INTO auth_configs (tenant_id, email_password_enabled, passwordless_enabled,
		third_party_enabled, providers, first_factors, required_secondary_factors, access_token_validity,
		refresh_token_validity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO NOTHING`,
		append(append([]any{c.TenantID}, vals...), ts(c.CreatedAt), ts(c.UpdatedAt))...)
	if err != nil || affected(r) == 1 {
		return err == nil, err
	}
	_, err = t.exec(ctx, `UPDATE auth_configs SET email_password_enabled = ?, passwordless_enabled = ?,
		third_party_enabled = ?, providers = ?, first_factors = ?, required_secondary_factors = ?,
		access_token_validity = ?, refresh_token_validity = ?, updated_at = ? WHERE tenant_id = ?`,
		append(vals, ts(c.UpdatedAt), c.TenantID)...)
	return false, err
}

func boolPtr(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	return &b.Bool
}

func secondsPtr(n sql.NullInt64) *time.Duration {
	if !n.Valid {
		return nil
	}
	d := time.Duration(n.Int64) * time.Second
	return &d
}

func nullBool(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func nullSeconds(d *time.Duration) any {
	if d == nil {
		return nil
	}
	return int64(*d / time.Second)
}

// nullJSON encodes *v as JSON, or gives SQL NULL when v is nil.
func nullJSON[T any](v *T) (any, error) {
	if v == nil {
		return nil, nil
	}
	return jsonArg(*v)
}
