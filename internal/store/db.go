// Package store is Tenantry's one storage seam. A DB runs every unit of work
// in one transaction, scoped either to a single tenant (InTenant, ReadTenant)
// or to the whole platform (InSystem, ReadSystem). The SQL is hand-written
// once, in a file per domain, and runs on every engine; an Engine (see the
// sqlite and postgres packages) supplies what differs: placeholders, the
// per-transaction tenant setting that row-level security reads, locking and
// the classification of driver errors.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"github.com/tenantry/tenantry/internal/errs"
)

// Engine is what differs between database engines.
type Engine interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// DollarPlaceholders reports whether parameters are written $1, $2 … rather than ?.
	DollarPlaceholders() bool
	// Begin opens a unit's transaction on pool, set up for its scope
	// (tenantID, or the whole platform when system): on PostgreSQL it
	// switches to the application role and sets the tenant that row-level
	// security reads, in the round trip of BEGIN.
	Begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, tenantID string, system bool) (*sql.Tx, error)
	// Classify turns a driver error into an errs.Error where it has a meaning
	// (duplicate key, unavailable database); other errors are returned as they are.
	Classify(err error) error
	// Lock takes a transaction-scoped lock named by key, serializing
	// transactions that must not interleave (migrations, slug allocation).
	Lock(ctx context.Context, tx *sql.Tx, key string) error
}

// DB runs units of work in transactions on one engine.
type DB struct {
	write      *sql.DB
	read       *sql.DB
	eng        Engine
	dialect    dialect
	migrations fs.FS
	rebinds    sync.Map // query → rebound query
	budgets    Budgets  // zero ones take the defaults (see Budgets)

	hookMu sync.RWMutex
	hooks  []func(topics []string) // OnCommit
}

// ConfigTopic is what a transaction touches when it changes something
// resolved configuration depends on: a stored setting or definition, or
// the plan of a tenant's subscription.
const ConfigTopic = "config"

// TenantsTopic is what a transaction touches when it writes a tenant's row,
// a subscription or a gateway credential: what a tenant's documents show
// (GetTenantListing, the publishable keys).
const TenantsTopic = "tenants"

// OutletsTopic is what a transaction touches when it writes outlets.
const OutletsTopic = "outlets"

// OnCommit calls fn after every commit of a unit of work that touched a
// topic (Tx.Touch), with the topics it touched, once each. The App uses
// it to invalidate its caches.
func (db *DB) OnCommit(fn func(topics []string)) {
	db.hookMu.Lock()
	defer db.hookMu.Unlock()
	db.hooks = append(db.hooks, fn)
}

func (db *DB) committed(topics []string) {
	if len(topics) == 0 {
		return
	}
	db.hookMu.RLock()
	defer db.hookMu.RUnlock()
	for _, fn := range db.hooks {
		fn(topics)
	}
}

// New returns a DB writing through write and reading through read (which may
// be the same pool), whose schema is the *.sql files of migrations.
func New(write, read *sql.DB, eng Engine, migrations fs.FS) *DB {
	return &DB{write: write, read: read, eng: eng, dialect: dialectOf(eng), migrations: migrations}
}

// Migrate brings the schema up to date and returns the versions it applied,
// all within the migration budget. An engine with a step after migrations
// (AfterMigrate: PostgreSQL places the tables on Citus) takes it then.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, db.Budgets().Migrate)
	defer cancel()
	applied, err := migrate(ctx, db.write, db.eng, db.migrations)
	if err != nil {
		return applied, err
	}
	if a, ok := db.eng.(interface {
		AfterMigrate(ctx context.Context, db *sql.DB) error
	}); ok {
		err = a.AfterMigrate(ctx, db.write)
	}
	return applied, err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return db.eng.Classify(fmt.Errorf("ping: %w", err))
	}
	return nil
}

// Close closes the pools.
func (db *DB) Close() error {
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// InTenant runs fn in a read-write transaction that sees only tenantID's
// rows, within the write budget.
func (db *DB) InTenant(ctx context.Context, tenantID string, fn func(*Tx) error) error {
	if tenantID == "" {
		return errors.New("store: InTenant without a tenant")
	}
	return db.Run(ctx, Unit{TenantID: tenantID, Budget: db.Budgets().Write}, fn)
}

// ReadTenant runs fn in a read-only transaction that sees only tenantID's
// rows, within the read budget.
func (db *DB) ReadTenant(ctx context.Context, tenantID string, fn func(*Tx) error) error {
	if tenantID == "" {
		return errors.New("store: ReadTenant without a tenant")
	}
	return db.Run(ctx, Unit{TenantID: tenantID, ReadOnly: true, Budget: db.Budgets().Read}, fn)
}

// InSystem runs fn in a read-write transaction that may touch every tenant,
// within the write budget. Use it only for platform-level work:
// registration, login, platform admin.
func (db *DB) InSystem(ctx context.Context, fn func(*Tx) error) error {
	return db.Run(ctx, Unit{System: true, Budget: db.Budgets().Write}, fn)
}

// ReadSystem runs fn in a read-only transaction that may read every tenant,
// within the read budget.
func (db *DB) ReadSystem(ctx context.Context, fn func(*Tx) error) error {
	return db.Run(ctx, Unit{System: true, ReadOnly: true, Budget: db.Budgets().Read}, fn)
}

// Tx is one transaction, scoped to a tenant or to the system.
type Tx struct {
	tx       *unitTx
	db       *DB
	tenantID string
	system   bool
	topics   []string // touched, for the OnCommit hooks
}

// Touch records that the transaction changed what topic covers; after it
// commits, the DB's OnCommit hooks hear of it.
func (t *Tx) Touch(topic string) {
	if !slices.Contains(t.topics, topic) {
		t.topics = append(t.topics, topic)
	}
}

// TenantID returns the tenant the transaction is scoped to, or "" for a system transaction.
func (t *Tx) TenantID() string { return t.tenantID }

// SQL exposes the underlying transaction for engine-level tests (row-level
// security). Application code uses the typed methods.
func (t *Tx) SQL() *sql.Tx { return t.tx.Tx }

// Rebind rewrites a query's ? placeholders for this engine (for engine-level tests).
func (t *Tx) Rebind(q string) string { return t.db.rebind(q) }

// scope checks that the transaction may touch tenantID. A tenant transaction
// asking for another tenant sees nothing, exactly as if it did not exist.
func (t *Tx) scope(tenantID string) error {
	if t.system || tenantID == t.tenantID {
		return nil
	}
	return errs.E(errs.NotFound, "not_found", "Not found.")
}

// Lock takes a transaction-scoped lock named by key.
func (t *Tx) Lock(ctx context.Context, key string) error {
	return t.failed(t.db.eng.Lock(t.tx.bound(ctx), t.tx.Tx, key))
}

func (t *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	r, err := t.tx.ExecContext(ctx, t.db.rebind(q), args...)
	return r, t.failed(err)
}

func (t *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	rows, err := t.tx.QueryContext(ctx, t.db.rebind(q), args...)
	return rows, t.failed(err)
}

// get scans one row; sql.ErrNoRows becomes a NotFound error with code.
func (t *Tx) get(ctx context.Context, code string, q string, args []any, dest ...any) error {
	err := t.tx.QueryRowContext(ctx, t.db.rebind(q), args...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, code, "Not found.")
	}
	return t.failed(err)
}

// affected reports how many rows a statement changed.
func affected(r sql.Result) int64 {
	n, err := r.RowsAffected()
	if err != nil {
		return 0
	}
	return n
}
