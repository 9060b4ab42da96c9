package tenant

import "time"

// File purposes. A tenant has at most one file of purpose Logo.
const (
	LogoFile = "logo"
)

// File is something a tenant stored with Tenantry (today only its logo).
// Every stored file counts against the tenant's storage_bytes meter.
type File struct {
	TenantID    string
	ID          string // "fil_…"
	Purpose     string // LogoFile
	ContentType string // always one the server wrote itself, e.g. image/png
	Size        int64  // len(Content), in bytes
	Content     []byte
	SHA256      string // hex digest of Content
	CreatedAt   time.Time
}
