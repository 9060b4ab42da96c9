package storetest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// bookingCases cover services and staff: round trips with their outlets,
// availability and services, soft deletion, listings with their filters,
// MissingServices and the staff meter (isolation: foreign.go).
func bookingCases() map[string]Case {
	return map[string]Case{
		"ServiceRoundTrip": testServiceRoundTrip,
		"ServiceList":      testServiceList,
		"StaffRoundTrip":   testStaffRoundTrip,
		"StaffList":        testStaffList,
	}
}

func newService(tenantID, name string, outletIDs ...string) *booking.Service {
	if outletIDs == nil {
		outletIDs = []string{}
	}
	return &booking.Service{TenantID: tenantID, ID: id.New(id.Service), Name: name, Category: "Hair", DurationMinutes: 45,
		Price: 2500, Currency: "PHP", TenantWide: len(outletIDs) == 0, OutletIDs: outletIDs, Active: true, CreatedAt: now, UpdatedAt: now}
}

func newStaff(tenantID, name string, outletIDs []string, serviceIDs ...string) *booking.Staff {
	if serviceIDs == nil {
		serviceIDs = []string{}
	}
	return &booking.Staff{TenantID: tenantID, ID: id.New(id.StaffMember), Name: name, Skills: []string{},
		OutletIDs: outletIDs, ServiceIDs: serviceIDs, Availability: map[string]outlet.Hours{}, Active: true,
		CreatedAt: now, UpdatedAt: now}
}

func inTx(t *testing.T, db *store.DB, tenantID string, fn func(tx *store.Tx) error) {
	t.Helper()
	must(t, db.InTenant(ctx, tenantID, fn))
}

func testServiceRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "service-rt")
	a, b := newOutlet(x.ID, "A", ""), newOutlet(x.ID, "B", "")
	createOutlets(t, db, a, b)
	s := newService(x.ID, "Haircut", a.ID, b.ID)
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.CreateService(ctx, s) })
	var got *booking.Service
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetService(ctx, x.ID, s.ID); return })
	slices.Sort(s.OutletIDs) // reads list them in id order
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("service round trip:\n got %+v\nwant %+v", got, s)
	}
	s.Name, s.Price, s.Currency, s.Active, s.OutletIDs, s.UpdatedAt = "Cut", 0, "USD", false, []string{b.ID}, now.Add(1e9)
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.UpdateService(ctx, s) })
	// A deleted outlet leaves the service's outlets; the service stays limited.
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, x.ID, b.ID, now) })
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetService(ctx, x.ID, s.ID); return })
	if want := *s; got.Name != "Cut" || got.Currency != "USD" || got.Active || got.TenantWide || len(got.OutletIDs) != 0 ||
		!got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Fatalf("after update: %+v", got)
	}
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.DeleteService(ctx, x.ID, s.ID, now) })
	err := db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetService(ctx, x.ID, s.ID); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "service_not_found" {
		t.Fatalf("deleted service: %v", err)
	}
	err = db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteService(ctx, x.ID, s.ID, now) })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("second delete: %v", err)
	}
}

func testServiceList(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "service-list")
	a, b := newOutlet(x.ID, "A", ""), newOutlet(x.ID, "B", "")
	createOutlets(t, db, a, b)
	wide, atA, atB := newService(x.ID, "Everywhere"), newService(x.ID, "At A", a.ID), newService(x.ID, "At B", b.ID)
	atB.Category, atB.Active = "Nails", false
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		for _, s := range []*booking.Service{wide, atA, atB} {
			if err := tx.CreateService(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	off := false
	for name, c := range map[string]struct {
		f    store.ServiceFilter
		want []string
	}{
		"all by name":   {store.ServiceFilter{Limit: 10}, []string{atA.ID, atB.ID, wide.ID}},
		"page":          {store.ServiceFilter{Skip: 1, Limit: 1}, []string{atB.ID}},
		"at outlet A":   {store.ServiceFilter{OutletID: a.ID, Limit: 10}, []string{atA.ID, wide.ID}},
		"bound to B":    {store.ServiceFilter{Only: []string{b.ID}, Limit: 10}, []string{atB.ID, wide.ID}},
		"bound to none": {store.ServiceFilter{Only: []string{}, Limit: 10}, []string{wide.ID}},
		"category":      {store.ServiceFilter{Category: "NAILS", Limit: 10}, []string{atB.ID}},
		"inactive":      {store.ServiceFilter{Active: &off, Limit: 10}, []string{atB.ID}},
	} {
		var list []booking.Service
		var total int
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			list, total, err = tx.ListServices(ctx, x.ID, c.f)
			return
		}))
		var got []string
		for _, s := range list {
			got = append(got, s.ID)
		}
		if !reflect.DeepEqual(got, c.want) || (c.f.Skip == 0 && total != len(c.want)) {
			t.Errorf("%s: %v (total %d), want %v", name, got, total, c.want)
		}
	}
	var missing []string
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		missing, err = tx.MissingServices(ctx, x.ID, []string{atA.ID, "svc_nothing", atB.ID, wide.ID}, []string{b.ID})
		return
	}))
	if !reflect.DeepEqual(missing, []string{atA.ID, "svc_nothing"}) {
		t.Errorf("missing services for a member bound to B: %v", missing)
	}
}

