package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/sqlite"
	"github.com/tenantry/tenantry/internal/store"
)

// testDB is a fresh, migrated SQLite database, closed when t ends.
func testDB(t *testing.T) *store.DB {
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

// startApp starts an App on db with a cheap hasher and a fixed master key,
// as every process of one installation shares them.
func startApp(t *testing.T, db *store.DB, log *slog.Logger, opt Options) *App {
	t.Helper()
	box, err := secret.NewBox("1", map[string][]byte{"1": make([]byte, secret.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	a := New(db, identity.Hasher{Memory: 1024, Time: 1, Threads: 1}, auth.NewTokens(&auth.KeyRing{}, "i", "a"), box, log, opt)
	if err := a.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a
}
