// Package membership describes a user's membership of a tenant, the roles a
// member can hold, and the single permission table that decides what each
// role may do.
package membership

import "time"

// Role is a member's role within one tenant.
type Role string

// The roles, from most to least powerful.
const (
	Owner         Role = "owner"
	TenantAdmin   Role = "tenant_admin"
	OutletManager Role = "outlet_manager"
	Staff         Role = "staff"
	Receptionist  Role = "receptionist"
	Viewer        Role = "viewer"
)

// Roles lists every role, most powerful first.
func Roles() []Role {
	return []Role{Owner, TenantAdmin, OutletManager, Staff, Receptionist, Viewer}
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case Owner, TenantAdmin, OutletManager, Staff, Receptionist, Viewer:
		return true
	}
	return false
}

// Status is a membership's state.
type Status string

// Membership states.
const (
	Active   Status = "active"
	Inactive Status = "inactive"
)

// Membership joins a user to a tenant with a role.
type Membership struct {
	TenantID  string
	UserID    string
	ID        string
	Role      Role
	OutletIDs []string
	Status    Status
	CreatedAt time.Time
	UpdatedAt time.Time
}
