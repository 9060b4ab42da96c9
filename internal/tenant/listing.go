package tenant

import (
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
)

// Listing is a tenant with its current subscription and, when listed for a
// member, the member's role.
type Listing struct {
	Tenant       Tenant
	Subscription plan.Subscription
	Role         membership.Role
	Partner      *Partner // the Paper.id partner account's state, in platform admins' listings only
}
