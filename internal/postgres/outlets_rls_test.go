package postgres_test

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestOutletRowLevelSecurity checks that outlets are isolated by the
// database itself: forced row-level security, a tenant's transaction sees
// and changes only its own outlets whatever the query, and a transaction
// with no tenant sees none.
func TestOutletRowLevelSecurity(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	raw := rawDB(t, url)
	a, b := seedTwo(t, db)
	now := time.Now().UTC()
	for _, tenantID := range []string{a, b} {
		o := &outlet.Outlet{TenantID: tenantID, ID: id.New(id.Outlet), Name: "Main", Timezone: "UTC",
			Hours: outlet.Hours{}, Active: true, CreatedAt: now, UpdatedAt: now}
		if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateOutlet(ctx, o) }); err != nil {
			t.Fatal(err)
		}
	}
	var forced bool
	if err := raw.QueryRow(`SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'outlets'`).Scan(&forced); err != nil || !forced {
		t.Fatalf("outlets row-level security forced = %v (%v)", forced, err)
	}
	err := db.InTenant(ctx, a, func(tx *store.Tx) error {
		ids, err := tenantIDs(tx.SQL(), "outlets")
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("tenant a sees outlet rows of %v, want only its own", ids)
		}
		if err != nil {
			return err
		}
		r, err := tx.SQL().Exec(`UPDATE outlets SET name = 'hijacked'`)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			t.Errorf("an unfiltered update touched %d outlets, want only tenant a's", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.InTenant(ctx, a, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(`INSERT INTO outlets (tenant_id, id, name, name_key, timezone, created_at, updated_at)
			VALUES ($1, 'out_planted', 'x', 'x', 'UTC', now(), now())`, b)
		return err
	})
	if err == nil {
		t.Error("tenant a inserted an outlet of tenant b")
	}
	err = db.ReadTenant(ctx, b, func(tx *store.Tx) error {
		var name string
		if err := tx.SQL().QueryRow(`SELECT name FROM outlets`).Scan(&name); err != nil {
			return err
		}
		if name != "Main" {
			t.Errorf("tenant b's outlet became %q from tenant a", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.Exec(`SET LOCAL ROLE tenantry_app`); err != nil {
		t.Fatal(err)
	}
	ids, err := tenantIDs(tx, "outlets")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a transaction with no tenant sees outlet rows %v (%v)", ids, err)
	}
}
