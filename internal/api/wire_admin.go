package api

import (
	"time"
)

// AdminTenant is a tenant as the platform admins' list shows it.
type AdminTenant struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	Slug             string    `json:"slug"`
	Status           string    `json:"status"`
	SubscriptionPlan string    `json:"subscription_plan"`
	MemberCount      int       `json:"member_count"`
	CreatedAt        time.Time `json:"created_at"`
}

// AdminTenantList is a page of the platform admins' tenant list. Next, when
// set, is the after cursor of the following page.
type AdminTenantList struct {
	Items []AdminTenant `json:"items"`
	Total int           `json:"total"`
	Next  string        `json:"next,omitempty"`
}
