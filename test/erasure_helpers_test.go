package test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// exported records a completed export of tenantID through the store, as
// the export endpoint does when its last record is written.
func (h *harness) exported(t testing.TB, tenantID string) {
	t.Helper()
	now := h.clock.now().UTC()
	e := &store.TenantExport{TenantID: tenantID, ID: id.New(id.Export), Format: "ndjson", StartedAt: now}
	err := h.srv.App.DB().InTenant(context.Background(), tenantID, func(tx *store.Tx) error {
		if err := tx.StartExport(context.Background(), e); err != nil {
			return err
		}
		return tx.CompleteExport(context.Background(), tenantID, e.ID, 10, 1000, now)
	})
	if err != nil {
		t.Fatalf("record an export of %s: %v", tenantID, err)
	}
}

// join makes userID a member of tenantID with role, through the store.
func (h *harness) join(t testing.TB, tenantID, userID string, role membership.Role) {
	t.Helper()
	now := h.clock.now().UTC()
	err := h.srv.App.DB().InTenant(context.Background(), tenantID, func(tx *store.Tx) error {
		return tx.CreateMembership(context.Background(), &membership.Membership{TenantID: tenantID, UserID: userID,
			ID: id.New(id.Membership), Role: role, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatalf("membership of %s in %s: %v", userID, tenantID, err)
	}
}

// erase asks for tenantID's erasure as the platform admin and returns the
// 202 body.
func (h *harness) erase(t testing.TB, tenantID string, body map[string]any) obj {
	t.Helper()
	return h.post(t, "/api/v1/admin/tenants/"+tenantID+"/erase", h.admin(t), body).expect(http.StatusAccepted).obj()
}

// tenantRows counts, in every table of the catalog with a tenant_id
// column (sqlite_master and pragma_table_info on SQLite,
// information_schema on PostgreSQL), the rows of tenantID, plus its
// tenants row, reading as the database's owner. Only tables holding some
// are returned. A table added later is counted without being named here.
func (h *harness) tenantRows(t *testing.T, tenantID string) map[string]int {
	t.Helper()
	db := h.rawDB(t)
	q := `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'tenant_id'`
	if h.engine == "postgres" {
		if _, err := db.Exec(`SELECT set_config('app.system', 'on', false)`); err != nil {
			t.Fatal(err)
		}
		q = `SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = current_schema()`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 25 {
		t.Fatalf("the catalog names only %d tables with a tenant_id column: %v", len(tables), tables)
	}
	out := map[string]int{}
	count := func(table, q string) {
		var n int
		if err := db.QueryRow(h.rebind(q), tenantID).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		if n > 0 {
			out[table] = n
		}
	}
	for _, table := range tables {
		count(table, `SELECT COUNT(*) FROM `+table+` WHERE tenant_id = ?`)
	}
	count("tenants", `SELECT COUNT(*) FROM tenants WHERE id = ?`)
	return out
}

// userExists reports whether a users row for userID is left.
func (h *harness) userExists(t *testing.T, userID string) bool {
	t.Helper()
	var n int
	if err := h.rawDB(t).QueryRow(h.rebind(`SELECT COUNT(*) FROM users WHERE id = ?`), userID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}
