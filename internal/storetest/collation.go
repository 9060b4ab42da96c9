package storetest

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/store"
)

// testTextSortsByCodePoint checks that text sorts by code point on every
// engine, whatever the database's own collation: SQLite's BINARY and
// PostgreSQL's "C" agree, a natural-language collation would not (English
// puts "Ábaco" first and "école" before "zeta spa").
func testTextSortsByCodePoint(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "collation")
	names := []string{"école", "zeta spa", "Ábaco", "apple", "Zürich", "Zeta", "Apple pie", "éclair", "Ötztal", "zeta-spa"}
	cities := []string{"Łódź", "Zagreb", "Ávila", "ankara", "zürich", "Zürich"}
	var outlets []*outlet.Outlet
	byName := map[string]string{} // name → id
	for i, name := range names {
		o := newOutlet(x.ID, name, cities[i%len(cities)])
		outlets = append(outlets, o)
		byName[name] = o.ID
	}
	createOutlets(t, db, outlets...)

	// Outlets list by their lower-cased name: code point order of the keys.
	want := []string{"apple", "apple pie", "zeta", "zeta spa", "zeta-spa", "zürich", "ábaco", "éclair", "école", "ötztal"}
	if !sort.StringsAreSorted(want) {
		t.Fatal("the expected order is not code point order")
	}
	keyOf := map[string]string{}
	for _, name := range names {
		keyOf[byName[name]] = strings.ToLower(name)
	}
	for _, page := range []store.OutletFilter{{Limit: 50}, {Skip: 3, Limit: 4}} {
		var list []outlet.Outlet
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			list, _, err = tx.ListOutlets(ctx, x.ID, page)
			return
		}))
		var got []string
		for _, o := range list {
			got = append(got, keyOf[o.ID])
		}
		if end := min(page.Skip+page.Limit, len(want)); !slices.Equal(got, want[page.Skip:end]) {
			t.Errorf("outlets (skip %d, limit %d) by name: %q, want %q", page.Skip, page.Limit, got, want[page.Skip:end])
		}
	}

	// Cities with as many outlets each sort by the city's own text.
	var s *store.OutletStats
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.OutletStats(ctx, x.ID); return }))
	var got []string
	for _, c := range s.ByCity {
		got = append(got, c.City)
	}
	wantCities := []string{"Zagreb", "ankara", "Ávila", "Łódź", "Zürich", "zürich"}
	if !slices.Equal(got, wantCities) {
		t.Errorf("cities: %q, want %q (two outlets each first, then by code point)", got, wantCities)
	}
}
