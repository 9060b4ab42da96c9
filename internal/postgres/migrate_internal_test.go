package postgres

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/storetest"
)

// TestMailMigration runs migration 0012 (the mail outbox into the job
// queue) over a database that has mail in every state.
func TestMailMigration(t *testing.T) { migrationTest(t, "0011", storetest.MailMigration) }

// TestAuthConfigMigration runs migration 0022 (the authentication
// configuration into configuration keys).
func TestAuthConfigMigration(t *testing.T) { migrationTest(t, "0021", storetest.AuthConfigMigration) }

// migrationTest gives check a database migrated up to last, and a way to
// open it with every migration.
func migrationTest(t *testing.T, last string, check func(t *testing.T, old *store.DB, reopen func() *store.DB)) {
	url := pgtest.NewDatabase(t)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	conn := stdlib.OpenDB(*cfg)
	conn.SetMaxOpenConns(2)
	t.Cleanup(func() { _ = conn.Close() })
	old := store.New(conn, conn, engine{}, migrationsUpTo(t, last))
	if _, err := old.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	check(t, old, func() *store.DB {
		db, err := Open(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	})
}

// migrationsUpTo returns the migrations whose version is at most last.
func migrationsUpTo(t *testing.T, last string) fs.FS {
	t.Helper()
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(dir, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{}
	for _, n := range names {
		if n[:len(last)] <= last {
			b, err := fs.ReadFile(dir, n)
			if err != nil {
				t.Fatal(err)
			}
			out[n] = &fstest.MapFile{Data: b}
		}
	}
	return out
}
