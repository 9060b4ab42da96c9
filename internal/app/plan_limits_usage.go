package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// MeterUsage is one meter of a usage report.
type MeterUsage struct {
	Meter     plan.Meter
	Used      int64
	Limit     *int64 // nil when the plan does not limit the meter
	Remaining *int64 // Limit - Used, never below 0; nil when unlimited
	// Metered is false for a meter Tenantry does not count: only
	// api_requests_per_month when metering is off (Options.MeterFlush < 0).
	Metered bool
}

// UsageReport is a tenant's usage of every meter against its plan.
type UsageReport struct {
	TenantID string
	Plan     *plan.Plan
	At       time.Time
	Meters   []MeterUsage // in plan.Meters order
}

// metered reports whether Tenantry counts m: every meter, API requests
// only while metering is on.
func (a *App) metered(m plan.Meter) bool { return m != plan.APIRequestsPerMonth || a.meter != nil }

// TenantUsage reports every meter of tenantID (the tenant of p's scoped
// token when "") against its plan's limits, counted by the same statement
// as enforcement (store.Tx.Usage). Owners and tenant admins read their
// tenant's; platform admins any tenant's.
func (a *App) TenantUsage(ctx context.Context, p *auth.Principal, tenantID string) (*UsageReport, error) {
	if tenantID == "" {
		tenantID = p.TenantID
	}
	if tenantID == "" {
		return nil, errs.Fields(errs.FieldError{Field: "tenant_id", Code: "required",
			Message: "Name the tenant, or use a tenant-scoped token."})
	}
	if _, err := a.authorize(ctx, p, tenantID, membership.UsageRead); err != nil {
		return nil, err
	}
	r := &UsageReport{TenantID: tenantID, At: a.now()}
	var u plan.Usage
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		if _, err := tx.GetTenant(ctx, tenantID); err != nil {
			return err
		}
		if r.Plan, err = tenantPlan(ctx, tx, tenantID); err != nil {
			return err
		}
		u, err = tx.Usage(ctx, tenantID, r.At)
		return err
	})
	if err == nil {
		u[plan.APIRequestsPerMonth] += a.pendingAPIKeyRequests(tenantID, r.At) // not flushed yet
	}
	if errs.CodeOf(err) == "tenant_not_found" {
		return nil, errTenantNotFound
	}
	if err != nil {
		return nil, err
	}
	for _, m := range plan.Meters() {
		mu := MeterUsage{Meter: m, Used: u[m], Metered: a.metered(m)}
		if n, ok := r.Plan.Limits.Of(m); ok {
			left := max(0, n-u[m])
			mu.Limit, mu.Remaining = &n, &left
		}
		r.Meters = append(r.Meters, mu)
	}
	return r, nil
}
