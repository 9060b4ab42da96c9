package storetest

import (
	"reflect"
	"testing"

	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/store"
)

func outletIDs(list []outlet.Outlet) []string {
	out := []string{}
	for _, o := range list {
		out = append(out, o.ID)
	}
	return out
}

func testOutletList(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-list")
	c := newOutlet(x.ID, "charlie 100%", "")
	b := newOutlet(x.ID, "Bravo_Branch", "")
	a := newOutlet(x.ID, "alpha", "")
	d := newOutlet(x.ID, "Delta", "")
	d.Active = false
	createOutlets(t, db, c, b, a, d)
	yes, no := true, false
	for name, tc := range map[string]struct {
		f     store.OutletFilter
		want  []string
		total int
	}{
		"by name":           {store.OutletFilter{Limit: 50}, []string{a.ID, b.ID, c.ID, d.ID}, 4},
		"page":              {store.OutletFilter{Skip: 1, Limit: 2}, []string{b.ID, c.ID}, 4},
		"past the end":      {store.OutletFilter{Skip: 10, Limit: 2}, []string{}, 4},
		"active":            {store.OutletFilter{Active: &yes, Limit: 50}, []string{a.ID, b.ID, c.ID}, 3},
		"inactive":          {store.OutletFilter{Active: &no, Limit: 50}, []string{d.ID}, 1},
		"query":             {store.OutletFilter{Query: "ALP", Limit: 50}, []string{a.ID}, 1},
		"query percent":     {store.OutletFilter{Query: "0%", Limit: 50}, []string{c.ID}, 1},
		"query underscore":  {store.OutletFilter{Query: "o_b", Limit: 50}, []string{b.ID}, 1},
		"wildcards literal": {store.OutletFilter{Query: "%", Limit: 50}, []string{c.ID}, 1},
		"only":              {store.OutletFilter{Only: []string{d.ID, a.ID, "out_x"}, Limit: 50}, []string{a.ID, d.ID}, 2},
		"only none":         {store.OutletFilter{Only: []string{}, Limit: 50}, []string{}, 0},
	} {
		var list []outlet.Outlet
		var total int
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			list, total, err = tx.ListOutlets(ctx, x.ID, tc.f)
			return
		}))
		if got := outletIDs(list); !reflect.DeepEqual(got, tc.want) || total != tc.total {
			t.Errorf("%s: got %v (total %d), want %v (total %d)", name, got, total, tc.want, tc.total)
		}
	}
}

func testOutletStats(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-stats")
	var s *store.OutletStats
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.OutletStats(ctx, x.ID); return }))
	if s.Total != 0 || s.Active != 0 || s.Inactive != 0 || s.ByCity == nil || len(s.ByCity) != 0 {
		t.Fatalf("empty stats: %+v", s)
	}
	m1, m2, c1, none := newOutlet(x.ID, "M1", "Manila"), newOutlet(x.ID, "M2", "Manila"),
		newOutlet(x.ID, "C1", "Cebu"), newOutlet(x.ID, "N", "")
	m2.Active = false
	createOutlets(t, db, m1, m2, c1, none)
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.OutletStats(ctx, x.ID); return }))
	want := &store.OutletStats{Total: 4, Active: 3, Inactive: 1, ByCity: []store.CityCount{
		{City: "Manila", Total: 2, Active: 1}, {City: "", Total: 1, Active: 1}, {City: "Cebu", Total: 1, Active: 1},
	}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("stats: %+v, want %+v", s, want)
	}
}
