package app

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// Appointments follow the booking access of services and staff
// (booking_access.go): outlet-bound roles see and book only at their own
// outlets, and an appointment elsewhere answers like a missing one. The
// rules a booking obeys are in booking_appointments_check.go, its
// lifecycle in booking_appointments_status.go.

var errAppointmentNotFound = errs.E(errs.NotFound, "appointment_not_found", "Appointment not found.")

// AppointmentInput is an appointment's fields as a client sent them: nil
// means not given. Outlet, customer and service are set when booking and
// never change; staff, start and notes may change while the appointment
// is pending or confirmed.
type AppointmentInput struct {
	OutletID   *string
	CustomerID *string
	ServiceID  *string
	StaffID    *string
	StartAt    *time.Time
	Notes      *string
}

// GetAppointment returns one appointment the caller sees.
func (a *App) GetAppointment(ctx context.Context, p *auth.Principal, appointmentID string) (*booking.Appointment, error) {
	acc, err := a.bookingAccess(ctx, p, membership.AppointmentsRead)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findAppointment(ctx, p, appointmentID))
	}
	var out *booking.Appointment
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		out, err = visibleAppointment(ctx, tx, acc, appointmentID)
		return err
	})
	return out, err
}

// CreateAppointment books an appointment in the caller's tenant: pending,
// ending after the service's duration, at its price, within the plan's
// appointments_per_month, and only when the booking rules allow it
// (checkBooking) and the staff member is free then.
func (a *App) CreateAppointment(ctx context.Context, p *auth.Principal, in AppointmentInput) (*booking.Appointment, error) {
	acc, err := a.bookingAccess(ctx, p, membership.AppointmentsManage)
	if err != nil {
		return nil, err
	}
	var c errs.Collector
	for _, f := range []struct {
		name string
		v    *string
	}{{"outlet_id", in.OutletID}, {"customer_id", in.CustomerID}, {"service_id", in.ServiceID}, {"staff_id", in.StaffID}} {
		c.Check(f.v == nil || strings.TrimSpace(*f.v) == "", f.name, "required", "Required.")
	}
	c.Check(in.StartAt == nil, "start_at", "required", "Required: an RFC 3339 time such as 2026-12-24T10:00:00+08:00.")
	checkNotes(&c, in.Notes)
	if err := c.Err(); err != nil {
		return nil, err
	}
	now := a.now()
	appt := &booking.Appointment{TenantID: acc.tenantID, ID: id.NewAt(id.Appointment, now),
		OutletID: strings.TrimSpace(*in.OutletID), CustomerID: strings.TrimSpace(*in.CustomerID),
		ServiceID: strings.TrimSpace(*in.ServiceID), StaffID: strings.TrimSpace(*in.StaffID), StartAt: in.StartAt.UTC(),
		Status: booking.Pending, CreatedBy: p.UserID, StatusChangedAt: now, CreatedAt: now, UpdatedAt: now}
	if p.IsAPIKey() {
		appt.CreatedBy = ""
	}
	if in.Notes != nil {
		appt.Notes = *in.Notes
	}
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) error {
		// The meter's lock first (reserve comes before any write), then the
		// staff member's: every booking takes them in this order.
		if err := a.reserve(ctx, tx, acc.tenantID, plan.AppointmentsPerMonth, 1); err != nil {
			return err
		}
		if err := a.checkBooking(ctx, tx, acc, appt, nil); err != nil {
			return err
		}
		if err := tx.CreateAppointment(ctx, appt); err != nil {
			return err
		}
		return a.record(ctx, tx, acc.tenantID, p, "appointment.create", "appointment", appt.ID,
			map[string]string{"staff_id": appt.StaffID, "start_at": appt.StartAt.Format(time.RFC3339)})
	})
	if err != nil {
		return nil, err
	}
	return appt, nil
}

// UpdateAppointment moves a pending or confirmed appointment (staff_id,
// start_at) or changes its notes; a move is checked as a new booking is.
// Outlet, customer and service never change: book anew instead.
func (a *App) UpdateAppointment(ctx context.Context, p *auth.Principal, appointmentID string, in AppointmentInput) (*booking.Appointment, error) {
	acc, err := a.bookingAccess(ctx, p, membership.AppointmentsManage)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findAppointment(ctx, p, appointmentID))
	}
	var c errs.Collector
	for _, f := range []struct {
		name string
		v    *string
	}{{"outlet_id", in.OutletID}, {"customer_id", in.CustomerID}, {"service_id", in.ServiceID}} {
		c.Check(f.v != nil, f.name, "immutable", "Set when booking; cancel and book anew to change it.")
	}
	c.Check(in.StaffID != nil && strings.TrimSpace(*in.StaffID) == "", "staff_id", "required", "Must name a staff member.")
	checkNotes(&c, in.Notes)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var appt *booking.Appointment
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if appt, err = visibleAppointment(ctx, tx, acc, appointmentID); err != nil {
			return err
		}
		before := *appt
		var changed []string
		if in.StaffID != nil && strings.TrimSpace(*in.StaffID) != appt.StaffID {
			appt.StaffID, changed = strings.TrimSpace(*in.StaffID), append(changed, "staff_id")
		}
		if in.StartAt != nil && !in.StartAt.Equal(appt.StartAt) {
			appt.StartAt, changed = in.StartAt.UTC(), append(changed, "start_at")
		}
		if in.Notes != nil && *in.Notes != appt.Notes {
			appt.Notes, changed = *in.Notes, append(changed, "notes")
		}
		if len(changed) == 0 {
			return nil
		}
		if !appt.Status.Holds() {
			return errs.E(errs.Conflict, "appointment_closed", "This appointment is "+string(appt.Status)+": it can no longer change.")
		}
		if appt.StaffID != before.StaffID || !appt.StartAt.Equal(before.StartAt) {
			if err := a.checkBooking(ctx, tx, acc, appt, &before); err != nil {
				return err
			}
		}
		appt.UpdatedAt = a.now()
		if err := tx.UpdateAppointment(ctx, appt); err != nil {
			return notFoundAs(err, errAppointmentNotFound)
		}
		return a.record(ctx, tx, acc.tenantID, p, "appointment.update", "appointment", appt.ID,
			map[string]string{"fields": strings.Join(changed, ",")})
	})
	return appt, err
}

func checkNotes(c *errs.Collector, notes *string) {
	if notes != nil {
		optionalLines(c, "notes", *notes, booking.MaxNotes)
	}
}

// visibleAppointment reads an appointment at an outlet the caller reaches.
func visibleAppointment(ctx context.Context, tx *store.Tx, acc *outletAccess, appointmentID string) (*booking.Appointment, error) {
	appt, err := tx.GetAppointment(ctx, acc.tenantID, appointmentID)
	if err != nil {
		return nil, notFoundAs(err, errAppointmentNotFound)
	}
	if !acc.reaches(appt.OutletID) {
		return nil, errAppointmentNotFound
	}
	return appt, nil
}

// findAppointment looks up an appointment of p's tenant that p sees.
func findAppointment(ctx context.Context, p *auth.Principal, appointmentID string) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		_, err := visibleAppointment(ctx, tx, boundAccess(p, membership.AppointmentsRead), appointmentID)
		return err
	}
}
