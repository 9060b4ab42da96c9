package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// How much of a tenant's billing history its overview carries: the newest
// charged periods across its contracts, and the newest unpaid invoices.
const (
	overviewPeriods = 36
	overviewUnpaid  = 100
)

// TenantOverview is the storegister seed's "Tenant Information Get": a
// tenant's primary profile (as GET tenant), its insights (the statistics),
// its contracts and its unpaid invoices, read in one snapshot.
type TenantOverview struct {
	Profile   *TenantView
	Insights  TenantStatsView
	Contracts []Contract
	Unpaid    []plan.Payment // open and failed payments, newest first
}

// Contract is one subscription of a tenant with the periods charged for it
// (its payments, newest first).
type Contract struct {
	Subscription plan.Subscription
	Periods      []plan.Payment
}

// TenantOverview returns tenantID's overview to its owner and tenant admins
// and to platform admins (who also see the partner account's state, as in
// GET tenant); another tenant answers 404 tenant_not_found. API keys may
// not: it carries the unpaid invoices.
func (a *App) TenantOverview(ctx context.Context, p *auth.Principal, tenantID string) (*TenantOverview, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.OverviewRead); err != nil {
		return nil, err
	}
	now := a.now()
	var o TenantOverview
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		tv, err := readView(ctx, tx, tenantID)
		if err != nil {
			return notFoundAs(err, errTenantNotFound)
		}
		if err := withPartner(ctx, tx, p, tv); err != nil {
			return err
		}
		o.Profile = tv
		st, err := tenantStats(ctx, tx, tenantID, now)
		if err != nil {
			return err
		}
		o.Insights = *st
		if o.Contracts, err = contracts(ctx, tx, tenantID); err != nil {
			return err
		}
		o.Unpaid, err = tx.UnpaidPayments(ctx, tenantID, overviewUnpaid)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// contracts reads tenantID's subscriptions with their newest charged
// periods.
func contracts(ctx context.Context, tx *store.Tx, tenantID string) ([]Contract, error) {
	subs, err := tx.Subscriptions(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	pays, _, err := tx.ListPayments(ctx, tenantID, store.PaymentFilter{Limit: overviewPeriods})
	if err != nil {
		return nil, err
	}
	out := make([]Contract, 0, len(subs))
	for _, s := range subs {
		c := Contract{Subscription: s, Periods: []plan.Payment{}}
		for _, p := range pays {
			if p.SubscriptionID == s.ID {
				c.Periods = append(c.Periods, p)
			}
		}
		out = append(out, c)
	}
	return out, nil
}
