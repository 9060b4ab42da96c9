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
	PastDue   Status = "past_due" // a payment failed; suspended when the grace period ends unpaid
	Suspended Status = "suspended"
	Cancelled Status = "cancelled"
)

// Subscription is a tenant's current plan and billing period. A tenant has
// one subscription for its life: plan changes, renewals and payment
// outcomes update it, and its payments keep the history.
type Subscription struct {
	TenantID           string
	ID                 string
	Plan               string // the plan's code
	Status             Status
	TrialEndsAt        *time.Time
	CurrentPeriodStart time.Time
	CurrentPeriodEnd   time.Time
	// ScheduledPlan is the code of the plan a downgrade moves to at
	// ScheduledAt (the end of the current period); "" when none.
	ScheduledPlan string
	ScheduledAt   *time.Time
	// PastDueSince is when a payment failed; nil unless PastDue (or
	// Suspended after the grace period).
	PastDueSince *time.Time
	// Provider bills the subscription: ProviderNone, or a payment provider
	// with its own ids of the customer and the subscription.
	Provider               string
	ProviderCustomerID     string
	ProviderSubscriptionID string
	// Trialed lists the codes of the plans whose trial the tenant has had:
	// a plan's trial is given once.
	Trialed   []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewFree returns a fresh active Free subscription starting at now.
func NewFree(tenantID, id string, now time.Time) Subscription {
	return Subscription{
		TenantID: tenantID, ID: id, Plan: Free, Status: Active,
		CurrentPeriodStart: now, CurrentPeriodEnd: now.AddDate(0, 1, 0), Provider: ProviderNone,
		CreatedAt: now, UpdatedAt: now,
	}
}
