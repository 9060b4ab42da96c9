package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// AppointmentTransition moves an appointment along its lifecycle: pending →
// confirmed → completed, or to cancelled or no_show (booking.Status
// CanBecome). Override lets an owner or tenant_admin cancel later than the
// tenant's cancellation_hours allow.
type AppointmentTransition struct {
	Status   string
	Reason   string // why it was cancelled (optional)
	Override bool
}

// ChangeAppointmentStatus applies one transition, audited as
// appointment.<status> (an override as appointment.cancel_override). A
// transition the lifecycle does not allow is a Conflict
// (invalid_transition); completed and no_show need the start to have come.
func (a *App) ChangeAppointmentStatus(ctx context.Context, p *auth.Principal, appointmentID string, ch AppointmentTransition) (*booking.Appointment, error) {
	acc, err := a.bookingAccess(ctx, p, membership.AppointmentsManage)
	if err != nil {
		return nil, a.conceal(ctx, p, err, findAppointment(ctx, p, appointmentID))
	}
	to := booking.Status(strings.TrimSpace(ch.Status))
	var c errs.Collector
	c.Check(!to.Valid() || to == booking.Pending, "status", "invalid_choice", "Must be confirmed, completed, cancelled or no_show.")
	optional(&c, "reason", ch.Reason, booking.MaxCancelReason)
	c.Check(ch.Reason != "" && to != booking.Cancelled, "reason", "not_allowed", "A reason is given only when cancelling.")
	c.Check(ch.Override && to != booking.Cancelled, "override", "not_allowed", "Override applies only to a late cancellation.")
	if err := c.Err(); err != nil {
		return nil, err
	}
	if ch.Override {
		if _, err := a.authorize(ctx, p, acc.tenantID, membership.AppointmentsOverride); err != nil {
			return nil, err
		}
	}
	var appt *booking.Appointment
	err = a.db.InTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if appt, err = visibleAppointment(ctx, tx, acc, appointmentID); err != nil {
			return err
		}
		if !appt.Status.CanBecome(to) {
			return errs.E(errs.Conflict, "invalid_transition",
				fmt.Sprintf("An appointment that is %s cannot become %s.", appt.Status, to))
		}
		now := a.now()
		action := "appointment." + string(to)
		details := map[string]string{"from": string(appt.Status), "to": string(to)}
		switch to {
		case booking.Completed, booking.NoShow:
			if now.Before(appt.StartAt) {
				return errs.E(errs.Conflict, "appointment_not_started", "This appointment has not started yet.")
			}
		case booking.Cancelled:
			late, err := a.lateCancellation(ctx, tx, acc.tenantID, appt, now)
			if err != nil {
				return err
			}
			if late > 0 && !ch.Override {
				return errs.E(errs.Conflict, "cancellation_window_passed", fmt.Sprintf(
					"Cancellations close %d hours before the start; an owner or tenant admin may override.", late))
			}
			if late > 0 {
				action, details["override"] = "appointment.cancel_override", "true"
			}
			appt.CancelReason = ch.Reason
			details["reason"] = ch.Reason
		}
		appt.Status, appt.StatusChangedAt, appt.UpdatedAt = to, now, now
		if err := tx.UpdateAppointment(ctx, appt); err != nil {
			return notFoundAs(err, errAppointmentNotFound)
		}
		return a.record(ctx, tx, acc.tenantID, p, action, "appointment", appt.ID, details)
	})
	return appt, err
}

// lateCancellation returns the tenant's cancellation_hours when cancelling
// appt at now is later than they allow, and 0 when it is not late.
func (a *App) lateCancellation(ctx context.Context, tx *store.Tx, tenantID string, appt *booking.Appointment, now time.Time) (int, error) {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil {
		return 0, err
	}
	hours := *t.Settings.WithDefaults().CancellationHours
	if now.After(appt.StartAt.Add(-time.Duration(hours) * time.Hour)) {
		return hours, nil
	}
	return 0, nil
}
