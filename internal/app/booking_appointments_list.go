package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// AppointmentQuery narrows and pages a listing of appointments. From and
// To are days (YYYY-MM-DD, both included) in the time zone of the outlet
// when OutletID is given, else the tenant's.
type AppointmentQuery struct {
	OutletID, StaffID, CustomerID, Status string
	From, To                              string
	After                                 string // the opaque cursor of a previous page's Next
	Limit                                 int
}

// AppointmentPage is one page of appointments, in start order.
type AppointmentPage struct {
	Items []booking.Appointment
	Next  string // the cursor of the page after this one, "" at the end
}

// ListAppointments lists the appointments the caller sees, in start order
// (then id), a keyset cursor paging at any depth.
func (a *App) ListAppointments(ctx context.Context, p *auth.Principal, q AppointmentQuery) (*AppointmentPage, error) {
	acc, err := a.bookingAccess(ctx, p, membership.AppointmentsRead)
	if err != nil {
		return nil, err
	}
	var c errs.Collector
	for _, f := range []struct{ name, v string }{{"outlet_id", q.OutletID}, {"staff_id", q.StaffID}, {"customer_id", q.CustomerID}} {
		optional(&c, f.name, f.v, 100)
	}
	c.Check(q.Status != "" && !booking.Status(q.Status).Valid(), "status", "invalid_choice",
		"Must be pending, confirmed, completed, cancelled or no_show.")
	c.Check(q.Limit < 1 || q.Limit > 500, "limit", "invalid", "Must be between 1 and 500.")
	f := store.AppointmentFilter{OutletID: q.OutletID, StaffID: q.StaffID, CustomerID: q.CustomerID, Status: q.Status,
		Only: acc.only, Limit: q.Limit}
	if k := cursorParam(&c, "after", q.After); k != nil {
		f.After = &store.AppointmentKey{StartAt: k.CreatedAt, ID: k.ID}
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	var out AppointmentPage
	err = a.db.ReadTenant(ctx, acc.tenantID, func(tx *store.Tx) (err error) {
		if err := dayRange(ctx, tx, acc, q, &f); err != nil {
			return err
		}
		more := f
		more.Limit++ // one row past the page says whether there is a next one
		out.Items, err = tx.ListAppointments(ctx, acc.tenantID, more)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(out.Items) > f.Limit {
		out.Items = out.Items[:f.Limit]
		last := out.Items[f.Limit-1]
		out.Next = encodeCursor(store.TenantKey{CreatedAt: last.StartAt, ID: last.ID})
	}
	return &out, nil
}

// dayRange sets f's From and To from q's days, read in the outlet's time
// zone (or the tenant's).
func dayRange(ctx context.Context, tx *store.Tx, acc *outletAccess, q AppointmentQuery, f *store.AppointmentFilter) error {
	if q.From == "" && q.To == "" {
		return nil
	}
	loc := time.UTC
	if q.OutletID != "" {
		o, err := tx.GetOutlet(ctx, acc.tenantID, q.OutletID)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if err == nil {
			loc, _ = time.LoadLocation(o.Timezone)
		}
	} else {
		t, err := tx.GetTenant(ctx, acc.tenantID)
		if err != nil {
			return err
		}
		loc = tenantLocation(t.Settings.WithDefaults())
	}
	if loc == nil {
		loc = time.UTC
	}
	var c errs.Collector
	day := func(field, v string, next int) *time.Time {
		if v == "" {
			return nil
		}
		d, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			c.Add(field, "invalid_date", "Must be a day such as 2026-12-24.")
			return nil
		}
		d = d.AddDate(0, 0, next)
		return &d
	}
	f.From, f.To = day("from", q.From, 0), day("to", q.To, 1)
	c.Check(f.From != nil && f.To != nil && !f.To.After(*f.From), "to", "before_from", "Must not be before from.")
	return c.Err()
}
