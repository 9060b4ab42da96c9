package postgres_test

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestAuthConfigRowLevelSecurity checks that auth_configs is isolated by
// the database itself: forced row-level security, a tenant's transaction
// sees only its own row whatever the query, and a transaction with no
// tenant sees none.
func TestAuthConfigRowLevelSecurity(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	raw := rawDB(t, url)
	a, b := seedTwo(t, db)
	now := time.Now().UTC()
	for _, tenantID := range []string{a, b} {
		c := &auth.TenantConfig{TenantID: tenantID, CreatedAt: now, UpdatedAt: now}
		if err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.PutAuthConfig(ctx, c); return err }); err != nil {
			t.Fatal(err)
		}
	}
	var forced bool
	if err := raw.QueryRow(`SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'auth_configs'`).Scan(&forced); err != nil || !forced {
		t.Fatalf("auth_configs row-level security forced = %v (%v)", forced, err)
	}
	err := db.ReadTenant(ctx, a, func(tx *store.Tx) error {
		ids, err := tenantIDs(tx.SQL(), "auth_configs")
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("tenant a sees auth_configs rows %v, want only its own", ids)
		}
		return err
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
	ids, err := tenantIDs(tx, "auth_configs")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a transaction with no tenant sees auth_configs rows %v (%v)", ids, err)
	}
}
