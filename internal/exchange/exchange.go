// Package exchange is the record format of a tenant's export and import:
// versioned NDJSON, a header line, one typed record per line, and a
// trailer with the number of records of each type, so that a truncated
// file is detected. The record structs are this package's, with JSON tags;
// the domain types carry none. Nothing here touches SQL or HTTP.
package exchange

import (
	"time"
)

// Format and Version name the file format; a reader refuses another.
const (
	Format  = "tenantry-export"
	Version = 1
)

// Header is the first line of an export.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportID   string    `json:"export_id"`
	TenantID   string    `json:"tenant_id"`
	Slug       string    `json:"slug"`
	ExportedAt time.Time `json:"exported_at"`
	// Reenter lists what an export never holds and an import cannot
	// restore: the credentials to enter again after an import.
	Reenter []string `json:"reenter"`
	// Never lists what is never exported.
	Never []string `json:"never_exported"`
}

// Trailer is the last line of an export: the records of each type it
// holds. A file without one, or whose counts differ, is incomplete.
type Trailer struct {
	Type    string           `json:"type"` // always "trailer"
	Records int64            `json:"records"`
	Counts  map[string]int64 `json:"counts"`
}

// Reenter is what must be entered again after an import (Header.Reenter).
var reenter = []string{
	"user passwords: imported users have none and must reset their password (or be invited again)",
	"gateway credentials: the tenant's Paper.id and Stripe configuration (PUT /api/v1/tenants/{tenant_id}/paper-id-config, .../stripe-config)",
	"storage configuration: the tenant's own S3 or Azure storage and its keys",
	"API key secrets: imported keys keep their metadata but no secret; rotate each key to use it again",
	"third-party sign-in providers' client secrets (auth configuration)",
	"invites: pending invites carry no token; send them again",
	"multi-factor enrolments (TOTP, recovery codes) and sessions",
}

// never is what an export never holds (Header.Never).
var never = []string{
	"password hashes", "token and key hashes (sessions, API keys, invites, password resets, one-time codes)",
	"sealed columns (gateway credentials, storage configuration, provider client secrets)",
	"multi-factor secrets and recovery codes", "platform admin rights of users", "files (the stored logo)",
	"audit chain positions and seals (imported events are chained anew)", "jobs, mail and usage meters",
}

// NewHeader returns the header of an export of the tenant.
func NewHeader(exportID, tenantID, slug string, at time.Time) Header {
	return Header{Format: Format, Version: Version, ExportID: exportID, TenantID: tenantID, Slug: slug,
		ExportedAt: at.UTC(), Reenter: append([]string(nil), reenter...), Never: append([]string(nil), never...)}
}
