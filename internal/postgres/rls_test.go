package postgres_test

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestRowLevelSecurity proves that isolation does not rest on the queries:
// a query with no tenant filter, run in a tenant's transaction, sees only
// that tenant's rows; a transaction with no tenant set sees none; writes into
// another tenant are refused by the database itself.
func TestRowLevelSecurity(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	raw := rawDB(t, url)
	a, b := seedTwo(t, db)
	tables := []string{"tenants", "memberships", "subscriptions", "audit_logs"}

	for _, table := range tables {
		err := db.ReadTenant(ctx, a, func(tx *store.Tx) error {
			ids, err := tenantIDs(tx.SQL(), table)
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				t.Errorf("%s: tenant %s sees none of its own rows", table, a)
			}
			for _, id := range ids {
				if id != a {
					t.Errorf("%s: tenant %s sees a row of %s", table, a, id)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	// A raw transaction with no tenant set, as the application role.
	for _, table := range tables {
		tx, err := raw.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`SET LOCAL ROLE tenantry_app`); err != nil {
			t.Fatal(err)
		}
		ids, err := tenantIDs(tx, table)
		_ = tx.Rollback()
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != 0 {
			t.Errorf("%s: a transaction with no tenant sees %d rows", table, len(ids))
		}
	}

	// Writing a row of tenant b from tenant a's transaction is refused by the policy.
	err := db.InTenant(ctx, a, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(`INSERT INTO audit_logs (tenant_id, id, action, outcome, created_at)
			VALUES ($1, 'evt_x', 'x', 'success', now())`, b)
		return err
	})
	if err == nil {
		t.Fatal("tenant a wrote a row of tenant b")
	}
	// Updating tenant b's row from tenant a changes nothing.
	err = db.InTenant(ctx, a, func(tx *store.Tx) error {
		r, err := tx.SQL().Exec(`UPDATE tenants SET name = 'hijacked'`)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		if n != 1 {
			t.Errorf("unfiltered update touched %d rows, want only tenant a's", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.ReadTenant(ctx, b, func(tx *store.Tx) error {
		var name string
		if err := tx.SQL().QueryRow(`SELECT name FROM tenants`).Scan(&name); err != nil {
			return err
		}
		if name == "hijacked" {
			t.Error("tenant b's row was changed from tenant a")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAppRoleOwnsNothing checks that the role transactions run as owns no
// table and cannot bypass row-level security.
func TestAppRoleOwnsNothing(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	var owned int
	if err := raw.QueryRow(`SELECT count(*) FROM pg_tables WHERE tableowner = 'tenantry_app'`).Scan(&owned); err != nil {
		t.Fatal(err)
	}
	var super, bypass bool
	if err := raw.QueryRow(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'tenantry_app'`).Scan(&super, &bypass); err != nil {
		t.Fatal(err)
	}
	if owned != 0 || super || bypass {
		t.Fatalf("tenantry_app owns %d tables, superuser=%v bypassrls=%v", owned, super, bypass)
	}
	var forced int
	if err := raw.QueryRow(`SELECT count(*) FROM pg_class WHERE relname IN ('tenants','memberships','subscriptions','tenant_changes','audit_logs')
		AND relrowsecurity AND relforcerowsecurity`).Scan(&forced); err != nil {
		t.Fatal(err)
	}
	if forced != 5 {
		t.Fatalf("%d tenant-owned tables have forced row-level security, want 5", forced)
	}
}

func tenantIDs(q interface {
	Query(string, ...any) (*sql.Rows, error)
}, table string) ([]string, error) {
	col := "tenant_id"
	if table == "tenants" {
		col = "id"
	}
	rows, err := q.Query(fmt.Sprintf(`SELECT %s FROM %s`, col, table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
