package sqlite_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/store"
)

// TestTextIsBinary reads the schema: no table or index names a collation
// other than BINARY, SQLite's default, which orders text by code point as
// PostgreSQL's "C" does.
func TestTextIsBinary(t *testing.T) {
	db := open(t)
	collate := regexp.MustCompile(`(?i)\bCOLLATE\s+"?(\w+)`)
	n := 0
	err := db.ReadSystem(context.Background(), func(tx *store.Tx) error {
		rows, err := tx.SQL().Query(`SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name, sql string
			if err := rows.Scan(&name, &sql); err != nil {
				return err
			}
			n++
			for _, m := range collate.FindAllStringSubmatch(sql, -1) {
				if !strings.EqualFold(m[1], "BINARY") {
					t.Errorf("%s collates %s: text sorts by code point (BINARY) on SQLite", name, m[1])
				}
			}
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d schema objects found", n)
	}
}
