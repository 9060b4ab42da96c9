package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// recentSignupDays is the window of the statistics' recent sign-ups: from
// the start of the UTC day that many days ago.
const recentSignupDays = 30

// TenantStatsView is a tenant's statistics at GeneratedAt (reserva seed):
// its counts, its current subscription and who it is. Month is the
// calendar month of GeneratedAt in the tenant's time zone, whose
// appointments (by start) the counts hold.
type TenantStatsView struct {
	Tenant       tenant.Tenant
	Subscription plan.Subscription
	Counts       store.StatCounts
	Month        string
	GeneratedAt  time.Time
}

// TenantStats returns tenantID's statistics to its owner and tenant admins
// (a key with stats:read) and to platform admins; another tenant answers
// 404 tenant_not_found. Appointments and customers come from the counters
// the database keeps in the transactions that change them, so the answer
// costs a few rows however large the tenant.
func (a *App) TenantStats(ctx context.Context, p *auth.Principal, tenantID string) (*TenantStatsView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.StatsRead); err != nil {
		return nil, err
	}
	var v *TenantStatsView
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		v, err = tenantStats(ctx, tx, tenantID, a.now())
		return err
	})
	return v, err
}

// tenantStats reads tenantID's statistics at now inside tx.
func tenantStats(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) (*TenantStatsView, error) {
	tv, err := readView(ctx, tx, tenantID)
	if err != nil {
		return nil, notFoundAs(err, errTenantNotFound)
	}
	v := &TenantStatsView{Tenant: tv.Tenant, Subscription: tv.Subscription, GeneratedAt: now,
		Month: booking.Month(now, tenantLocation(tv.Tenant.Settings))}
	c, err := tx.StatCounts(ctx, tenantID, v.Month, now.AddDate(0, 0, -recentSignupDays))
	if err != nil {
		return nil, err
	}
	v.Counts = *c
	return v, nil
}
