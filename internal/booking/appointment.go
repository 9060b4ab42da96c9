package booking

import (
	"fmt"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/outlet"
)

// Status is where an appointment is in its lifecycle.
type Status string

// The statuses of an appointment. Completed, Cancelled and NoShow are
// final.
const (
	Pending   Status = "pending"
	Confirmed Status = "confirmed"
	Completed Status = "completed"
	Cancelled Status = "cancelled"
	NoShow    Status = "no_show"
)

// Statuses lists every status, in lifecycle order.
func Statuses() []Status { return []Status{Pending, Confirmed, Completed, Cancelled, NoShow} }

// next holds the transitions allowed from each status.
var next = map[Status][]Status{
	Pending:   {Confirmed, Cancelled, NoShow},
	Confirmed: {Completed, Cancelled, NoShow},
}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses(), s) }

// CanBecome reports whether an appointment in status s may move to to.
func (s Status) CanBecome(to Status) bool { return slices.Contains(next[s], to) }

// Holds reports whether an appointment in status s holds its staff
// member's time: pending and confirmed ones do.
func (s Status) Holds() bool { return s == Pending || s == Confirmed }

// Appointment is a customer's booking of one service with one staff member
// at one outlet, from StartAt to EndAt (StartAt plus the service's duration
// when booked). Price and Currency are the service's when booked.
type Appointment struct {
	TenantID        string
	ID              string
	OutletID        string
	CustomerID      string
	ServiceID       string
	StaffID         string
	StartAt         time.Time
	EndAt           time.Time
	StartMonth      string // YYYY-MM of StartAt in the tenant's time zone when booked
	Status          Status
	Notes           string
	Price           int64
	Currency        string
	CancelReason    string
	CreatedBy       string // the user id of who booked it, "" for an API key
	StatusChangedAt time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Limits of an appointment's fields.
const (
	MaxNotes        = 2000
	MaxCancelReason = 500
)

// Month is the calendar month of t in loc, as YYYY-MM.
func Month(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01") }

// Fits reports whether the span from start to end lies inside one interval
// of week on start's day, read in loc (an outlet's time zone), starting on
// a whole minute. A span that crosses midnight in loc never fits.
func Fits(week outlet.Hours, start, end time.Time, loc *time.Location) bool {
	s := start.In(loc)
	if !end.After(start) || s.Second() != 0 || s.Nanosecond() != 0 {
		return false
	}
	from := s.Hour()*60 + s.Minute()
	to := from + int(end.Sub(start).Minutes())
	for _, o := range week[dayName(s.Weekday())] {
		of, okf := outlet.Minutes(o.Open)
		ot, okt := outlet.Minutes(o.Close)
		if okf && okt && of <= from && to <= ot {
			return true
		}
	}
	return false
}

func dayName(d time.Weekday) string {
	return [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}[d]
}

// Validate checks what every stored appointment holds to, reporting each
// problem to c: a known status, an end after the start, its references,
// and notes and cancellation reason within their lengths. The booking
// rules (hours, overlaps, the window) are the booking's, checked when it
// is made.
func (a *Appointment) Validate(c *errs.Collector) {
	c.Check(!a.Status.Valid(), "status", "invalid_choice", "Not an appointment status.")
	c.Check(!a.EndAt.After(a.StartAt), "end_at", "out_of_range", "Must be after start_at.")
	c.Check(a.OutletID == "" || a.CustomerID == "" || a.ServiceID == "" || a.StaffID == "", "references", "required",
		"An appointment names its outlet, customer, service and staff member.")
	c.Check(utf8.RuneCountInString(a.Notes) > MaxNotes, "notes", "too_long", fmt.Sprintf("At most %d characters.", MaxNotes))
	c.Check(utf8.RuneCountInString(a.CancelReason) > MaxCancelReason, "cancel_reason", "too_long",
		fmt.Sprintf("At most %d characters.", MaxCancelReason))
	c.Check(a.Price < 0 || a.Price > MaxPrice, "price", "out_of_range", "Must be a whole number of minor units, 0 or more.")
}
