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

// StatusChangeEntry is one change of a tenant's status. Actor is null when
// the platform made it (billing); ImpersonatedBy names the platform admin
// behind an impersonation token.
type StatusChangeEntry struct {
	From           string      `json:"from"`
	To             string      `json:"to"`
	Reason         string      `json:"reason"`
	Action         string      `json:"action"`
	Actor          *AdminActor `json:"actor"`
	ImpersonatedBy string      `json:"impersonated_by,omitempty"`
	At             time.Time   `json:"at"`
}

// AdminActor is who made a change.
type AdminActor struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// StatusHistory is a tenant's status changes, oldest first.
type StatusHistory struct {
	TenantID string              `json:"tenant_id"`
	Items    []StatusChangeEntry `json:"items"`
}
