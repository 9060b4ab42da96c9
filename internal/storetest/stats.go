package storetest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// statsCases cover the tenant statistics: the counters the triggers keep
// against a full recount after a random mix of writes, the figures of a
// small tenant, the bulk appointment insert, and the overview's billing
// reads (isolation: statsForeignChecks).
func statsCases() map[string]Case {
	return map[string]Case{
		"StatCountersRecount": testStatCountersRecount,
		"StatCounts":          testStatCounts,
		"CreateAppointments":  testCreateAppointments,
		"OverviewBilling":     testOverviewBilling,
	}
}

// statsForeignChecks are the foreign-tenant checks of the statistics
// methods (foreignChecks).
func statsForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"StatCounts": func(tx *store.Tx, b *foreign) error {
			_, err := tx.StatCounts(ctx, b.tenant.ID, now.Format("2006-01"), now.AddDate(0, 0, -30))
			return err
		},
		"RecountStats": func(tx *store.Tx, b *foreign) error {
			_, err := tx.RecountStats(ctx, b.tenant.ID, now.Format("2006-01"), now.AddDate(0, 0, -30))
			return err
		},
		"CreateAppointments": func(tx *store.Tx, b *foreign) error {
			a := *b.appt
			a.ID = id.New(id.Appointment)
			return tx.CreateAppointments(ctx, b.tenant.ID, []*booking.Appointment{&a})
		},
		"Subscriptions": func(tx *store.Tx, b *foreign) error { _, err := tx.Subscriptions(ctx, b.tenant.ID); return err },
		"UnpaidPayments": func(tx *store.Tx, b *foreign) error {
			_, err := tx.UnpaidPayments(ctx, b.tenant.ID, 10)
			return err
		},
	}
}

// statMonths are the months the random mix books in.
var statMonths = []string{"2026-10", "2026-11", "2026-12"}

// statMix drives a random mix of writes on a booking fixture, in
// transactions of a few writes each.
type statMix struct {
	t         *testing.T
	db        *store.DB
	f         *bookingFixture
	rng       *rand.Rand
	appts     []*booking.Appointment // live
	customers []*customer.Customer   // live, without appointments
}

func (m *statMix) appointment() *booking.Appointment {
	a := newAppointment(m.f.outletID, m.f.customer, m.f.service, m.f.staff[m.rng.IntN(2)], now, now)
	a.StartMonth = statMonths[m.rng.IntN(len(statMonths))]
	a.Status = booking.Statuses()[m.rng.IntN(len(booking.Statuses()))]
	return a
}

// step makes one random write in tx.
func (m *statMix) step(tx *store.Tx) error {
	pick := func() int { return m.rng.IntN(len(m.appts)) }
	switch op := m.rng.IntN(10); {
	case op == 0 || len(m.appts) == 0:
		a := m.appointment()
		m.appts = append(m.appts, a)
		return tx.CreateAppointment(ctx, a)
	case op == 1:
		var as []*booking.Appointment
		for range 1 + m.rng.IntN(30) {
			as = append(as, m.appointment())
		}
		m.appts = append(m.appts, as...)
		return tx.CreateAppointments(ctx, m.f.tenantID, as)
	case op == 2:
		a := m.appts[pick()]
		a.Status = booking.Statuses()[m.rng.IntN(len(booking.Statuses()))]
		return tx.UpdateAppointment(ctx, a)
	case op == 3:
		a := m.appts[pick()]
		a.StartMonth = statMonths[m.rng.IntN(len(statMonths))]
		return tx.UpdateAppointment(ctx, a)
	case op == 4:
		i := pick()
		a := m.appts[i]
		m.appts = append(m.appts[:i], m.appts[i+1:]...)
		_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`DELETE FROM appointments WHERE tenant_id = ? AND id = ?`), a.TenantID, a.ID)
		return err
	case op == 5: // one statement changing many rows
		month := statMonths[m.rng.IntN(len(statMonths))]
		_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`UPDATE appointments SET status = 'cancelled'
			WHERE tenant_id = ? AND start_month = ? AND status = 'pending'`), m.f.tenantID, month)
		for _, a := range m.appts {
			if a.StartMonth == month && a.Status == booking.Pending {
				a.Status = booking.Cancelled
			}
		}
		return err
	case op == 6 || len(m.customers) == 0:
		at := now.Add(-time.Duration(m.rng.IntN(40*24)) * time.Hour).Add(-time.Duration(m.rng.IntN(3600)) * time.Second)
		c := newCustomer(m.f.tenantID, fmt.Sprintf("Mix %d", m.rng.IntN(1e6)), "", "", at)
		c.Status = customer.Statuses()[m.rng.IntN(3)]
		m.customers = append(m.customers, c)
		return tx.CreateCustomer(ctx, c)
	case op == 7:
		c := m.customers[m.rng.IntN(len(m.customers))]
		c.Status = customer.Statuses()[m.rng.IntN(3)]
		return tx.UpdateCustomer(ctx, c)
	case op == 8:
		i := m.rng.IntN(len(m.customers))
		c := m.customers[i]
		m.customers = append(m.customers[:i], m.customers[i+1:]...)
		return tx.DeleteCustomer(ctx, c.TenantID, c.ID, now)
	default: // a hard delete (an erasure)
		i := m.rng.IntN(len(m.customers))
		c := m.customers[i]
		m.customers = append(m.customers[:i], m.customers[i+1:]...)
		_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`DELETE FROM customers WHERE tenant_id = ? AND id = ?`), c.TenantID, c.ID)
		return err
	}
}

