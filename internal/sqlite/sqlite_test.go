package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tenantry/tenantry/internal/sqlite"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/storetest"
)

func open(t *testing.T) *store.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) { storetest.Run(t, open) }

// TestConcurrentMigrate starts two "processes" on one fresh file at once.
func TestConcurrentMigrate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	var wg sync.WaitGroup
	applied := make([][]string, 2)
	for i := range applied {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlite.Open(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer db.Close()
			applied[i], err = db.Migrate(context.Background())
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// A database migrated alone names every version; between them the two
	// racers must have applied each exactly once.
	fresh, err := sqlite.Open(filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	all, err := fresh.Migrate(context.Background())
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

// BenchmarkUnits measures the per-unit cost of the store on SQLite.
func BenchmarkUnits(b *testing.B) {
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	storetest.Bench(b, db)
}
