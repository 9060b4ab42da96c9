package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
)

const appointmentCols = `a.tenant_id, a.id, a.outlet_id, a.customer_id, a.service_id, a.staff_id, a.start_at, a.end_at,
	a.start_month, a.status, a.notes, a.price, a.currency, a.cancel_reason, a.created_by, a.status_changed_at,
	a.created_at, a.updated_at`

func appointmentDest(a *booking.Appointment) []any {
	return []any{&a.TenantID, &a.ID, &a.OutletID, &a.CustomerID, &a.ServiceID, &a.StaffID, timeCol{&a.StartAt},
		timeCol{&a.EndAt}, &a.StartMonth, &a.Status, &a.Notes, &a.Price, &a.Currency, &a.CancelReason, &a.CreatedBy,
		timeCol{&a.StatusChangedAt}, timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}}
}

// CreateAppointment inserts an appointment. Whether its staff member is
// free then is the caller's to check (StaffBusy), under the staff member's
// lock.
func (t *Tx) CreateAppointment(ctx context.Context, a *booking.Appointment) error {
	if err := t.scope(a.TenantID); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO appointments (tenant_id, id, outlet_id, customer_id, service_id, staff_id,
		start_at, end_at, start_month, status, notes, price, currency, cancel_reason, created_by, status_changed_at,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.TenantID, a.ID, a.OutletID, a.CustomerID, a.ServiceID, a.StaffID, ts(a.StartAt), ts(a.EndAt), a.StartMonth,
		string(a.Status), a.Notes, a.Price, a.Currency, a.CancelReason, a.CreatedBy, ts(a.StatusChangedAt),
		ts(a.CreatedAt), ts(a.UpdatedAt))
	return err
}

// GetAppointment returns an appointment of tenantID.
func (t *Tx) GetAppointment(ctx context.Context, tenantID, appointmentID string) (*booking.Appointment, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	var a booking.Appointment
	if err := t.get(ctx, "appointment_not_found", `SELECT `+appointmentCols+` FROM appointments a
		WHERE a.tenant_id = ? AND a.id = ?`, []any{tenantID, appointmentID}, appointmentDest(&a)...); err != nil {
		return nil, err
	}
	return &a, nil
}

// UpdateAppointment writes the changeable fields of an appointment: its
// time, staff, status, notes and cancellation reason.
func (t *Tx) UpdateAppointment(ctx context.Context, a *booking.Appointment) error {
	if err := t.scope(a.TenantID); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE appointments SET staff_id = ?, start_at = ?, end_at = ?, start_month = ?, status = ?,
		notes = ?, cancel_reason = ?, status_changed_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
		a.StaffID, ts(a.StartAt), ts(a.EndAt), a.StartMonth, string(a.Status), a.Notes, a.CancelReason,
		ts(a.StatusChangedAt), ts(a.UpdatedAt), a.TenantID, a.ID)
	return notFoundIfNone(r, err, "appointment_not_found")
}

// StaffBusy returns the id of an appointment of staffID in tenantID,
// other than exceptID, that holds the staff member's time (pending or
// confirmed) and overlaps [start, end); "" when there is none. No
// appointment is longer than booking.MaxDuration, which bounds the index
// range read.
func (t *Tx) StaffBusy(ctx context.Context, tenantID, staffID, exceptID string, start, end time.Time) (string, error) {
	if err := t.scope(tenantID); err != nil {
		return "", err
	}
	rows, err := t.query(ctx, `SELECT a.id FROM appointments a WHERE a.tenant_id = ? AND a.staff_id = ?
		AND a.start_at > ? AND a.start_at < ? AND a.end_at > ? AND a.status IN ('pending', 'confirmed') AND a.id <> ?
		LIMIT 1`, tenantID, staffID, ts(start.Add(-booking.MaxDuration*time.Minute)), ts(end), ts(start), exceptID)
	if err != nil {
		return "", err
	}
	ids, err := scanStrings(rows)
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// AppointmentKey is a position in the appointment list's order (start_at,
// then id): the keyset cursor of the next page.
type AppointmentKey struct {
	StartAt time.Time
	ID      string
}

// AppointmentFilter narrows a listing of appointments. Only, when not nil,
// keeps the appointments at those outlets (a caller bound to outlets).
type AppointmentFilter struct {
	OutletID   string
	StaffID    string
	CustomerID string
	Status     string
	From, To   *time.Time // start_at in [From, To)
	Only       []string
	After      *AppointmentKey
	Limit      int
}

// ListAppointments returns a page of tenantID's appointments in start_at
// order (then id), after f.After when set.
func (t *Tx) ListAppointments(ctx context.Context, tenantID string, f AppointmentFilter) ([]booking.Appointment, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	where := []string{"a.tenant_id = ?"}
	args := []any{tenantID}
	for _, eq := range []struct{ col, v string }{{"a.outlet_id", f.OutletID}, {"a.staff_id", f.StaffID},
		{"a.customer_id", f.CustomerID}, {"a.status", f.Status}} {
		if eq.v != "" {
			where = append(where, eq.col+" = ?")
			args = append(args, eq.v)
		}
	}
	if f.From != nil {
		where = append(where, "a.start_at >= ?")
		args = append(args, ts(*f.From))
	}
	if f.To != nil {
		where = append(where, "a.start_at < ?")
		args = append(args, ts(*f.To))
	}
	if f.Only != nil {
		if len(f.Only) == 0 {
			return []booking.Appointment{}, nil
		}
		where = append(where, "a.outlet_id IN ("+qmarks(len(f.Only))+")")
		args = append(args, argsOf(f.Only)...)
	}
	if f.After != nil {
		// The first condition is the index range, the second the tie-break.
		where = append(where, "a.start_at >= ? AND (a.start_at > ? OR a.id > ?)")
		args = append(args, ts(f.After.StartAt), ts(f.After.StartAt), f.After.ID)
	}
	rows, err := t.query(ctx, `SELECT `+appointmentCols+` FROM appointments a WHERE `+strings.Join(where, " AND ")+
		` ORDER BY a.start_at, a.id LIMIT ?`, append(args, f.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []booking.Appointment{}
	for rows.Next() {
		var a booking.Appointment
		if err := rows.Scan(appointmentDest(&a)...); err != nil {
			return nil, fmt.Errorf("store: scan appointment: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list appointments: %w", err)
	}
	return out, nil
}

// AppointmentsCreated counts tenantID's appointments created in [from, to):
// the appointments_per_month meter.
func (t *Tx) AppointmentsCreated(ctx context.Context, tenantID string, from, to time.Time) (int64, error) {
	if err := t.scope(tenantID); err != nil {
		return 0, err
	}
	var n int64
	err := t.get(ctx, "", `SELECT COUNT(*) FROM appointments WHERE tenant_id = ? AND created_at >= ? AND created_at < ?`,
		[]any{tenantID, ts(from), ts(to)}, &n)
	return n, err
}
