package postgres_test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// TestTenantKeysIncludeTenant reads the catalog: every primary key and
// unique index of a tenant-owned table includes tenant_id (of tenants: id),
// the rule that lets Citus distribute the table by tenant (docs/citus.md).
// The deliberately global tables (commented "global:" or "local:", migration
// 0037) are exempt.
func TestTenantKeysIncludeTenant(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	rows, err := raw.Query(`SELECT c.relname, i.indexrelid::regclass::text,
		EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
			AND a.attname = CASE WHEN c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END)
		FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
		WHERE i.indisunique AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
		  AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'))
		  AND COALESCE(obj_description(c.oid, 'pg_class'), '') !~ '^(global|local): '
		ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var table, index string
		var ok bool
		if err := rows.Scan(&table, &index, &ok); err != nil {
			t.Fatal(err)
		}
		n++
		if !ok {
			t.Errorf("%s: unique index %s does not include the tenant", table, index)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d unique keys of tenant-owned tables found", n)
	}
}

// TestUniqueNamesHaveNoShardSuffix reads the catalog: no unique index is
// named like a Citus shard's (ending in _<digits>), so the classification
// of duplicate keys can strip such a suffix as the shard's (constraintKey).
func TestUniqueNamesHaveNoShardSuffix(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	rows, err := raw.Query(`SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
		WHERE i.indisunique AND c.relnamespace = 'public'::regnamespace AND i.indexrelid::regclass::text ~ '_[0-9]+$'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		t.Errorf("unique index %s ends like a shard's name", name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