// testStatCountersRecount holds the counters to a full recount after a
// random mix of inserts (single and bulk), status and month changes, a
// many-row update, deletes, and customer sign-ups, status changes, soft
// and hard deletions; and the other tenant's counters untouched.
func testStatCountersRecount(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "stats-mix")
	other := seedBooking(t, db, "stats-mix-other")
	m := &statMix{t: t, db: db, f: f, rng: rand.New(rand.NewPCG(11, 29))}
	for range 60 {
		inTx(t, db, f.tenantID, func(tx *store.Tx) error {
			for range 1 + m.rng.IntN(6) {
				if err := m.step(tx); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, month := range append(statMonths, "2027-01") {
		for _, since := range []time.Time{now.AddDate(0, 0, -30), now.Add(-10*24*time.Hour - 90*time.Minute), now.AddDate(0, 0, -60), now} {
			var counted, recounted *store.StatCounts
			inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
				if counted, err = tx.StatCounts(ctx, f.tenantID, month, since); err != nil {
					return err
				}
				recounted, err = tx.RecountStats(ctx, f.tenantID, month, since)
				return err
			})
			if !reflect.DeepEqual(counted, recounted) {
				t.Errorf("%s since %s: counters\n%+v\nrecount\n%+v", month, since, counted, recounted)
			}
			want := map[booking.Status]int{}
			for _, st := range booking.Statuses() {
				want[st] = 0
			}
			for _, a := range m.appts {
				if a.StartMonth == month {
					want[a.Status]++
				}
			}
			if !reflect.DeepEqual(counted.Appointments, want) {
				t.Errorf("%s: appointments %v, want %v (the writes made)", month, counted.Appointments, want)
			}
		}
	}
	var theirs *store.StatCounts
	inTx(t, db, other.tenantID, func(tx *store.Tx) (err error) {
		theirs, err = tx.StatCounts(ctx, other.tenantID, "2026-11", now.AddDate(0, 0, -30))
		return err
	})
	if n := theirs.Appointments[booking.Pending] + theirs.Appointments[booking.Cancelled]; n != 0 || theirs.Customers.Total != 1 {
		t.Errorf("the other tenant's counters moved: %+v", theirs)
	}
}

// testStatCounts checks the figures of a small tenant: live outlets by
// state, memberships by role and state, live customers with the recent
// sign-ups' window from the start of since's UTC day, and the month's
// appointments.
func testStatCounts(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "stats-figures") // an owner, an active outlet, a customer created now
	closed, gone := newOutlet(f.tenantID, "Closed", ""), newOutlet(f.tenantID, "Gone", "")
	closed.Active = false
	createOutlets(t, db, closed, gone)
	inTx(t, db, f.tenantID, func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, f.tenantID, gone.ID, now) })

	admin, staff, locked := newUser("stats-admin@example.com"), newUser("stats-staff@example.com"), newUser("stats-off@example.com")
	locked.IsActive = false
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for i, u := range []*identity.User{admin, staff, locked} {
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			role, status := []membership.Role{membership.TenantAdmin, membership.Staff, membership.Staff}[i], membership.Active
			if u == staff {
				status = membership.Inactive
			}
			if err := tx.CreateMembership(ctx, &membership.Membership{TenantID: f.tenantID, UserID: u.ID, ID: id.New(id.Membership),
				Role: role, Status: status, CreatedAt: now, UpdatedAt: now}); err != nil {
				return err
			}
		}
		return nil
	}))

	since := now.AddDate(0, 0, -30) // 12:00 UTC: the window starts at that day's midnight
	blocked := newCustomer(f.tenantID, "Blocked", "", "", since.Add(time.Hour))
	blocked.Status = customer.Blocked
	early := newCustomer(f.tenantID, "Early", "", "", store.DayStart(since))                          // the window's first instant, inside
	before := newCustomer(f.tenantID, "Before", "", "", store.DayStart(since).Add(-time.Microsecond)) // outside
	old := newCustomer(f.tenantID, "Old", "", "", now.AddDate(0, -3, 0))
	deleted := newCustomer(f.tenantID, "Deleted", "", "", now)
	createCustomers(t, db, blocked, early, before, old, deleted)
	inTx(t, db, f.tenantID, func(tx *store.Tx) error { return tx.DeleteCustomer(ctx, f.tenantID, deleted.ID, now) })

	var as []*booking.Appointment
	for i, st := range []booking.Status{booking.Pending, booking.Pending, booking.Confirmed, booking.NoShow, booking.Completed} {
		a := newAppointment(f.outletID, f.customer, f.service, f.staff[0], now.Add(time.Duration(i)*time.Hour), now)
		a.Status = st
		if i == 4 {
			a.StartMonth = "2026-12"
		}
		as = append(as, a)
	}
	inTx(t, db, f.tenantID, func(tx *store.Tx) error { return tx.CreateAppointments(ctx, f.tenantID, as) })

	want := &store.StatCounts{
		Outlets: store.OutletCounts{Total: 2, Active: 1, Inactive: 1},
		Users: store.UserCounts{Total: 4, Active: 2, ByRole: map[membership.Role]int{membership.Owner: 1,
			membership.TenantAdmin: 1, membership.OutletManager: 0, membership.Staff: 2, membership.Receptionist: 0,
			membership.Viewer: 0}},
		Customers: store.CustomerCounts{Total: 5, Active: 4, RecentSignups: 3},
		Appointments: map[booking.Status]int{booking.Pending: 2, booking.Confirmed: 1, booking.Completed: 0,
			booking.Cancelled: 0, booking.NoShow: 1},
	}
	var got, recount *store.StatCounts
	inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
		if got, err = tx.StatCounts(ctx, f.tenantID, "2026-11", since); err != nil {
			return err
		}
		recount, err = tx.RecountStats(ctx, f.tenantID, "2026-11", since)
		return err
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stat counts:\n got %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(recount, want) {
		t.Errorf("recount:\n got %+v\nwant %+v", recount, want)
	}
}

