package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/store"
)

// The tenant statistics scenario's tenant: statsAppointments appointments
// over statsMonths months around now and statsCustomers customers signed
// up over the last statsSignupDays days, written statsBatch rows to a
// transaction; measured with statsWorkers workers.
const (
	statsAppointments = 1_000_000
	statsCustomers    = 100_000
	statsMonths       = 24
	statsSignupDays   = 400
	statsBatch        = 10_000
	statsWorkers      = 8
)

// benchTenantStats registers a business of its own, seeds it straight
// through the store (unmeasured) with statsCustomers customers and
// statsAppointments appointments, then measures GET
// /api/v1/tenants/{tenant_id}/stats at statsWorkers workers beside the
// token-checking server replaying its bytes.
func benchTenantStats(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, progress io.Writer) (Result, error) {
	a, err := seed(ctx, hc, srv.URL)
	if err != nil {
		return Result{}, fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintf(progress, "%s: seeding %d customers and %d appointments through the store\n", e.Name, statsCustomers, statsAppointments)
	start := time.Now()
	if err := seedBookings(ctx, srv.App.DB(), a.TenantID, time.Now().UTC(), statsCustomers, statsAppointments); err != nil {
		return Result{}, fmt.Errorf("seed bookings: %w", err)
	}
	fmt.Fprintf(progress, "%s: seeded in %s\n", e.Name, time.Since(start).Round(time.Millisecond))
	eight := opt
	eight.Concurrency = statsWorkers
	return benchBearerGet(ctx, e, eight, hc, srv, a.Token, "/api/v1/tenants/"+a.TenantID+"/stats", "GET tenant stats",
		fmt.Sprintf(" (%dk appointments, %dk customers)", statsAppointments/1000, statsCustomers/1000), progress)
}

// seedBookings writes tenantID's outlet, service, staff, nCustomers
// customers and nAppointments appointments (random statuses and customers,
// start_month in UTC, the tenant's zone), statsBatch rows to a
// transaction.
func seedBookings(ctx context.Context, db *store.DB, tenantID string, now time.Time, nCustomers, nAppointments int) error {
	rng := rand.New(rand.NewPCG(uint64(now.UnixNano()), 11))
	o := &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: "Bench Main", Timezone: "UTC", Active: true,
		CreatedAt: now, UpdatedAt: now}
	svc := &booking.Service{TenantID: tenantID, ID: id.New(id.Service), Name: "Bench Cut", DurationMinutes: 45, Price: 2500,
		Currency: "USD", TenantWide: true, OutletIDs: []string{}, Active: true, CreatedAt: now, UpdatedAt: now}
	staff := make([]string, 10)
	unit := store.Unit{TenantID: tenantID, Budget: 5 * time.Minute}
	err := db.Run(ctx, unit, func(tx *store.Tx) error {
		if err := tx.CreateOutlet(ctx, o); err != nil {
			return err
		}
		if err := tx.CreateService(ctx, svc); err != nil {
			return err
		}
		for i := range staff {
			staff[i] = id.New(id.StaffMember)
			if err := tx.CreateStaff(ctx, &booking.Staff{TenantID: tenantID, ID: staff[i], Name: fmt.Sprintf("Bench Staff %d", i),
				Skills: []string{}, OutletIDs: []string{o.ID}, ServiceIDs: []string{svc.ID}, Availability: map[string]outlet.Hours{},
				Active: true, CreatedAt: now, UpdatedAt: now}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Customers sign up one after the other over statsSignupDays, and the
	// appointments are written in the order of their start, as a business
	// accumulates them (and as an import replays them).
	customers := make([]string, nCustomers)
	signups := now.Add(-statsSignupDays * 24 * time.Hour)
	signupStep := statsSignupDays * 24 * time.Hour / time.Duration(max(nCustomers, 1))
	for done := 0; done < nCustomers; done += statsBatch {
		err := db.Run(ctx, unit, func(tx *store.Tx) error {
			for i := done; i < min(done+statsBatch, nCustomers); i++ {
				at := signups.Add(time.Duration(i) * signupStep)
				c := &customer.Customer{TenantID: tenantID, ID: id.New(id.Customer), Name: fmt.Sprintf("Bench Customer %d", i),
					Status:    []customer.Status{customer.Active, customer.Active, customer.Active, customer.Inactive}[rng.IntN(4)],
					CreatedAt: at, UpdatedAt: at}
				customers[i] = c.ID
				if err := tx.CreateCustomer(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("customers: %w", err)
		}
	}
	span := int64(statsMonths) * 30 * 24 * int64(time.Hour)
	first := now.Add(-time.Duration(span / 2))
	step := span / int64(max(nAppointments, 1))
	for done := 0; done < nAppointments; done += statsBatch {
		batch := make([]*booking.Appointment, 0, statsBatch)
		for i := range min(statsBatch, nAppointments-done) {
			start := first.Add(time.Duration(int64(done+i) * step)).Truncate(time.Minute)
			batch = append(batch, &booking.Appointment{TenantID: tenantID, ID: id.New(id.Appointment), OutletID: o.ID,
				CustomerID: customers[rng.IntN(len(customers))], ServiceID: svc.ID, StaffID: staff[rng.IntN(len(staff))],
				StartAt: start, EndAt: start.Add(45 * time.Minute), StartMonth: booking.Month(start, time.UTC),
				Status: booking.Statuses()[rng.IntN(5)], Price: svc.Price, Currency: svc.Currency, StatusChangedAt: now,
				CreatedAt: now, UpdatedAt: now})
		}
		if err := db.Run(ctx, unit, func(tx *store.Tx) error { return tx.CreateAppointments(ctx, tenantID, batch) }); err != nil {
			return fmt.Errorf("appointments: %w", err)
		}
	}
	return nil
}
