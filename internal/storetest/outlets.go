package storetest

import (
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/store"
)

// outletCases cover outlets: round trip, soft deletion, listing, statistics,
// MissingOutlets, racing deletes and text order (isolation: foreign.go).
func outletCases() map[string]Case {
	return map[string]Case{
		"OutletRoundTrip":        testOutletRoundTrip,
		"OutletNotFound":         testOutletNotFound,
		"OutletSoftDelete":       testOutletSoftDelete,
		"OutletList":             testOutletList,
		"OutletStats":            testOutletStats,
		"MissingOutlets":         testMissingOutlets,
		"ConcurrentOutletDelete": testConcurrentOutletDelete,
		"TextSortsByCodePoint":   testTextSortsByCodePoint,
	}
}

func newOutlet(tenantID, name, city string) *outlet.Outlet {
	return &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: name,
		Address: outlet.Address{Line1: "1 Main St", City: city, Country: "PH"}, Timezone: "Asia/Manila",
		Hours: outlet.Hours{}, Active: true, CreatedAt: now, UpdatedAt: now}
}

func createOutlets(t *testing.T, db *store.DB, os ...*outlet.Outlet) {
	t.Helper()
	must(t, db.InTenant(ctx, os[0].TenantID, func(tx *store.Tx) error {
		for _, o := range os {
			if err := tx.CreateOutlet(ctx, o); err != nil {
				return err
			}
		}
		return nil
	}))
}

func getOutlet(t *testing.T, db *store.DB, tenantID, outletID string) (*outlet.Outlet, error) {
	t.Helper()
	var o *outlet.Outlet
	err := db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { o, err = tx.GetOutlet(ctx, tenantID, outletID); return })
	return o, err
}

func testOutletRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-rt")
	o := newOutlet(x.ID, "Downtown", "Manila")
	o.Address = outlet.Address{Line1: "12 Rizal Ave", Line2: "Unit 3", City: "Manila", State: "NCR", PostalCode: "1000", Country: "PH"}
	o.Phone, o.Email = "+63 2 555 0101", "downtown@example.com"
	o.Hours = outlet.Hours{
		"monday":   {{Open: "09:00", Close: "12:00"}, {Open: "13:00", Close: "18:00"}},
		"saturday": {{Open: "10:00", Close: "14:30"}},
		"sunday":   {},
	}
	createOutlets(t, db, o)
	got, err := getOutlet(t, db, x.ID, o.ID)
	must(t, err)
	if !reflect.DeepEqual(got, o) {
		t.Fatalf("outlet round trip:\n got %+v\nwant %+v", got, o)
	}
	o.Name, o.Active, o.Timezone, o.UpdatedAt = "Downtown 2", false, "Asia/Tokyo", now.Add(1e9)
	o.Hours = outlet.Hours{"friday": {{Open: "00:00", Close: "23:59"}}}
	o.Address.Line2 = ""
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateOutlet(ctx, o) }))
	got, err = getOutlet(t, db, x.ID, o.ID)
	must(t, err)
	if !reflect.DeepEqual(got, o) {
		t.Fatalf("after update:\n got %+v\nwant %+v", got, o)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.SetOutletActive(ctx, x.ID, o.ID, true, now) }))
	if got, err = getOutlet(t, db, x.ID, o.ID); err != nil || !got.Active {
		t.Fatalf("reactivated outlet: %+v, %v", got, err)
	}
}

func testOutletNotFound(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-nf")
	ghost := newOutlet(x.ID, "Ghost", "")
	checks := map[string]func(tx *store.Tx) error{
		"GetOutlet":       func(tx *store.Tx) error { _, err := tx.GetOutlet(ctx, x.ID, ghost.ID); return err },
		"UpdateOutlet":    func(tx *store.Tx) error { return tx.UpdateOutlet(ctx, ghost) },
		"DeleteOutlet":    func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, x.ID, ghost.ID, now) },
		"SetOutletActive": func(tx *store.Tx) error { return tx.SetOutletActive(ctx, x.ID, ghost.ID, false, now) },
	}
	for name, fn := range checks {
		err := db.InTenant(ctx, x.ID, fn)
		var e *errs.Error
		if !errs.Is(err, errs.NotFound) || !errors.As(err, &e) || e.Code != "outlet_not_found" {
			t.Errorf("%s of a missing outlet: %v, want NotFound outlet_not_found", name, err)
		}
	}
}

