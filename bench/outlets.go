package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// benchOutlets is the outlet count of the "GET outlets" scenario's tenant.
const benchOutlets = 1000

// benchOutletList measures an authenticated GET of the first page (50) of a
// tenant's 1,000 outlets, ordered by name with the total count, then the
// bare server answering the same bytes after the same token check. The
// outlets are inserted straight through the store in one transaction (the
// API would take a minute of the run's budget to create them).
func benchOutletList(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (Result, error) {
	start := time.Now()
	if err := seedOutlets(ctx, srv.App.DB(), a.TenantID, benchOutlets); err != nil {
		return Result{}, fmt.Errorf("seed outlets: %w", err)
	}
	fmt.Fprintf(progress, "%s: %d outlets inserted in %s\n", e.Name, benchOutlets, time.Since(start).Round(time.Millisecond))
	return benchBearerGet(ctx, e, opt, hc, srv, a.Token, "/api/v1/outlets?limit=50", "GET outlets",
		fmt.Sprintf(" (first page of 50 of %d outlets)", benchOutlets), progress)
}

// seedOutlets moves tenantID to the enterprise plan (unlimited outlets; the
// free plan allows one) and inserts n outlets into it, in one transaction:
// spread over ten cities, open weekdays 09:00–18:00 with a lunch break and
// Saturday mornings, every tenth one inactive. The plan change is written
// as a new current subscription, as a platform admin's change of plan
// would leave it.
func seedOutlets(ctx context.Context, db *store.DB, tenantID string, n int) error {
	cities := []string{"Manila", "Cebu", "Davao", "Makati", "Taguig", "Pasig", "Quezon City", "Iloilo", "Baguio", "Bacolod"}
	day := []outlet.Interval{{Open: "09:00", Close: "12:00"}, {Open: "13:00", Close: "18:00"}}
	hours := outlet.Hours{"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day,
		"saturday": {{Open: "09:00", Close: "13:00"}}}
	now := time.Now().UTC()
	return db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		cur, err := tx.CurrentSubscription(ctx, tenantID)
		if err != nil {
			return err
		}
		subID := id.New(id.Subscription)
		for subID <= cur.ID { // the newest id is the current subscription
			subID = id.New(id.Subscription)
		}
		if err := tx.CreateSubscription(ctx, &plan.Subscription{TenantID: tenantID, ID: subID, Plan: plan.Enterprise,
			Status: plan.Active, CurrentPeriodStart: now, CurrentPeriodEnd: now.AddDate(0, 1, 0), CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		for i := range n {
			o := &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: fmt.Sprintf("Bench Outlet %04d", i),
				Address: outlet.Address{Line1: fmt.Sprintf("%d Rizal Avenue", i+1), City: cities[i%len(cities)], Country: "PH",
					PostalCode: "1000"},
				Phone: "+63 2 555 0100", Email: fmt.Sprintf("outlet%04d@bench.example.com", i), Timezone: "Asia/Manila",
				Hours: hours, Active: i%10 != 0, CreatedAt: now, UpdatedAt: now}
			if err := tx.CreateOutlet(ctx, o); err != nil {
				return err
			}
		}
		return nil
	})
}
