package postgres_test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// TestTextIsCollatedC reads the catalog: every text column of every table,
// and every index key, collates "C", so that text compares and sorts by code
// point as on SQLite, whatever the database's default collation. A new table
// declares its text columns `text COLLATE "C"`.
func TestTextIsCollatedC(t *testing.T) {
	url := pgtest.NewCollatedDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	rows, err := raw.Query(`
		SELECT c.relname || '.' || a.attname, coalesce(co.collname, '?')
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		LEFT JOIN pg_collation co ON co.oid = a.attcollation
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
		  AND a.attnum > 0 AND NOT a.attisdropped AND a.attcollation <> 0
		  AND coalesce(co.collname, '') <> 'C'
		UNION ALL
		SELECT i.relname || ' key ' || k.n, coalesce(co.collname, '?')
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		CROSS JOIN LATERAL unnest(x.indcollation::oid[]) WITH ORDINALITY AS k(coll, n)
		LEFT JOIN pg_collation co ON co.oid = k.coll
		WHERE i.relnamespace = current_schema()::regnamespace AND k.coll <> 0
		  AND coalesce(co.collname, '') <> 'C'
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var what, coll string
		if err := rows.Scan(&what, &coll); err != nil {
			t.Fatal(err)
		}
		t.Errorf(`%s collates %q: declare it text COLLATE "C"`, what, coll)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
		AND a.atttypid = 'text'::regtype`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d text columns found: is the schema right?", n)
	}
}