func testOutletSoftDelete(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-del")
	keep, gone := newOutlet(x.ID, "Keep", "Cebu"), newOutlet(x.ID, "Gone", "Cebu")
	createOutlets(t, db, keep, gone)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, x.ID, gone.ID, now) }))
	if _, err := getOutlet(t, db, x.ID, gone.ID); !errs.Is(err, errs.NotFound) {
		t.Fatalf("deleted outlet visible: %v", err)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		list, total, err := tx.ListOutlets(ctx, x.ID, store.OutletFilter{Limit: 50})
		if err != nil {
			return err
		}
		if total != 1 || len(list) != 1 || list[0].ID != keep.ID {
			t.Errorf("list after delete: %d %+v", total, list)
		}
		missing, err := tx.MissingOutlets(ctx, x.ID, []string{keep.ID, gone.ID})
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(missing, []string{gone.ID}) {
			t.Errorf("missing after delete: %v", missing)
		}
		active, err := tx.ActiveOutletIDs(ctx, x.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(active, []string{keep.ID}) {
			t.Errorf("active ids after delete: %v", active)
		}
		s, err := tx.OutletStats(ctx, x.ID)
		if err != nil {
			return err
		}
		if s.Total != 1 {
			t.Errorf("stats count a deleted outlet: %+v", s)
		}
		if err := tx.UpdateOutlet(ctx, gone); !errs.Is(err, errs.NotFound) {
			t.Errorf("update of a deleted outlet: %v", err)
		}
		if err := tx.DeleteOutlet(ctx, x.ID, gone.ID, now); !errs.Is(err, errs.NotFound) {
			t.Errorf("second delete: %v", err)
		}
		return nil
	}))
}

func testMissingOutlets(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-miss")
	y, _ := seed(t, db, "outlet-miss-y")
	a, b := newOutlet(x.ID, "A", ""), newOutlet(x.ID, "B", "")
	foreign := newOutlet(y.ID, "Foreign", "")
	createOutlets(t, db, a, b)
	createOutlets(t, db, foreign)
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, c := range []struct{ ids, want []string }{
			{nil, nil},
			{[]string{a.ID, b.ID}, nil},
			{[]string{"out_nope", a.ID, foreign.ID, "out_nope"}, []string{"out_nope", foreign.ID}},
		} {
			got, err := tx.MissingOutlets(ctx, x.ID, c.ids)
			if err != nil {
				return err
			}
			if len(got) != len(c.want) || (len(got) > 0 && !reflect.DeepEqual(got, c.want)) {
				t.Errorf("MissingOutlets(%v) = %v, want %v", c.ids, got, c.want)
			}
		}
		for outletID, want := range map[string]bool{a.ID: true, foreign.ID: false, "out_nope": false} {
			ok, err := tx.OutletExists(ctx, x.ID, outletID)
			if err != nil {
				return err
			}
			if ok != want {
				t.Errorf("OutletExists(%s) = %v, want %v", outletID, ok, want)
			}
		}
		return nil
	}))
}

// testConcurrentOutletDelete races deleters of one outlet: exactly one wins,
// the rest find it gone.
func testConcurrentOutletDelete(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-race")
	o := newOutlet(x.ID, "Race", "")
	createOutlets(t, db, o)
	var wins, gone atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, x.ID, o.ID, now) })
			switch {
			case err == nil:
				wins.Add(1)
			case errs.Is(err, errs.NotFound):
				gone.Add(1)
			default:
				t.Errorf("racer: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 || gone.Load() != 7 {
		t.Fatalf("wins=%d gone=%d, want 1 and 7", wins.Load(), gone.Load())
	}
}
