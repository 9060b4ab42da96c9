package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/app"
)

// CreatePlatformKeyRequest names a new platform key.
type CreatePlatformKeyRequest struct {
	Name string `json:"name"`
}

// PlatformKey is a listed platform key: never its secret, only its prefix.
type PlatformKey struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Status     string     `json:"status"` // active or revoked
	CreatedAt  time.Time  `json:"created_at"`
	CreatedBy  string     `json:"created_by"`
	LastUsedAt *time.Time `json:"last_used_at"` // written at most once a minute
	RevokedAt  *time.Time `json:"revoked_at"`
}

// IssuedPlatformKey is a new platform key with its secret (key): the only
// time it is shown. Send it as pers's x-api-key or the supertokens api-key header.
type IssuedPlatformKey struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Prefix    string    `json:"prefix"`
	Key       string    `json:"key"`
	CreatedAt time.Time `json:"created_at"`
}

func platformKeyOf(k apikey.PlatformKey) PlatformKey {
	status := "active"
	if !k.Active() {
		status = "revoked"
	}
	return PlatformKey{ID: k.ID, Name: k.Name, Prefix: k.Prefix, Status: status, CreatedAt: k.CreatedAt,
		CreatedBy: k.CreatedBy, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

func issuedPlatformKeyOf(v *app.IssuedPlatformKey) IssuedPlatformKey {
	return IssuedPlatformKey{ID: v.Key.ID, Name: v.Key.Name, Prefix: v.Key.Prefix, Key: v.Secret, CreatedAt: v.Key.CreatedAt}
}
