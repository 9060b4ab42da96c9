// Package sqlite runs Tenantry's store on an embedded SQLite database (pure
// Go, WAL mode): one writer connection, many readers. SQLite has no
// row-level security, so isolation rests on the store's tenant predicate in
// every query, which the conformance suite checks.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"time"

	"github.com/tenantry/tenantry/internal/store"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// engine is the SQLite dialect.
type engine struct{}

func (engine) Name() string             { return "sqlite" }
func (engine) DollarPlaceholders() bool { return false }

// Begin begins a transaction on pool: SQLite has nothing to set up, the
// store's tenant predicate in every query being its isolation.
func (engine) Begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, _ string, _ bool) (*sql.Tx, error) {
	return pool.BeginTx(ctx, opts)
}

// Lock is a no-op: write transactions begin IMMEDIATE on the single writer
// connection, so they are already serialized.
func (engine) Lock(context.Context, *sql.Tx, string) error { return nil }

var uniqueRE = regexp.MustCompile(`UNIQUE constraint failed: ([a-z_]+\.[a-z_]+)`)

func (engine) Classify(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			key := "unknown"
			if m := uniqueRE.FindStringSubmatch(se.Error()); m != nil {
				key = m[1]
			}
			return store.DuplicateError(key, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_BUSY_SNAPSHOT:
			return store.UnavailableError(err)
		}
	}
	return err
}

// Open opens (creating if needed) the SQLite database at path with the
// default budgets. Call Migrate on the result before use.
func Open(path string) (*store.DB, error) {
	return OpenWith(path, store.Budgets{})
}

// OpenWith is Open with the given budgets for units of work (zero ones take
// the defaults). A connection waits for another's lock (busy_timeout) at
// most 3/4 of its pool's budget — the writer's of the write budget, the
// readers' of the read budget — so a lock held elsewhere (another process
// on the file, a backup) ends the unit with SQLITE_BUSY, an Unavailable
// error, inside its budget: SQLite's busy wait does not heed the context.
func OpenWith(path string, budgets store.Budgets) (*store.DB, error) {
	budgets = budgets.OrDefaults()
	// busy_timeout comes first: the pragmas run in order when a connection
	// opens, and switching a new file to WAL needs a lock another
	// connection (a second process migrating) may hold for a moment.
	dsn := func(budget time.Duration) string {
		return "file:" + url.PathEscape(path) + "?_pragma=busy_timeout(" + strconv.FormatInt(max(1, (budget*3/4).Milliseconds()), 10) + ")" +
			"&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	}
	write, err := openPool(dsn(budgets.Write) + "&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	if err := connectWriter(write, budgets.Write); err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	read, err := openPool(dsn(budgets.Read) + "&_pragma=query_only(1)")
	if err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("sqlite: migrations: %w", err)
	}
	return store.NewWithBudgets(write, read, engine{}, dir, budgets), nil
}

// openPool returns a pool of connections to dsn that keep their prepared
// statements (stmtcache.go).
func openPool(dsn string) (*sql.DB, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(cachingConnector{c}), nil
}

// connectWriter opens the writer's one connection now, running its pragmas.
// Two processes opening a new file at once can find it locked while the
// other switches it to WAL, and SQLite answers that with SQLITE_BUSY at
// once rather than through the busy timeout; the connection is retried
// for at most 3/4 of budget then. The pool keeps the connection, so later
// units of work do not open it again.
func connectWriter(db *sql.DB, budget time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), budget*3/4)
	defer cancel()
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		conn, err := db.Conn(ctx)
		if err == nil {
			return conn.Close()
		}
		var se *sqlite.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}
