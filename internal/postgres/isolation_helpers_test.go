package postgres_test

import (
	"database/sql"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// tableCase says how to probe one tenant-owned table: a statement that
// changes every row it can see (touch), and one that plants a row of the
// tenant given as $1 (plant). Seeding one row per tenant is the caller's.
type tableCase struct {
	table string
	touch string
	plant string
}

// checkIsolated checks that the database itself isolates c.table between
// tenants a and b (each holding exactly one row): row-level security is
// forced; a's transaction sees only a's row and an unfiltered change touches
// only it; a cannot plant a row of b; and a transaction with no tenant sees
// nothing. It returns nothing: every failure is reported on t.
func checkIsolated(t *testing.T, db *store.DB, raw *sql.DB, c tableCase, a, b string) {
	t.Helper()
	var forced bool
	if err := raw.QueryRow(`SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = $1`, c.table).Scan(&forced); err != nil || !forced {
		t.Errorf("%s: row-level security forced = %v (%v)", c.table, forced, err)
	}
	err := db.InTenant(ctx, a, func(tx *store.Tx) error {
		ids, err := tenantIDs(tx.SQL(), c.table)
		if err != nil {
			return err
		}
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("%s: tenant a sees rows of %v, want only its own", c.table, ids)
		}
		r, err := tx.SQL().Exec(c.touch)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			t.Errorf("%s: an unfiltered change touched %d rows, want only tenant a's", c.table, n)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", c.table, err)
	}
	err = db.InTenant(ctx, a, func(tx *store.Tx) error { _, err := tx.SQL().Exec(c.plant, b); return err })
	if err == nil {
		t.Errorf("%s: tenant a planted a row of tenant b", c.table)
	}
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.Exec(`SET LOCAL ROLE tenantry_app`); err != nil {
		t.Fatal(err)
	}
	if ids, err := tenantIDs(tx, c.table); err != nil || len(ids) != 0 {
		t.Errorf("%s: a transaction with no tenant sees rows %v (%v)", c.table, ids, err)
	}
}
