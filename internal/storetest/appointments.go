package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// appointmentCases cover appointments (round trip, the overlap query, the
// listing's filters and keyset, the monthly meter) and the export records
// (isolation: foreign.go).
func appointmentCases() map[string]Case {
	return map[string]Case{
		"AppointmentRoundTrip": testAppointmentRoundTrip,
		"AppointmentStaffBusy": testAppointmentStaffBusy,
		"AppointmentList":      testAppointmentList,
		"AppointmentMeter":     testAppointmentMeter,
		"ExportRecords":        testExportRecords,
	}
}

func newAppointment(outletID string, c *customer.Customer, s *booking.Service, f *booking.Staff, start, at time.Time) *booking.Appointment {
	start = start.UTC().Truncate(time.Minute)
	return &booking.Appointment{TenantID: c.TenantID, ID: id.NewAt(id.Appointment, at), OutletID: outletID, CustomerID: c.ID,
		ServiceID: s.ID, StaffID: f.ID, StartAt: start, EndAt: start.Add(time.Duration(s.DurationMinutes) * time.Minute),
		StartMonth: start.Format("2006-01"), Status: booking.Pending, Notes: "", Price: s.Price, Currency: s.Currency,
		StatusChangedAt: at, CreatedAt: at, UpdatedAt: at}
}

// bookingFixture is a tenant with an outlet, a service, two staff members
// and a customer.
type bookingFixture struct {
	tenantID string
	outletID string
	service  *booking.Service
	staff    [2]*booking.Staff
	customer *customer.Customer
}

func seedBooking(t *testing.T, db *store.DB, slug string) *bookingFixture {
	t.Helper()
	x, _ := seed(t, db, slug)
	o := newOutlet(x.ID, "Main", "")
	createOutlets(t, db, o)
	f := &bookingFixture{tenantID: x.ID, outletID: o.ID, service: newService(x.ID, "Cut")}
	f.staff[0], f.staff[1] = newStaff(x.ID, "Ana", []string{o.ID}, f.service.ID), newStaff(x.ID, "Ben", []string{o.ID}, f.service.ID)
	f.customer = newCustomer(x.ID, "Carla", "carla@example.com", "", now)
	createCustomers(t, db, f.customer)
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		if err := tx.CreateService(ctx, f.service); err != nil {
			return err
		}
		for _, s := range f.staff {
			if err := tx.CreateStaff(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	return f
}

func (f *bookingFixture) book(t *testing.T, db *store.DB, staff int, start time.Time) *booking.Appointment {
	t.Helper()
	a := newAppointment(f.outletID, f.customer, f.service, f.staff[staff], start, now)
	inTx(t, db, f.tenantID, func(tx *store.Tx) error { return tx.CreateAppointment(ctx, a) })
	return a
}

func testAppointmentRoundTrip(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "appt-rt")
	a := f.book(t, db, 0, now.Add(48*time.Hour))
	a.Notes = "window seat"
	var got *booking.Appointment
	inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
		if err := tx.UpdateAppointment(ctx, a); err != nil {
			return err
		}
		got, err = tx.GetAppointment(ctx, f.tenantID, a.ID)
		return err
	})
	if !reflect.DeepEqual(got, a) {
		t.Fatalf("appointment round trip:\n got %+v\nwant %+v", got, a)
	}
	inTx(t, db, f.tenantID, func(tx *store.Tx) error {
		_, err := tx.GetAppointment(ctx, f.tenantID, "apt_missing")
		wantNotFound(t, "GetAppointment missing", err)
		return nil
	})
}

func testAppointmentStaffBusy(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "appt-busy")
	start := now.Add(72 * time.Hour).Truncate(time.Hour)
	a := f.book(t, db, 0, start) // 45 minutes
	for name, tc := range map[string]struct {
		staff     int
		from, to  time.Duration
		except    string
		wantBusy  bool
		cancelled bool
	}{
		"same slot":        {0, 0, 45 * time.Minute, "", true, false},
		"overlaps the end": {0, 30 * time.Minute, 60 * time.Minute, "", true, false},
		"ends at start":    {0, -30 * time.Minute, 0, "", false, false},
		"starts at end":    {0, 45 * time.Minute, 90 * time.Minute, "", false, false},
		"other staff":      {1, 0, 45 * time.Minute, "", false, false},
		"itself excepted":  {0, 0, 45 * time.Minute, a.ID, false, false},
		"around it":        {0, -time.Hour, 2 * time.Hour, "", true, false},
	} {
		var got string
		inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
			got, err = tx.StaffBusy(ctx, f.tenantID, f.staff[tc.staff].ID, tc.except, start.Add(tc.from), start.Add(tc.to))
			return err
		})
		if (got != "") != tc.wantBusy {
			t.Errorf("%s: busy with %q, want busy %v", name, got, tc.wantBusy)
		}
	}
	a.Status = booking.Cancelled
	var got string
	inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
		if err := tx.UpdateAppointment(ctx, a); err != nil {
			return err
		}
		got, err = tx.StaffBusy(ctx, f.tenantID, f.staff[0].ID, "", start, start.Add(45*time.Minute))
		return err
	})
	if got != "" {
		t.Errorf("a cancelled appointment still holds the time: %q", got)
	}
}

