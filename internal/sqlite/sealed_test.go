package sqlite_test

import (
	"context"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// TestSealedColumnsListed reads the schema: every column named *_sealed is
// in store.SealedColumns, so master key rotation cannot miss it, and every
// listed column exists.
func TestSealedColumnsListed(t *testing.T) {
	db := open(t)
	var found []string
	err := db.ReadSystem(context.Background(), func(tx *store.Tx) error {
		rows, err := tx.SQL().Query(`SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p
			WHERE m.type = 'table' ORDER BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var col string
			if err := rows.Scan(&col); err != nil {
				return err
			}
			found = append(found, col)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg := store.CheckSealedColumns(found); msg != "" {
		t.Error(msg)
	}
}
