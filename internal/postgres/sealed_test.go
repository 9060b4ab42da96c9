package postgres_test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestSealedColumnsListed reads the catalog: every column named *_sealed is
// in store.SealedColumns, so master key rotation cannot miss it, and every
// listed column exists.
func TestSealedColumnsListed(t *testing.T) {
	url := pgtest.NewDatabase(t)
	openURL(t, url)
	raw := rawDB(t, url)
	rows, err := raw.Query(`SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var col string
		if err := rows.Scan(&col); err != nil {
			t.Fatal(err)
		}
		found = append(found, col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if msg := store.CheckSealedColumns(found); msg != "" {
		t.Error(msg)
	}
}
