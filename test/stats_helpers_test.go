package test

import (
	"context"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// statsPath is the statistics of tenantID; overviewPath its overview.
func statsPath(tenantID string) string    { return "/api/v1/tenants/" + tenantID + "/stats" }
func overviewPath(tenantID string) string { return "/api/v1/tenants/" + tenantID + "/overview" }

// booker writes a tenant's appointments straight through the store (the
// statistics count rows, however they were written), as the booking
// routes would: start_month in the tenant's time zone.
type booker struct {
	h                                        *harness
	tenantID                                 string
	loc                                      *time.Location
	outletID, customerID, serviceID, staffID string
}

// book writes an appointment starting at start in status and returns it.
func (b *booker) book(t testing.TB, start time.Time, status booking.Status) *booking.Appointment {
	t.Helper()
	now := b.h.clock.now().UTC()
	start = start.UTC().Truncate(time.Minute)
	a := &booking.Appointment{TenantID: b.tenantID, ID: id.New(id.Appointment), OutletID: b.outletID,
		CustomerID: b.customerID, ServiceID: b.serviceID, StaffID: b.staffID, StartAt: start,
		EndAt: start.Add(45 * time.Minute), StartMonth: booking.Month(start, b.loc), Status: status, Price: 2500,
		Currency: "USD", StatusChangedAt: now, CreatedAt: now, UpdatedAt: now}
	b.h.inTenant(t, b.tenantID, func(tx *store.Tx) error { return tx.CreateAppointment(context.Background(), a) })
	return a
}

// set moves an appointment to status.
func (b *booker) set(t testing.TB, a *booking.Appointment, status booking.Status) {
	t.Helper()
	a.Status, a.StatusChangedAt, a.UpdatedAt = status, b.h.clock.now().UTC(), b.h.clock.now().UTC()
	b.h.inTenant(t, b.tenantID, func(tx *store.Tx) error { return tx.UpdateAppointment(context.Background(), a) })
}

// inTenant runs fn in a transaction of tenantID on the server's database.
func (h *harness) inTenant(t testing.TB, tenantID string, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := h.srv.App.DB().InTenant(context.Background(), tenantID, fn); err != nil {
		t.Fatalf("store write in %s: %v", tenantID, err)
	}
}

// oldCustomer writes a customer of tenantID created at at (before what the
// API can backdate).
func (h *harness) oldCustomer(t testing.TB, tenantID, name string, at time.Time) {
	t.Helper()
	h.inTenant(t, tenantID, func(tx *store.Tx) error {
		return tx.CreateCustomer(context.Background(), &customer.Customer{TenantID: tenantID, ID: id.New(id.Customer),
			Name: name, Status: customer.Active, CreatedAt: at, UpdatedAt: at})
	})
}

// invoice records a payment of subscriptionID in status and returns its id.
func (h *harness) invoice(t testing.TB, tenantID, subscriptionID string, status plan.PaymentStatus) string {
	t.Helper()
	now := h.clock.now().UTC()
	p := &plan.Payment{TenantID: tenantID, ID: id.New(id.Payment), SubscriptionID: subscriptionID, PlanID: "plan_pro",
		Amount: 9900, Currency: "USD", Status: status, PeriodStart: now, PeriodEnd: now.AddDate(0, 1, 0), Provider: "none",
		CreatedAt: now, UpdatedAt: now}
	h.inTenant(t, tenantID, func(tx *store.Tx) error { return tx.CreatePayment(context.Background(), p) })
	return p.ID
}

// counts returns the numbers of an object of counts by name.
func counts(o obj) map[string]int {
	out := map[string]int{}
	for k, v := range o.m {
		n, _ := v.(float64)
		out[k] = int(n)
	}
	return out
}