func testAppointmentList(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "appt-list")
	day := now.Add(24 * time.Hour).Truncate(24 * time.Hour)
	var all []*booking.Appointment
	for i := range 5 {
		all = append(all, f.book(t, db, i%2, day.Add(time.Duration(i)*time.Hour)))
	}
	list := func(fl store.AppointmentFilter) []string {
		var got []booking.Appointment
		inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) { got, err = tx.ListAppointments(ctx, f.tenantID, fl); return })
		ids := []string{}
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		return ids
	}
	ids := func(list ...*booking.Appointment) []string {
		out := []string{}
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	from, to := day.Add(time.Hour), day.Add(3*time.Hour)
	for name, tc := range map[string]struct {
		f    store.AppointmentFilter
		want []string
	}{
		"all":       {store.AppointmentFilter{Limit: 10}, ids(all...)},
		"page":      {store.AppointmentFilter{Limit: 2}, ids(all[0], all[1])},
		"after":     {store.AppointmentFilter{Limit: 2, After: &store.AppointmentKey{StartAt: all[1].StartAt, ID: all[1].ID}}, ids(all[2], all[3])},
		"staff":     {store.AppointmentFilter{Limit: 10, StaffID: f.staff[1].ID}, ids(all[1], all[3])},
		"range":     {store.AppointmentFilter{Limit: 10, From: &from, To: &to}, ids(all[1], all[2])},
		"customer":  {store.AppointmentFilter{Limit: 10, CustomerID: f.customer.ID, Status: "pending"}, ids(all...)},
		"status":    {store.AppointmentFilter{Limit: 10, Status: "confirmed"}, []string{}},
		"only none": {store.AppointmentFilter{Limit: 10, Only: []string{}}, []string{}},
		"only":      {store.AppointmentFilter{Limit: 10, Only: []string{f.outletID}, OutletID: f.outletID}, ids(all...)},
	} {
		if got := list(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}

func testAppointmentMeter(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "appt-meter")
	f.book(t, db, 0, now.Add(24*time.Hour))
	f.book(t, db, 1, now.Add(24*time.Hour))
	var u plan.Usage
	var n int64
	inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
		if u, err = tx.Usage(ctx, f.tenantID, now); err != nil {
			return err
		}
		n, err = tx.AppointmentsCreated(ctx, f.tenantID, now.Add(time.Hour), now.Add(2*time.Hour))
		return err
	})
	if u[plan.AppointmentsPerMonth] != 2 || n != 0 {
		t.Errorf("appointments this month %d, in a later hour %d; want 2 and 0", u[plan.AppointmentsPerMonth], n)
	}
}

func testExportRecords(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "export-records")
	var last *time.Time
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { last, err = tx.LastCompletedExport(ctx, x.ID); return })
	if last != nil {
		t.Fatalf("last export of a new tenant: %v", last)
	}
	e := &store.TenantExport{TenantID: x.ID, ID: id.New(id.Export), Format: "ndjson", StartedAt: now}
	done := now.Add(time.Minute)
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		if err := tx.StartExport(ctx, e); err != nil {
			return err
		}
		if last, err := tx.LastCompletedExport(ctx, x.ID); err != nil || last != nil {
			t.Errorf("an export only started counts as completed: %v %v", last, err)
		}
		if err := tx.CompleteExport(ctx, x.ID, e.ID, 10, 2048, done); err != nil {
			return err
		}
		wantNotFound(t, "CompleteExport twice", tx.CompleteExport(ctx, x.ID, e.ID, 10, 2048, done))
		last, err := tx.LastCompletedExport(ctx, x.ID)
		if err != nil || last == nil || !last.Equal(done) {
			t.Errorf("last completed export %v %v, want %v", last, err, done)
		}
		return nil
	})
}

func wantNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("%s: %v, want NotFound", what, err)
	}
}
