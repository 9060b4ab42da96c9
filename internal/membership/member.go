package membership

import "github.com/tenantry/tenantry/internal/identity"

// Member is a membership of a tenant with the user who holds it, as the
// store reads it for listings (the user's password hash is not read).
type Member struct {
	Membership
	User identity.User
}
