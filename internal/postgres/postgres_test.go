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

func open(t *testing.T) *store.DB {
	t.Helper()
	return openURL(t, pgtest.NewDatabase(t))
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
	if len(applied[0])+len(applied[1]) != 1 {
		t.Fatalf("migrations applied %v and %v, want one in total", applied[0], applied[1])
	}
}
