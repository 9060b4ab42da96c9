package api

import (
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/plan"
)

// CatalogPlan is a plan a tenant may choose (trueport's shape, plus code,
// currency, trial days and limits). Prices are integer minor units of the
// currency; limits map each capped meter to its cap, and a meter that is
// absent is unlimited.
type CatalogPlan struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Price        int64            `json:"price"`
	BillingCycle string           `json:"billing_cycle"`
	Features     []string         `json:"features"`
	Code         string           `json:"code"`
	Description  string           `json:"description"`
	Currency     string           `json:"currency"`
	TrialDays    int              `json:"trial_days"`
	Limits       map[string]int64 `json:"limits"`
}

// AdminPlan is a plan of the catalog as platform admins manage it.
type AdminPlan struct {
	ID            string           `json:"id"`
	Code          string           `json:"code"`
	Name          string           `json:"name"`
	Description   string           `json:"description"`
	Price         int64            `json:"price"`
	Currency      string           `json:"currency"`
	BillingCycle  string           `json:"billing_cycle"`
	TrialDays     int              `json:"trial_days"`
	Features      []string         `json:"features"`
	Limits        map[string]int64 `json:"limits"`
	StripePriceID string           `json:"stripe_price_id"`
	SortOrder     int              `json:"sort_order"`
	Archived      bool             `json:"archived"`
	ArchivedAt    *time.Time       `json:"archived_at"`
	Subscribers   int              `json:"subscribers"`
	CreatedAt     time.Time        `json:"created_at"`
	UpdatedAt     time.Time        `json:"updated_at"`
}

// PlanRequest creates a plan (code and name required) or changes the
// fields it names (PUT is partial; code never changes). limits, when sent,
// replace the plan's limits: a meter absent or null is unlimited; changing
// the limits of a plan with subscribers needs confirm_subscribers: true.
// archived: true archives the plan (it leaves the catalog, its subscribers
// keep it), false restores it.
type PlanRequest struct {
	Code               *string           `json:"code,omitempty"`
	Name               *string           `json:"name,omitempty"`
	Description        *string           `json:"description,omitempty"`
	Price              *int64            `json:"price,omitempty"`
	Currency           *string           `json:"currency,omitempty"`
	BillingCycle       *string           `json:"billing_cycle,omitempty"`
	TrialDays          *int              `json:"trial_days,omitempty"`
	Features           *[]string         `json:"features,omitempty"`
	Limits             map[string]*int64 `json:"limits,omitempty"`
	StripePriceID      *string           `json:"stripe_price_id,omitempty"`
	SortOrder          *int              `json:"sort_order,omitempty"`
	Archived           *bool             `json:"archived,omitempty"`
	ConfirmSubscribers bool              `json:"confirm_subscribers,omitempty"`
}

func (r *PlanRequest) input() app.PlanInput {
	return app.PlanInput{Code: r.Code, Name: r.Name, Description: r.Description, Price: r.Price, Currency: r.Currency,
		BillingCycle: r.BillingCycle, TrialDays: r.TrialDays, Features: r.Features, Limits: r.Limits,
		SetLimits: r.Limits != nil, StripePriceID: r.StripePriceID, SortOrder: r.SortOrder, Archived: r.Archived,
		ConfirmSubscribers: r.ConfirmSubscribers}
}

func catalogPlanOf(p *plan.Plan) CatalogPlan {
	limits := map[string]int64{}
	for m, n := range p.Limits {
		limits[string(m)] = n
	}
	features := p.Features
	if features == nil {
		features = []string{}
	}
	return CatalogPlan{ID: p.ID, Name: p.Name, Price: p.Price, BillingCycle: p.BillingCycle, Features: features,
		Code: p.Code, Description: p.Description, Currency: p.Currency, TrialDays: p.TrialDays, Limits: limits}
}

func adminPlanOf(x *app.AdminPlan) AdminPlan {
	p := &x.Plan
	c := catalogPlanOf(p)
	return AdminPlan{ID: c.ID, Code: c.Code, Name: c.Name, Description: c.Description, Price: c.Price, Currency: c.Currency,
		BillingCycle: c.BillingCycle, TrialDays: c.TrialDays, Features: c.Features, Limits: c.Limits, StripePriceID: p.StripePriceID, SortOrder: p.SortOrder,
		Archived: p.ArchivedAt != nil, ArchivedAt: p.ArchivedAt, Subscribers: x.Subscribers, CreatedAt: p.CreatedAt,
		UpdatedAt: p.UpdatedAt}
}