// testCreateAppointments inserts more rows than one statement carries and
// reads them back exactly.
func testCreateAppointments(t *testing.T, db *store.DB) {
	f := seedBooking(t, db, "stats-bulk")
	var as []*booking.Appointment
	for i := range 1203 {
		as = append(as, newAppointment(f.outletID, f.customer, f.service, f.staff[i%2], now.Add(time.Duration(i)*time.Hour), now))
	}
	inTx(t, db, f.tenantID, func(tx *store.Tx) error { return tx.CreateAppointments(ctx, f.tenantID, as) })
	inTx(t, db, f.tenantID, func(tx *store.Tx) error {
		for _, i := range []int{0, 499, 500, 1202} {
			got, err := tx.GetAppointment(ctx, f.tenantID, as[i].ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, as[i]) {
				t.Errorf("appointment %d:\n got %+v\nwant %+v", i, got, as[i])
			}
		}
		return nil
	})
	var s *store.StatCounts
	inTx(t, db, f.tenantID, func(tx *store.Tx) (err error) {
		s, err = tx.StatCounts(ctx, f.tenantID, "2026-12", now)
		return err
	})
	wantDec := 0
	for _, a := range as {
		if a.StartMonth == "2026-12" {
			wantDec++
		}
	}
	if s.Appointments[booking.Pending] != wantDec || wantDec == 0 {
		t.Errorf("December's pending appointments: %d, want %d", s.Appointments[booking.Pending], wantDec)
	}
}

// testOverviewBilling reads a tenant's subscriptions and its unpaid
// invoices (open and failed, newest first).
func testOverviewBilling(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "stats-billing")
	var subs []plan.Subscription
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { subs, err = tx.Subscriptions(ctx, x.ID); return err })
	if len(subs) != 1 || subs[0].Plan == "" || subs[0].TenantID != x.ID {
		t.Fatalf("subscriptions: %+v", subs)
	}
	var pays []*plan.Payment
	for i, st := range []plan.PaymentStatus{plan.PaymentPaid, plan.PaymentOpen, plan.PaymentFailed, plan.PaymentRefunded} {
		p := newPayment(&subs[0], fmt.Sprintf("in_%d", i))
		p.Status, p.CreatedAt = st, now.Add(time.Duration(i)*time.Minute)
		pays = append(pays, p)
	}
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		for _, p := range pays {
			if err := tx.CreatePayment(ctx, p); err != nil {
				return err
			}
		}
		return nil
	})
	var unpaid []plan.Payment
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { unpaid, err = tx.UnpaidPayments(ctx, x.ID, 10); return err })
	if len(unpaid) != 2 || unpaid[0].ID != pays[2].ID || unpaid[1].ID != pays[1].ID {
		t.Errorf("unpaid payments: %+v, want the failed then the open one", unpaid)
	}
	y, _ := seed(t, db, "stats-billing-none")
	inTx(t, db, y.ID, func(tx *store.Tx) (err error) { unpaid, err = tx.UnpaidPayments(ctx, y.ID, 10); return err })
	if unpaid == nil || len(unpaid) != 0 {
		t.Errorf("no unpaid payments: %#v, want an empty list", unpaid)
	}
}