func testStaffRoundTrip(t *testing.T, db *store.DB) {
	x, owner := seed(t, db, "staff-rt")
	a, b := newOutlet(x.ID, "A", ""), newOutlet(x.ID, "B", "")
	createOutlets(t, db, a, b)
	cut, color := newService(x.ID, "Cut"), newService(x.ID, "Color")
	s := newStaff(x.ID, "Ana", []string{a.ID, b.ID}, cut.ID, color.ID)
	s.Email, s.Phone, s.UserID, s.Position, s.CommissionBP = "ana@example.com", "+63 2 555 0101", owner.ID, "Stylist", 1250
	s.Skills = []string{"Cutting", "Coloring"}
	s.Availability = map[string]outlet.Hours{a.ID: {"monday": {{Open: "09:00", Close: "12:00"}}}}
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		for _, v := range []*booking.Service{cut, color} {
			if err := tx.CreateService(ctx, v); err != nil {
				return err
			}
		}
		return tx.CreateStaff(ctx, s)
	})
	var got *booking.Staff
	get := func() {
		t.Helper()
		inTx(t, db, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetStaff(ctx, x.ID, s.ID); return })
	}
	get()
	slices.Sort(s.OutletIDs) // reads list them in id order
	slices.Sort(s.ServiceIDs)
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("staff round trip:\n got %+v\nwant %+v", got, s)
	}
	var linked string
	inTx(t, db, x.ID, func(tx *store.Tx) (err error) { linked, err = tx.StaffOfUser(ctx, x.ID, owner.ID); return })
	if linked != s.ID {
		t.Errorf("StaffOfUser: %q", linked)
	}
	// A second live profile of the same user breaks the unique key.
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		twin := newStaff(x.ID, "Twin", []string{})
		twin.UserID = owner.ID
		return tx.CreateStaff(ctx, twin)
	})
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("second profile of one user: %v", err)
	}
	s.OutletIDs, s.ServiceIDs, s.CommissionBP, s.UserID = []string{b.ID}, []string{color.ID}, 0, ""
	s.Availability = map[string]outlet.Hours{b.ID: {"friday": {{Open: "10:00", Close: "11:00"}}}}
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.UpdateStaff(ctx, s) })
	get()
	if !reflect.DeepEqual(got, s) {
		t.Fatalf("after update:\n got %+v\nwant %+v", got, s)
	}
	// Deleted outlets and services leave the profile.
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		if err := tx.DeleteOutlet(ctx, x.ID, b.ID, now); err != nil {
			return err
		}
		return tx.DeleteService(ctx, x.ID, color.ID, now)
	})
	get()
	if len(got.OutletIDs) != 0 || len(got.ServiceIDs) != 0 || len(got.Availability) != 0 {
		t.Fatalf("deleted references kept: %+v", got)
	}
	usage := func() int64 {
		var u plan.Usage
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { u, err = tx.Usage(ctx, x.ID, now); return }))
		return u[plan.Staff]
	}
	if n := usage(); n != 1 {
		t.Errorf("staff usage %d, want 1", n)
	}
	inTx(t, db, x.ID, func(tx *store.Tx) error { return tx.DeleteStaff(ctx, x.ID, s.ID, now) })
	if n := usage(); n != 0 {
		t.Errorf("staff usage after deletion %d, want 0", n)
	}
	err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetStaff(ctx, x.ID, s.ID); return err })
	if errs.CodeOf(err) != "staff_not_found" {
		t.Fatalf("deleted staff: %v", err)
	}
}

func testStaffList(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "staff-list")
	a, b := newOutlet(x.ID, "A", ""), newOutlet(x.ID, "B", "")
	createOutlets(t, db, a, b)
	cut := newService(x.ID, "Cut")
	ann, bob, cy := newStaff(x.ID, "Ann", []string{a.ID}, cut.ID), newStaff(x.ID, "Bob", []string{b.ID}), newStaff(x.ID, "Cy", []string{})
	cy.Active = false
	inTx(t, db, x.ID, func(tx *store.Tx) error {
		if err := tx.CreateService(ctx, cut); err != nil {
			return err
		}
		for _, s := range []*booking.Staff{cy, bob, ann} {
			if err := tx.CreateStaff(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	on := true
	for name, c := range map[string]struct {
		f    store.StaffFilter
		want []string
	}{
		"all by name":   {store.StaffFilter{Limit: 10}, []string{ann.ID, bob.ID, cy.ID}},
		"at B":          {store.StaffFilter{OutletID: b.ID, Limit: 10}, []string{bob.ID}},
		"bound to A":    {store.StaffFilter{Only: []string{a.ID}, Limit: 10}, []string{ann.ID}},
		"bound to none": {store.StaffFilter{Only: []string{}, Limit: 10}, nil},
		"providing cut": {store.StaffFilter{ServiceID: cut.ID, Limit: 10}, []string{ann.ID}},
		"active":        {store.StaffFilter{Active: &on, Limit: 10}, []string{ann.ID, bob.ID}},
	} {
		var list []booking.Staff
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			list, _, err = tx.ListStaff(ctx, x.ID, c.f)
			return
		}))
		var got []string
		for _, s := range list {
			got = append(got, s.ID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}
