package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/app"
)

// CreateAPIKeyRequest creates an API key for the tenant of the caller's
// scoped token. Scopes default to ["tenant:read"]; the known scopes are
// tenant:read, outlets:read, outlets:write, config:read, customers:read,
// customers:write, services:read, services:write, staff:read, staff:write and
// stats:read.
type CreateAPIKeyRequest struct {
	Name        string   `json:"name"`
	Environment string   `json:"environment"`
	Scopes      []string `json:"scopes,omitempty"`
}

// APIKey is a listed API key: never its secret, only the secret's first
// characters (prefix) to recognise it by.
type APIKey struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Environment string     `json:"environment"`
	Scopes      []string   `json:"scopes"`
	Prefix      string     `json:"prefix"`
	Status      string     `json:"status"` // active or revoked
	CreatedAt   time.Time  `json:"created_at"`
	CreatedBy   string     `json:"created_by"`
	RotatedAt   *time.Time `json:"rotated_at"`
	LastUsedAt  *time.Time `json:"last_used_at"` // written at most once a minute
	RevokedAt   *time.Time `json:"revoked_at"`
}

// IssuedAPIKey is a key as created or rotated, with its secret (key): the
// only time the secret is shown. Send it as the X-API-Key header.
type IssuedAPIKey struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Environment string     `json:"environment"`
	Scopes      []string   `json:"scopes"`
	Prefix      string     `json:"prefix"`
	Key         string     `json:"key"`
	CreatedAt   time.Time  `json:"created_at"`
	RotatedAt   *time.Time `json:"rotated_at"`
}

func apiKeyOf(k apikey.Key) APIKey {
	status := "active"
	if !k.Active() {
		status = "revoked"
	}
	return APIKey{ID: k.ID, Name: k.Name, Environment: k.Environment, Scopes: nonNilStrings(k.Scopes), Prefix: k.Prefix,
		Status: status, CreatedAt: k.CreatedAt, CreatedBy: k.CreatedBy, RotatedAt: k.RotatedAt, LastUsedAt: k.LastUsedAt,
		RevokedAt: k.RevokedAt}
}

func issuedOf(v *app.IssuedAPIKey) IssuedAPIKey {
	k := v.Key
	return IssuedAPIKey{ID: k.ID, Name: k.Name, Environment: k.Environment, Scopes: nonNilStrings(k.Scopes), Prefix: k.Prefix,
		Key: v.Secret, CreatedAt: k.CreatedAt, RotatedAt: k.RotatedAt}
}
