package plan

import (
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// Billing cycles of a plan.
const (
	Monthly = "MONTHLY"
	Yearly  = "YEARLY"
)

// Meter names something Tenantry counts for a tenant and a plan may limit.
// The vocabulary is fixed: a plan's limits can only name these.
type Meter string

// The meters. Counts come from the tenant's real rows; the same count
// answers GET /api/v1/subscriptions/usage and every enforcement check.
const (
	Outlets              Meter = "outlets"                // outlets, active or not
	Members              Meter = "members"                // active members plus pending invites
	Staff                Meter = "staff"                  // staff profiles (booking)
	AppointmentsPerMonth Meter = "appointments_per_month" // appointments created this calendar month (booking)
	StorageBytes         Meter = "storage_bytes"          // bytes of every stored file of the tenant
	APIKeys              Meter = "api_keys"               // API keys not revoked
	APIRequestsPerMonth  Meter = "api_requests_per_month" // requests made with the tenant's API keys this month
)

// Meters lists the vocabulary in display order.
func Meters() []Meter {
	return []Meter{Outlets, Members, Staff, AppointmentsPerMonth, StorageBytes, APIKeys, APIRequestsPerMonth}
}

// KnownMeter reports whether m is in the vocabulary.
func KnownMeter(m Meter) bool {
	for _, k := range Meters() {
		if k == m {
			return true
		}
	}
	return false
}

// Limits caps meters; a meter absent from the map is unlimited.
type Limits map[Meter]int64

// Of returns the limit on m and whether there is one.
func (l Limits) Of(m Meter) (int64, bool) {
	n, ok := l[m]
	return n, ok
}

// Plan is an entry of the catalog. Plans are data (the plans table, seeded
// with the reserva catalog by a migration) managed by platform admins; a
// plan is archived, never deleted, so subscriptions keep what they point at.
type Plan struct {
	ID           string // "plan_…"; the seeded plans are plan_free, plan_basic, plan_pro, plan_enterprise
	Code         string // stable short name, e.g. "pro"; never changes
	Name         string
	Description  string
	Price        int64  // per billing cycle, in minor units of Currency
	Currency     string // ISO 4217, upper case
	BillingCycle string // Monthly or Yearly
	TrialDays    int
	Features     []string // for display on a pricing page
	Limits       Limits
	// StripePriceID is the Stripe price a paid subscription to this plan
	// uses when the platform bills through Stripe; "" when it has none.
	StripePriceID string
	SortOrder     int
	ArchivedAt    *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Paid reports whether subscribing to p costs money.
func (p *Plan) Paid() bool { return p.Price > 0 }

// PeriodEnd is the end of a billing period of p that starts at start.
func (p *Plan) PeriodEnd(start time.Time) time.Time {
	if p.BillingCycle == Yearly {
		return start.AddDate(1, 0, 0)
	}
	return start.AddDate(0, 1, 0)
}

// Exceeded is one meter whose usage is over, or would go over, a limit.
type Exceeded struct {
	Meter Meter
	Used  int64
	Limit int64
}

// LimitError is the refusal of a change that a plan's limits do not allow:
// a creation past a limit (403) or a downgrade to a plan whose limits the
// current usage exceeds (409). It carries every meter concerned and, for a
// creation, the cheapest plan that would allow it.
type LimitError struct {
	Err      *errs.Error // kind, code plan_limit_exceeded and message
	Exceeded []Exceeded
	Plan     string // the plan whose limits refuse it
	Allowing string // code of a plan that would allow it, "" when none
}

// Error renders the refusal for logs.
func (e *LimitError) Error() string { return e.Err.Error() }

// Unwrap returns the errs.Error, so errs.Is and the problem renderer see it.
func (e *LimitError) Unwrap() error { return e.Err }

// NewLimitError returns the refusal of a creation (kind LimitExceeded, 403)
// or, with downgrade set, of a plan change (kind Conflict, 409), both with
// the stable code plan_limit_exceeded.
func NewLimitError(current string, allowing string, downgrade bool, exceeded ...Exceeded) *LimitError {
	kind, msg := errs.LimitExceeded, ""
	if downgrade {
		kind = errs.Conflict
		msg = fmt.Sprintf("The current usage exceeds the limits of plan %s.", current)
	} else if len(exceeded) > 0 {
		x := exceeded[0]
		msg = fmt.Sprintf("Plan %s allows %d %s; %d are in use.", current, x.Limit, x.Meter, x.Used)
		if allowing != "" {
			msg += " Plan " + allowing + " allows more."
		}
	}
	return &LimitError{Err: errs.E(kind, "plan_limit_exceeded", msg), Exceeded: exceeded, Plan: current, Allowing: allowing}
}

// Usage is a tenant's count on every meter.
type Usage map[Meter]int64

// Over lists the meters on which u exceeds the limits of p, in vocabulary
// order: what a downgrade to p would break.
func (u Usage) Over(p *Plan) []Exceeded {
	var out []Exceeded
	for _, m := range Meters() {
		if n, ok := p.Limits.Of(m); ok && u[m] > n {
			out = append(out, Exceeded{Meter: m, Used: u[m], Limit: n})
		}
	}
	return out
}

// Allows reports whether p leaves room for adding more on meter m.
func (u Usage) Allows(p *Plan, m Meter, adding int64) bool {
	n, ok := p.Limits.Of(m)
	return !ok || u[m]+adding <= n
}
