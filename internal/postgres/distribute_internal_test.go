package postgres

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/tenantry/tenantry/internal/pgtest"
)

var updateCitusDoc = flag.Bool("update-citus-doc", false, "rewrite the placement table of docs/citus.md")

// migratedPlacements migrates a fresh database and reads its placements.
func migratedPlacements(t *testing.T) (*sql.DB, []placement) {
	t.Helper()
	url := pgtest.NewDatabase(t)
	db, err := Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	raw := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { _ = raw.Close() })
	ps, err := placements(t.Context(), raw)
	if err != nil {
		t.Fatal(err)
	}
	return raw, ps
}

// TestCitusPlacements reads the placements of the migrated schema on
// plain PostgreSQL and checks them against the catalog: every tenant-owned
// table is distributed by a tenant_id of the same type and collation as
// tenants.id (so Citus can colocate it), the deliberately global ones are
// reference or local tables, every table comes after those it references,
// no reference table references a distributed one, and a foreign key
// between distributed tables includes the tenant on both sides.
func TestCitusPlacements(t *testing.T) {
	raw, ps := migratedPlacements(t)
	at := map[string]int{}
	kind := map[string]placement{}
	for i, p := range ps {
		at[p.Table], kind[p.Table] = i, p
	}
	rows, err := raw.Query(`SELECT c.relname, col.column_name IS NOT NULL, COALESCE(col.data_type, ''), COALESCE(col.collation_name, '')
		FROM pg_class c LEFT JOIN information_schema.columns col ON col.table_schema = 'public' AND col.table_name = c.relname
		  AND col.column_name = CASE WHEN c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END
		WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, typ, collation string
		var hasTenant bool
		if err := rows.Scan(&table, &hasTenant, &typ, &collation); err != nil {
			t.Fatal(err)
		}
		n++
		p, ok := kind[table]
		switch {
		case !ok:
			t.Errorf("%s has no placement", table)
		case table == "tenants":
			if p.Kind != distributed || p.Column != "id" {
				t.Errorf("tenants: %+v, want distributed by id", p)
			}
		case hasTenant && p.Kind == distributed:
			if p.Column != "tenant_id" || typ != "text" || collation != "C" {
				t.Errorf("%s: distributed by %s (%s, collation %q), want tenant_id text COLLATE \"C\" like tenants.id", table, p.Column, typ, collation)
			}
		case hasTenant:
			if p.Why == "" || (p.Kind != reference && p.Kind != local) {
				t.Errorf("%s has tenant_id but is %+v: a global table says why", table, p)
			}
		case p.Kind != reference && table != "schema_migrations":
			t.Errorf("%s has no tenant_id but is %+v, want a reference table", table, p)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(ps) || n < 40 {
		t.Fatalf("%d tables, %d placements", n, len(ps))
	}
	fks, err := raw.Query(`SELECT f.conname, f.conrelid::regclass::text, f.confrelid::regclass::text,
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = f.conrelid AND a.attnum = ANY (f.conkey) AND a.attname = 'tenant_id'),
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = f.confrelid AND a.attnum = ANY (f.confkey)
			AND a.attname = CASE WHEN f.confrelid = 'tenants'::regclass THEN 'id' ELSE 'tenant_id' END)
		FROM pg_constraint f WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace AND f.conrelid <> f.confrelid`)
	if err != nil {
		t.Fatal(err)
	}
	defer fks.Close()
	for fks.Next() {
		var name, from, to string
		var fromTenant, toTenant bool
		if err := fks.Scan(&name, &from, &to, &fromTenant, &toTenant); err != nil {
			t.Fatal(err)
		}
		if at[to] > at[from] {
			t.Errorf("%s: %s is placed before %s, which it references", name, from, to)
		}
		switch f, r := kind[from].Kind, kind[to].Kind; {
		case f != distributed && r == distributed:
			t.Errorf("%s: %s %s references distributed %s", name, f, from, to)
		case f == distributed && r == distributed && (!fromTenant || !toTenant):
			t.Errorf("%s: %s references %s without the tenant on both sides", name, from, to)
		}
	}
	if err := fks.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestCitusStatements checks the statements that distribute the schema:
// one per distributed or reference table, tenants distributed before any
// table colocated with it, nothing for the tables already placed.
func TestCitusStatements(t *testing.T) {
	_, ps := migratedPlacements(t)
	all := distributionStatements(ps, nil)
	want, tenantsAt := 0, -1
	for _, p := range ps {
		if p.Kind != local {
			want++
		}
	}
	for i, s := range all {
		switch {
		case s == `SELECT create_distributed_table('tenants', 'id')`:
			tenantsAt = i
		case strings.Contains(s, "colocate_with => 'tenants'") && tenantsAt < 0:
			t.Errorf("%s comes before tenants is distributed", s)
		}
	}
	if len(all) != want || tenantsAt < 0 {
		t.Fatalf("%d statements for %d distributed and reference tables (tenants at %d):\n%s", len(all), want, tenantsAt, strings.Join(all, "\n"))
	}
	for _, s := range []string{`SELECT create_reference_table('users')`, `SELECT create_reference_table('tenant_slugs')`,
		`SELECT create_reference_table('refresh_tokens')`, `SELECT create_distributed_table('memberships', 'tenant_id', colocate_with => 'tenants')`} {
		if !strings.Contains(strings.Join(all, "\n"), s) {
			t.Errorf("no %s", s)
		}
	}
	done := map[string]bool{}
	for _, p := range ps {
		done[p.Table] = true
	}
	if rest := distributionStatements(ps, done); len(rest) != 0 {
		t.Errorf("with every table placed: %v", rest)
	}
	delete(done, "users")
	if rest := distributionStatements(ps, done); len(rest) != 1 || rest[0] != `SELECT create_reference_table('users')` {
		t.Errorf("with users left: %v", rest)
	}
}

// TestCitusDoc checks that docs/citus.md lists each table's placement as
// the catalog gives it; -update-citus-doc rewrites the list.
func TestCitusDoc(t *testing.T) {
	_, ps := migratedPlacements(t)
	var b strings.Builder
	b.WriteString(citusDocStart + "\n| table | placement | why |\n|---|---|---|\n")
	for _, p := range ps {
		where := p.Kind
		if p.Kind == distributed {
			where = "distributed by `" + p.Column + "`"
			if p.Table != "tenants" {
				where += ", colocated with tenants"
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", p.Table, where, strings.ReplaceAll(p.Why, "|", "\\|"))
	}
	b.WriteString(citusDocEnd)
	const path = "../../docs/citus.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start, end := strings.Index(string(doc), citusDocStart), strings.Index(string(doc), citusDocEnd)
	if start < 0 || end < start {
		t.Fatalf("%s has no %s … %s section", path, citusDocStart, citusDocEnd)
	}
	got := string(doc[start : end+len(citusDocEnd)])
	if got == b.String() {
		return
	}
	if *updateCitusDoc {
		out := string(doc[:start]) + b.String() + string(doc[end+len(citusDocEnd):])
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/citus.md's placements differ from the catalog's; regenerate: go test -run TestCitusDoc ./internal/postgres -update-citus-doc")
}

const (
	citusDocStart = "<!-- placements: generated by TestCitusDoc (internal/postgres) -->"
	citusDocEnd   = "<!-- /placements -->"
)
