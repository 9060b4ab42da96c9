package postgres

import (
	"context"
	"database/sql"
	"io/fs"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// openCitusPath migrates url and opens it with the engine's Citus path
// switched on, over a pool of conns connections. Plain PostgreSQL takes the citus.* settings as placeholders:
// what is checked is that SET LOCAL sets what row-level security reads,
// for the transaction only.
func openCitusPath(t *testing.T, url string, conns int) (*store.DB, *sql.DB) {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	conn := stdlib.OpenDB(*cfg)
	conn.SetMaxOpenConns(conns)
	t.Cleanup(func() { _ = conn.Close() })
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	// Migrating on the Citus path would distribute, which plain PostgreSQL cannot.
	if _, err := store.New(conn, conn, engine{}, dir).Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return store.New(conn, conn, engine{citus: true}, dir), conn
}

// TestCitusSetup runs units of work through the Citus path of Setup: a
// tenant's sees its own tenant only, the system's every one; the settings
// end with the transaction; a tenant id is a literal whatever it holds; the
// budget's timeouts are set.
func TestCitusSetup(t *testing.T) {
	ctx := t.Context()
	db, conn := openCitusPath(t, pgtest.NewDatabase(t), 1) // each unit reuses the last one's connection
	now := time.Now().UTC()
	var ids []string
	for _, slug := range []string{"citus-a", "citus-b"} {
		x := &tenant.Tenant{ID: id.New(id.Tenant), Slug: slug, Name: slug, Status: tenant.Active, CreatedAt: now, UpdatedAt: now}
		if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, x) }); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	type seen struct {
		role, tenant, system, timeout, mode string
		tenants                             int
	}
	look := func(tx *store.Tx) (s seen, err error) {
		err = tx.SQL().QueryRowContext(ctx, `SELECT current_user, current_setting('app.tenant_id', true),
			current_setting('app.system', true), current_setting('statement_timeout'),
			current_setting('citus.multi_shard_modify_mode', true), (SELECT COUNT(*) FROM tenants)`).
			Scan(&s.role, &s.tenant, &s.system, &s.timeout, &s.mode, &s.tenants)
		return s, err
	}
	var s seen
	var err error
	deadline, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := db.ReadTenant(deadline, ids[0], func(tx *store.Tx) error { s, err = look(tx); return err }); err != nil {
		t.Fatal(err)
	}
	if s.role != AppRole || s.tenant != ids[0] || s.system != "" || s.tenants != 1 || s.mode != "sequential" || s.timeout == "0" {
		t.Errorf("tenant unit: %+v, want %s, tenant %s, one tenant, sequential, a statement timeout", s, AppRole, ids[0])
	}
	if err := db.ReadSystem(ctx, func(tx *store.Tx) error { s, err = look(tx); return err }); err != nil {
		t.Fatal(err)
	}
	if s.role != AppRole || s.system != "on" || s.tenants != 2 {
		t.Errorf("system unit: %+v, want every tenant", s)
	}
	// The one pooled connection, after those units: nothing is left set.
	var role, tenantSetting, system string
	if err := conn.QueryRowContext(ctx, `SELECT current_user, COALESCE(current_setting('app.tenant_id', true), ''),
		COALESCE(current_setting('app.system', true), '')`).Scan(&role, &tenantSetting, &system); err != nil {
		t.Fatal(err)
	}
	if role == AppRole || tenantSetting != "" || system != "" {
		t.Errorf("after the units the connection is %s with tenant %q, system %q", role, tenantSetting, system)
	}
	odd := `ten_x'; SET LOCAL app.system = 'on'; --\`
	if err := db.ReadTenant(ctx, odd, func(tx *store.Tx) error { s, err = look(tx); return err }); err != nil {
		t.Fatal(err)
	}
	if s.tenant != odd || s.system != "" || s.tenants != 0 {
		t.Errorf("tenant %q: %+v, want the literal id and no tenant seen", odd, s)
	}
}
