// Package tenant describes a tenant (a business or organization), its
// lifecycle, its immutable slug and its settings.
package tenant

import "time"

// PublicID is the id of the public tenant created at first start. It holds
// platform-level configuration and can never be deleted.
const PublicID = "public"

// Status is a tenant's lifecycle state.
type Status string

// The lifecycle states. Only an active tenant serves its members.
const (
	Active    Status = "active"
	Inactive  Status = "inactive" // soft-deactivated; reversible by a platform admin
	Suspended Status = "suspended"
	Archived  Status = "archived"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case Active, Inactive, Suspended, Archived:
		return true
	}
	return false
}

// Tenant is a business brand or organization.
type Tenant struct {
	ID                  string
	Slug                string
	Name                string
	Email               string
	Phone               string
	Description         string
	Website             string
	BillingEmail        string
	LogoURL             string
	Status              Status
	StatusReason        string
	Settings            Settings
	RegistrationID      string
	ClientPartnerID     *string
	ClientPartnerNumber *string
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// IsActive reports whether the tenant serves its members.
func (t *Tenant) IsActive() bool { return t.Status == Active }
