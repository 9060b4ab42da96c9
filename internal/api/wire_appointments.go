package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
)

// Appointment is a customer's booking of one service with one staff member
// at one outlet. end_at is start_at plus the service's duration when
// booked; price (minor units) and currency are the service's then.
type Appointment struct {
	ID              string    `json:"id"`
	TenantID        string    `json:"tenant_id"`
	OutletID        string    `json:"outlet_id"`
	CustomerID      string    `json:"customer_id"`
	ServiceID       string    `json:"service_id"`
	StaffID         string    `json:"staff_id"`
	StartAt         time.Time `json:"start_at"`
	EndAt           time.Time `json:"end_at"`
	Status          string    `json:"status"`
	Notes           string    `json:"notes"`
	Price           int64     `json:"price"`
	Currency        string    `json:"currency"`
	CancelReason    string    `json:"cancel_reason,omitempty"`
	CreatedBy       string    `json:"created_by,omitempty"`
	StatusChangedAt time.Time `json:"status_changed_at"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// AppointmentRequest books an appointment (outlet_id, customer_id,
// service_id, staff_id and start_at required) or changes one (PUT:
// staff_id, start_at and notes only). start_at is an RFC 3339 time with
// its offset (2026-12-24T10:00:00+08:00).
type AppointmentRequest struct {
	OutletID   *string `json:"outlet_id,omitempty"`
	CustomerID *string `json:"customer_id,omitempty"`
	ServiceID  *string `json:"service_id,omitempty"`
	StaffID    *string `json:"staff_id,omitempty"`
	StartAt    *string `json:"start_at,omitempty"`
	Notes      *string `json:"notes,omitempty"`
}

// AppointmentStatusRequest moves an appointment to status; reason goes with
// a cancellation, override (owner, tenant_admin) with a late one.
type AppointmentStatusRequest struct {
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"`
	Override bool   `json:"override,omitempty"`
}

// AppointmentList is a page of appointments in start order. Next, when
// set, is the after cursor of the following page.
type AppointmentList struct {
	Items []Appointment `json:"items"`
	Next  string        `json:"next,omitempty"`
}

// input is the request as the use case takes it; a start_at that is no
// RFC 3339 time is a field error.
func (r *AppointmentRequest) input() (app.AppointmentInput, error) {
	in := app.AppointmentInput{OutletID: r.OutletID, CustomerID: r.CustomerID, ServiceID: r.ServiceID, StaffID: r.StaffID,
		Notes: r.Notes}
	if r.StartAt != nil {
		t, err := time.Parse(time.RFC3339, *r.StartAt)
		if err != nil {
			return in, errs.Fields(errs.FieldError{Field: "start_at", Code: "invalid_time",
				Message: "Must be an RFC 3339 time such as 2026-12-24T10:00:00+08:00."})
		}
		in.StartAt = &t
	}
	return in, nil
}

func appointmentOf(a *booking.Appointment) Appointment {
	return Appointment{ID: a.ID, TenantID: a.TenantID, OutletID: a.OutletID, CustomerID: a.CustomerID, ServiceID: a.ServiceID,
		StaffID: a.StaffID, StartAt: a.StartAt, EndAt: a.EndAt, Status: string(a.Status), Notes: a.Notes, Price: a.Price,
		Currency: a.Currency, CancelReason: a.CancelReason, CreatedBy: a.CreatedBy, StatusChangedAt: a.StatusChangedAt,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}
