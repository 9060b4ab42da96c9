package postgres_test

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/storetest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var ctx = context.Background()

// open returns a fresh, migrated database whose default collation is
// English rather than code point order, so that the conformance suite sees
// any text sort that does not pin its collation differ from SQLite's.
func open(t *testing.T) *store.DB {
	t.Helper()
	return openURL(t, pgtest.NewCollatedDatabase(t))
}

func openURL(t *testing.T, url string) *store.DB {
	t.Helper()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// TestConcurrentMigrate starts two "processes" on one fresh database at once.
func TestConcurrentMigrate(t *testing.T) {
	url := pgtest.NewDatabase(t)
	var wg sync.WaitGroup
	applied := make([][]string, 2)
	for i := range applied {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, url)
			if err != nil {
				t.Error(err)
				return
			}
			defer db.Close()
			applied[i], err = db.Migrate(ctx)
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// A database migrated alone names every version; between them the two
	// racers must have applied each exactly once.
	fresh, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	all, err := fresh.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, v := range append(applied[0], applied[1]...) {
		seen[v]++
	}
	for _, v := range all {
		if seen[v] != 1 {
			t.Errorf("migration %s applied %d times, want once", v, seen[v])
		}
	}
	if len(seen) != len(all) {
		t.Errorf("racers applied %v and %v, want %v between them", applied[0], applied[1], all)
	}
}

// BenchmarkUnits measures the per-unit cost of the store on PostgreSQL
// (round trips dominate it).
func BenchmarkUnits(b *testing.B) {
	db, err := postgres.Open(ctx, pgtest.NewDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	storetest.Bench(b, db)
}
