package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
)

// TenantStats is a tenant's statistics in the reserva seed's shape (GET
// /api/v1/tenants/{tenant_id}/stats). Every role and every appointment
// status is present, zeros included.
type TenantStats struct {
	Outlets      StatsOutlets      `json:"outlets"`
	Users        StatsUsers        `json:"users"`
	Customers    StatsCustomers    `json:"customers"`
	Appointments StatsAppointments `json:"appointments"`
	Subscription Subscription      `json:"subscription"`
	GeneratedAt  time.Time         `json:"generated_at"`
	TenantInfo   TenantInfo        `json:"tenant_info"`
}

// StatsOutlets are a tenant's live outlets: all, active, inactive.
type StatsOutlets struct {
	Total    int `json:"total"`
	Active   int `json:"active"`
	Inactive int `json:"inactive"`
}

// StatsUsers are a tenant's members: all, active (an active membership
// of an active account), and all by role.
type StatsUsers struct {
	Total  int            `json:"total"`
	Active int            `json:"active"`
	ByRole map[string]int `json:"by_role"`
}

// StatsCustomers are a tenant's live customers: all, active, and those
// created in the last 30 days.
type StatsCustomers struct {
	Total         int `json:"total"`
	Active        int `json:"active"`
	RecentSignups int `json:"recent_signups"`
}

// StatsAppointments are the appointments starting in the current
// calendar month in the tenant's time zone: all, and by status (pending,
// confirmed, completed, cancelled, no_show).
type StatsAppointments struct {
	ThisMonth         int            `json:"this_month"`
	ThisMonthByStatus map[string]int `json:"this_month_by_status"`
}

// TenantInfo names the tenant the statistics are of.
type TenantInfo struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	CreatedAt time.Time `json:"created_at"`
}

func tenantStatsOf(v *app.TenantStatsView) TenantStats {
	c, t, s := v.Counts, v.Tenant, v.Subscription
	out := TenantStats{
		Outlets: StatsOutlets(c.Outlets),
		Users:   StatsUsers{Total: c.Users.Total, Active: c.Users.Active, ByRole: map[string]int{}},
		Customers: StatsCustomers{Total: c.Customers.Total, Active: c.Customers.Active,
			RecentSignups: c.Customers.RecentSignups},
		Appointments: StatsAppointments{ThisMonthByStatus: map[string]int{}},
		Subscription: Subscription{Plan: s.Plan, Status: string(s.Status), TrialEndsAt: s.TrialEndsAt},
		GeneratedAt:  v.GeneratedAt,
		TenantInfo:   TenantInfo{ID: t.ID, Name: t.Name, Slug: t.Slug, CreatedAt: t.CreatedAt},
	}
	for _, r := range membership.Roles() {
		out.Users.ByRole[string(r)] = c.Users.ByRole[r]
	}
	for _, st := range booking.Statuses() {
		out.Appointments.ThisMonthByStatus[string(st)] = c.Appointments[st]
		out.Appointments.ThisMonth += c.Appointments[st]
	}
	return out
}

// TenantOverview is the storegister seed's "Tenant Information Get" (GET
// /api/v1/tenants/{tenant_id}/overview): the primary profile (as GET
// tenant), the insights (the statistics), the contracts (the tenant's
// subscriptions with their charged periods) and the unpaid invoices (open
// and failed payments).
type TenantOverview struct {
	Profile        Tenant      `json:"profile"`
	Insights       TenantStats `json:"insights"`
	Contracts      []Contract  `json:"contracts"`
	UnpaidInvoices []Payment   `json:"unpaid_invoices"`
}

// Contract is one subscription of a tenant: its plan, status, trial,
// current period and scheduled change, with the periods charged for it.
type Contract struct {
	ID                 string         `json:"id"`
	Plan               string         `json:"plan"`
	Status             string         `json:"status"`
	TrialEndsAt        *time.Time     `json:"trial_ends_at"`
	CurrentPeriodStart time.Time      `json:"current_period_start"`
	CurrentPeriodEnd   time.Time      `json:"current_period_end"`
	ScheduledPlan      string         `json:"scheduled_plan,omitempty"`
	ScheduledAt        *time.Time     `json:"scheduled_at,omitempty"`
	PastDueSince       *time.Time     `json:"past_due_since"`
	StartedAt          time.Time      `json:"started_at"`
	Periods            []ContractTerm `json:"periods"`
}

// ContractTerm is one charged period of a contract and what became of its
// invoice (paid, open, failed, refunded).
type ContractTerm struct {
	PaymentID   string    `json:"payment_id"`
	PlanID      string    `json:"plan_id"`
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	Amount      int64     `json:"amount"`
	Currency    string    `json:"currency"`
	Status      string    `json:"status"`
}

func tenantOverviewOf(o *app.TenantOverview) TenantOverview {
	out := TenantOverview{Profile: tenantOf(o.Profile), Insights: tenantStatsOf(&o.Insights),
		Contracts: []Contract{}, UnpaidInvoices: []Payment{}}
	for _, c := range o.Contracts {
		out.Contracts = append(out.Contracts, contractOf(c))
	}
	for i := range o.Unpaid {
		out.UnpaidInvoices = append(out.UnpaidInvoices, paymentOf(&o.Unpaid[i]))
	}
	return out
}

func contractOf(c app.Contract) Contract {
	s := c.Subscription
	out := Contract{ID: s.ID, Plan: s.Plan, Status: string(s.Status), TrialEndsAt: s.TrialEndsAt,
		CurrentPeriodStart: s.CurrentPeriodStart, CurrentPeriodEnd: s.CurrentPeriodEnd, ScheduledPlan: s.ScheduledPlan,
		ScheduledAt: s.ScheduledAt, PastDueSince: s.PastDueSince, StartedAt: s.CreatedAt, Periods: []ContractTerm{}}
	for _, p := range c.Periods {
		out.Periods = append(out.Periods, termOf(p))
	}
	return out
}

func termOf(p plan.Payment) ContractTerm {
	return ContractTerm{PaymentID: p.ID, PlanID: p.PlanID, PeriodStart: p.PeriodStart, PeriodEnd: p.PeriodEnd,
		Amount: p.Amount, Currency: p.Currency, Status: string(p.Status)}
}
