package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/sqlite"
	"github.com/tenantry/tenantry/internal/store"
)

// TestBusyTimeoutFitsTheBudget: a connection waits for another's lock at
// most 3/4 of its pool's budget, so a lock held elsewhere ends the unit as
// database_unavailable inside the budget (SQLite's busy wait does not heed
// the context).
func TestBusyTimeoutFitsTheBudget(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.OpenWith(filepath.Join(t.TempDir(), "t.db"), store.Budgets{Read: 4 * time.Second, Write: 8 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	busy := func(run func(context.Context, func(*store.Tx) error) error) int {
		var ms int
		err := run(ctx, func(tx *store.Tx) error {
			return tx.SQL().QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&ms)
		})
		if err != nil {
			t.Fatal(err)
		}
		return ms
	}
	if got := busy(db.ReadSystem); got != 3000 {
		t.Errorf("readers' busy_timeout = %d ms, want 3000 (3/4 of the read budget)", got)
	}
	if got := busy(db.InSystem); got != 6000 {
		t.Errorf("writer's busy_timeout = %d ms, want 6000 (3/4 of the write budget)", got)
	}
}
