// Package plan describes subscription plans and a tenant's subscription.
package plan

import "time"

// Plan codes. Every new tenant starts on Free.
const (
	Free       = "free"
	Basic      = "basic"
	Pro        = "pro"
	Enterprise = "enterprise"
)

// Status is a subscription's state.
type Status string

// Subscription states.
const (
	Active    Status = "active"
	Trialing  Status = "trialing"
	Suspended Status = "suspended"
	Cancelled Status = "cancelled"
)

// Subscription is a tenant's current plan and billing period.
type Subscription struct {
	TenantID           string
	ID                 string
	Plan               string
	Status             Status
	TrialEndsAt        *time.Time
	CurrentPeriodStart time.Time
	CurrentPeriodEnd   time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// NewFree returns a fresh active Free subscription starting at now.
func NewFree(tenantID, id string, now time.Time) Subscription {
	return Subscription{
		TenantID: tenantID, ID: id, Plan: Free, Status: Active,
		CurrentPeriodStart: now, CurrentPeriodEnd: now.AddDate(0, 1, 0),
		CreatedAt: now, UpdatedAt: now,
	}
}
