package postgres_test

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestAPIKeyRowLevelSecurity checks that API keys are isolated by the
// database itself: forced row-level security, a tenant's transaction sees
// and changes only its own keys whatever the query, a transaction with no
// tenant sees none, and the application may not delete keys (revoked keys
// stay for the audit trail).
func TestAPIKeyRowLevelSecurity(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	raw := rawDB(t, url)
	a, b := seedTwo(t, db)
	now := time.Now().UTC()
	for _, tenantID := range []string{a, b} {
		k := &apikey.Key{TenantID: tenantID, ID: id.New(id.APIKey), Name: "k", Environment: "prod",
			Scopes: apikey.DefaultScopes(), Prefix: "tnt_live_" + tenantID[4:11], Hash: apikey.Hash(tenantID), CreatedAt: now}
		if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateAPIKey(ctx, k) }); err != nil {
			t.Fatal(err)
		}
	}
	var forced bool
	if err := raw.QueryRow(`SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'api_keys'`).Scan(&forced); err != nil || !forced {
		t.Fatalf("api_keys row-level security forced = %v (%v)", forced, err)
	}
	err := db.InTenant(ctx, a, func(tx *store.Tx) error {
		ids, err := tenantIDs(tx.SQL(), "api_keys")
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("tenant a sees key rows of %v, want only its own", ids)
		}
		if err != nil {
			return err
		}
		r, err := tx.SQL().Exec(`UPDATE api_keys SET key_hash = 'hijacked', revoked_at = NULL`)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			t.Errorf("an unfiltered update touched %d keys, want only tenant a's", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.InTenant(ctx, a, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(`INSERT INTO api_keys (tenant_id, id, name, environment, prefix, key_hash, created_at)
			VALUES ($1, 'key_planted', 'x', 'prod', 'tnt_live_x', 'planted', now())`, b)
		return err
	})
	if err == nil {
		t.Error("tenant a inserted a key of tenant b")
	}
	err = db.InTenant(ctx, a, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(`DELETE FROM api_keys`)
		return err
	})
	if err == nil {
		t.Error("the application role deleted API keys")
	}
	var hash string
	if err := raw.QueryRow(`SELECT key_hash FROM api_keys WHERE tenant_id = $1`, b).Scan(&hash); err != nil || hash != apikey.Hash(b) {
		t.Fatalf("tenant b's key hash became %q (%v)", hash, err)
	}
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.Exec(`SET LOCAL ROLE tenantry_app`); err != nil {
		t.Fatal(err)
	}
	ids, err := tenantIDs(tx, "api_keys")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a transaction with no tenant sees key rows %v (%v)", ids, err)
	}
}