// PlanChangeRequest names the plan to move to.
type PlanChangeRequest struct {
	PlanID string `json:"plan_id"`
}

// ScheduledChange is a plan change waiting for the end of the period.
type ScheduledChange struct {
	PlanID      string    `json:"plan_id"`
	Plan        string    `json:"plan"`
	PlanName    string    `json:"plan_name"`
	EffectiveAt time.Time `json:"effective_at"`
}

// CurrentSubscription is a tenant's subscription: its plan, status, period
// and the change scheduled for the period's end, if any.
type CurrentSubscription struct {
	ID                 string           `json:"id"`
	TenantID           string           `json:"tenant_id"`
	Plan               string           `json:"plan"`
	PlanID             string           `json:"plan_id"`
	PlanName           string           `json:"plan_name"`
	Status             string           `json:"status"`
	TrialEndsAt        *time.Time       `json:"trial_ends_at"`
	CurrentPeriodStart time.Time        `json:"current_period_start"`
	CurrentPeriodEnd   time.Time        `json:"current_period_end"`
	PastDueSince       *time.Time       `json:"past_due_since"`
	ScheduledChange    *ScheduledChange `json:"scheduled_change"`
	Provider           string           `json:"provider"`
	// The provider's own ids: its customer (kept when its subscription
	// ends) and its subscription; "" with none.
	ProviderCustomerID     string    `json:"provider_customer_id"`
	ProviderSubscriptionID string    `json:"provider_subscription_id"`
	CreatedAt              time.Time `json:"created_at"`
	UpdatedAt              time.Time `json:"updated_at"`
}

func currentSubscriptionOf(v *app.SubscriptionView) CurrentSubscription {
	s := v.Subscription
	out := CurrentSubscription{ID: s.ID, TenantID: s.TenantID, Plan: s.Plan, PlanID: v.Plan.ID, PlanName: v.Plan.Name,
		Status: string(s.Status), TrialEndsAt: s.TrialEndsAt, CurrentPeriodStart: s.CurrentPeriodStart,
		CurrentPeriodEnd: s.CurrentPeriodEnd, PastDueSince: s.PastDueSince, Provider: s.Provider,
		ProviderCustomerID: s.ProviderCustomerID, ProviderSubscriptionID: s.ProviderSubscriptionID,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	if v.Scheduled != nil && s.ScheduledAt != nil {
		out.ScheduledChange = &ScheduledChange{PlanID: v.Scheduled.ID, Plan: v.Scheduled.Code, PlanName: v.Scheduled.Name,
			EffectiveAt: *s.ScheduledAt}
	}
	return out
}

// ActivatedSubscription is trueport's answer to activating or changing a
// plan: the status in upper case (ACTIVE, TRIALING …), the period as
// start_date and end_date.
type ActivatedSubscription struct {
	ID        string    `json:"id"`
	PlanID    string    `json:"plan_id"`
	PlanName  string    `json:"plan_name"`
	Status    string    `json:"status"`
	StartDate time.Time `json:"start_date"`
	EndDate   time.Time `json:"end_date"`
}

func activatedOf(v *app.SubscriptionView) ActivatedSubscription {
	s := v.Subscription
	return ActivatedSubscription{ID: s.ID, PlanID: v.Plan.ID, PlanName: v.Plan.Name, Status: strings.ToUpper(string(s.Status)),
		StartDate: s.CurrentPeriodStart, EndDate: s.CurrentPeriodEnd}
}

// Payment is an invoice of a tenant's subscription and what became of it.
type Payment struct {
	ID             string    `json:"id"`
	SubscriptionID string    `json:"subscription_id"`
	PlanID         string    `json:"plan_id"`
	Amount         int64     `json:"amount"`
	Currency       string    `json:"currency"`
	Status         string    `json:"status"`
	PeriodStart    time.Time `json:"period_start"`
	PeriodEnd      time.Time `json:"period_end"`
	Provider       string    `json:"provider"`
	ProviderRef    string    `json:"provider_ref"`
	FailureReason  string    `json:"failure_reason,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

func paymentOf(p *plan.Payment) Payment {
	return Payment{ID: p.ID, SubscriptionID: p.SubscriptionID, PlanID: p.PlanID, Amount: p.Amount, Currency: p.Currency,
		Status: string(p.Status), PeriodStart: p.PeriodStart, PeriodEnd: p.PeriodEnd, Provider: p.Provider,
		ProviderRef: p.ProviderRef, FailureReason: p.FailureReason, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}
