package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// The booking rules, checked inside the booking transaction:
//   - the tenant is active, and so are the outlet, the customer, the
//     service (offered at the outlet) and the staff member (working at the
//     outlet and providing the service); a deactivated tenant or outlet
//     keeps its appointments and takes no new ones;
//   - the appointment starts on a whole minute in the future, no further
//     ahead than the tenant's booking_advance_days;
//   - from start to end it lies inside one opening of the outlet's
//     business hours and, when the staff member has availability set at
//     the outlet, inside one interval of it, both in the outlet's time
//     zone (no availability set: the outlet's hours);
//   - no other pending or confirmed appointment of the staff member
//     overlaps it. The staff member's lock, taken before the check and held
//     to the commit, serializes bookings of one staff member, so that of
//     ten parallel bookings of one slot exactly one commits.

// checkBooking checks appt against the rules and completes it: its end,
// its month and, when new (before is nil), the service's price. before is
// the appointment as it was when appt moves it.
func (a *App) checkBooking(ctx context.Context, tx *store.Tx, acc *outletAccess, appt, before *booking.Appointment) error {
	t, err := tx.GetTenant(ctx, acc.tenantID)
	if err != nil {
		return err
	}
	if t.Status != tenant.Active {
		return tenantNotActive(t.Status)
	}
	settings := t.Settings.WithDefaults()
	var c errs.Collector
	o, err := tx.GetOutlet(ctx, acc.tenantID, appt.OutletID)
	if errs.Is(err, errs.NotFound) || err == nil && !acc.reaches(o.ID) {
		c.Add("outlet_id", "unknown_outlet", "No such outlet.")
		return c.Err()
	} else if err != nil {
		return err
	}
	if !o.Active {
		return errs.E(errs.Conflict, "outlet_inactive", "This outlet is deactivated: it takes no new bookings.")
	}
	var duration time.Duration
	if before == nil {
		if duration, err = checkBooked(ctx, tx, appt, &c); err != nil {
			return err
		}
	} else {
		duration = before.EndAt.Sub(before.StartAt) // the service's duration when booked
	}
	staff, err := tx.GetStaff(ctx, acc.tenantID, appt.StaffID)
	switch {
	case errs.Is(err, errs.NotFound):
		c.Add("staff_id", "unknown_staff", "No such staff member.")
	case err != nil:
		return err
	case !staff.Active:
		c.Add("staff_id", "staff_inactive", "This staff member is not active.")
	case !staff.WorksAt(o.ID):
		c.Add("staff_id", "staff_not_at_outlet", "This staff member does not work at this outlet.")
	case !slices.Contains(staff.ServiceIDs, appt.ServiceID):
		c.Add("staff_id", "service_not_provided", "This staff member does not provide this service.")
	}
	if err := c.Err(); err != nil {
		return err
	}
	appt.EndAt = appt.StartAt.Add(duration)
	loc, err := time.LoadLocation(o.Timezone)
	if err != nil {
		return fmt.Errorf("app: outlet %s time zone: %w", o.ID, err)
	}
	now, days := a.now(), *settings.BookingAdvanceDays
	switch {
	case appt.StartAt.Second() != 0 || appt.StartAt.Nanosecond() != 0:
		c.Add("start_at", "not_whole_minute", "Must start on a whole minute.")
	case !appt.StartAt.After(now):
		c.Add("start_at", "in_the_past", "Must be in the future.")
	case appt.StartAt.After(now.AddDate(0, 0, days)):
		c.Add("start_at", "too_far_ahead", fmt.Sprintf("This tenant takes bookings at most %d days ahead.", days))
	case !booking.Fits(o.Hours, appt.StartAt, appt.EndAt, loc):
		c.Add("start_at", "outside_business_hours", "The appointment must lie inside the outlet's business hours ("+o.Timezone+").")
	case len(staff.Availability[o.ID]) > 0 && !booking.Fits(staff.Availability[o.ID], appt.StartAt, appt.EndAt, loc):
		c.Add("start_at", "outside_staff_availability", "The staff member does not work then at this outlet ("+o.Timezone+").")
	}
	if err := c.Err(); err != nil {
		return err
	}
	appt.StartMonth = booking.Month(appt.StartAt, tenantLocation(settings))
	if err := tx.Lock(ctx, "staff:"+acc.tenantID+":"+appt.StaffID); err != nil {
		return err
	}
	busy, err := tx.StaffBusy(ctx, acc.tenantID, appt.StaffID, appt.ID, appt.StartAt, appt.EndAt)
	if err != nil {
		return err
	}
	if busy != "" {
		return errs.E(errs.Conflict, "staff_unavailable", "The staff member has another appointment then.")
	}
	return nil
}

// checkBooked checks the customer and the service of a new appointment
// into c, sets the service's price on appt and returns its duration.
func checkBooked(ctx context.Context, tx *store.Tx, appt *booking.Appointment, c *errs.Collector) (time.Duration, error) {
	cu, err := tx.GetCustomer(ctx, appt.TenantID, appt.CustomerID)
	switch {
	case errs.Is(err, errs.NotFound):
		c.Add("customer_id", "unknown_customer", "No such customer.")
	case err != nil:
		return 0, err
	case cu.Status != customer.Active:
		c.Add("customer_id", "customer_not_active", "This customer is "+string(cu.Status)+": only active customers book.")
	}
	s, err := tx.GetService(ctx, appt.TenantID, appt.ServiceID)
	switch {
	case errs.Is(err, errs.NotFound):
		c.Add("service_id", "unknown_service", "No such service.")
		return 0, nil
	case err != nil:
		return 0, err
	case !s.Active:
		c.Add("service_id", "service_inactive", "This service is not active.")
	case !s.OfferedAt(appt.OutletID):
		c.Add("service_id", "service_not_offered", "This service is not offered at this outlet.")
	}
	appt.Price, appt.Currency = s.Price, s.Currency
	return time.Duration(s.DurationMinutes) * time.Minute, nil
}

// tenantLocation is the time zone of a tenant's settings (UTC when it
// cannot be loaded).
func tenantLocation(s tenant.Settings) *time.Location {
	if loc, err := time.LoadLocation(s.Timezone); err == nil {
		return loc
	}
	return time.UTC
}
