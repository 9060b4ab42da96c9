package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// Budgets bound units of work. A unit's budget covers all of it — waiting
// for a connection, BEGIN, the engine's setup, every statement and lock
// wait, COMMIT — and a unit that outruns it fails as Unavailable
// (database_unavailable), whatever the database is doing.
type Budgets struct {
	Read    time.Duration // a read-only unit of a request (ReadTenant, ReadSystem); default 5 s
	Write   time.Duration // a read-write unit of a request (InTenant, InSystem); default 10 s
	Migrate time.Duration // the whole of Migrate; default 10 minutes
}

// OrDefaults returns b with its zero budgets set to the defaults.
func (b Budgets) OrDefaults() Budgets {
	if b.Read <= 0 {
		b.Read = 5 * time.Second
	}
	if b.Write <= 0 {
		b.Write = 10 * time.Second
	}
	if b.Migrate <= 0 {
		b.Migrate = 10 * time.Minute
	}
	return b
}

// NewWithBudgets is New with the budgets of the DB's units of work (zero
// ones take the defaults).
func NewWithBudgets(write, read *sql.DB, eng Engine, migrations fs.FS, budgets Budgets) *DB {
	db := New(write, read, eng, migrations)
	db.budgets = budgets.OrDefaults()
	return db
}

// Budgets returns the DB's budgets.
func (db *DB) Budgets() Budgets { return db.budgets.OrDefaults() }

// Unit describes a unit of work: the scope of its transaction and its budget.
type Unit struct {
	TenantID string        // the tenant whose rows the unit sees; "" with System
	System   bool          // the unit may touch every tenant
	ReadOnly bool          // a read-only transaction (on SQLite, on the readers' pool)
	Snapshot bool          // one snapshot for the whole unit (REPEATABLE READ on PostgreSQL)
	Budget   time.Duration // how long the whole unit may take; required
}

// Run runs fn in one transaction shaped by u. Request paths use InTenant,
// ReadTenant, InSystem and ReadSystem, which carry the configured budgets;
// long jobs (an export, a bulk import) name their own budget here.
//
// Whatever the database does — no free connection, a hung server, a slow
// statement, a lock wait, a stuck COMMIT — the unit ends within its budget:
// running out of it, or of a deadline of ctx, is an Unavailable error
// (database_unavailable). When ctx is cancelled (the client went away) the
// error wraps context.Canceled instead, being no fault of the database.
func (db *DB) Run(ctx context.Context, u Unit, fn func(*Tx) error) error {
	switch {
	case u.System == (u.TenantID != ""):
		return errors.New("store: a unit of work is either a tenant's or the system's")
	case u.Budget <= 0:
		return errors.New("store: a unit of work without a budget")
	}
	unit, cancel := context.WithTimeout(ctx, u.Budget)
	defer cancel()
	return outcome(ctx, unit, db.run(ctx, unit, u, fn))
}

// run is one transaction under ctx, the unit's context, made from caller's.
func (db *DB) run(caller, ctx context.Context, u Unit, fn func(*Tx) error) (err error) {
	pool := db.write
	if u.ReadOnly {
		pool = db.read
	}
	opts := &sql.TxOptions{ReadOnly: u.ReadOnly}
	if u.Snapshot {
		opts.Isolation = sql.LevelRepeatableRead // SQLite's transactions are snapshots already; its driver ignores this
	}
	sqlTx, err := db.eng.Begin(ctx, pool, opts, u.TenantID, u.System)
	if err != nil {
		return db.eng.Classify(fmt.Errorf("begin: %w", err))
	}
	deadline, _ := ctx.Deadline()
	utx := &unitTx{Tx: sqlTx, deadline: deadline, caller: caller, unit: ctx}
	committed := false
	defer func() {
		if !committed {
			_ = sqlTx.Rollback()
		}
		utx.end()
	}()
	tx := &Tx{tx: utx, db: db, tenantID: u.TenantID, system: u.System}
	if err := fn(tx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return db.eng.Classify(fmt.Errorf("commit: %w", err))
	}
	committed = true
	db.committed(tx.topics)
	return nil
}

// outcome is the error a unit of work returns: err unless the unit ran out
// of time or its caller went away. The caller's cancellation wins (the
// failure is then no fault of the database); an error with a kind stays as
// it is; a deadline — the unit's budget or the caller's — makes an
// unclassified error Unavailable, never an internal one.
func outcome(caller, unit context.Context, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(caller.Err(), context.Canceled):
		if errors.Is(err, context.Canceled) {
			return err
		}
		return fmt.Errorf("%w: %w", context.Canceled, err)
	case errs.KindOf(err) != errs.Internal:
		return err
	case errors.Is(unit.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return UnavailableError(fmt.Errorf("unit of work out of time: %w", err))
	}
	return err
}

// unitTx is a unit's transaction. Its statements run under the unit's
// deadline whatever context is handed to each (store methods get their
// caller's, usually the request's), so the budget bounds a statement or a
// lock wait on the client side too: a server that stops answering cannot
// hold a unit past its budget.
type unitTx struct {
	*sql.Tx
	deadline time.Time
	caller   context.Context // the context the unit was run with
	unit     context.Context // the unit's own, caller's ending at deadline

	mu      sync.Mutex
	cancels []context.CancelFunc
}

// bound returns ctx ending no later than the unit: the unit's own context
// when ctx is the one the unit was run with (as it usually is), which ends
// exactly so, or else one made for the statement.
func (u *unitTx) bound(ctx context.Context) context.Context {
	if u.unit != nil && (same(ctx, u.caller) || same(ctx, u.unit)) {
		return u.unit
	}
	c, cancel := context.WithDeadline(ctx, u.deadline)
	u.mu.Lock()
	u.cancels = append(u.cancels, cancel)
	u.mu.Unlock()
	return c
}

// same reports whether a and b are the same context; a context of a type
// that == cannot compare is taken as another.
func same(a, b context.Context) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false
		}
	}()
	return a == b
}

// ExecContext is sql.Tx's, under the unit's deadline.
func (u *unitTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return u.Tx.ExecContext(u.bound(ctx), q, args...)
}

// QueryContext is sql.Tx's, under the unit's deadline.
func (u *unitTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return u.Tx.QueryContext(u.bound(ctx), q, args...)
}

// QueryRowContext is sql.Tx's, under the unit's deadline.
func (u *unitTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return u.Tx.QueryRowContext(u.bound(ctx), q, args...)
}

// end releases the statements' contexts once the transaction is over.
func (u *unitTx) end() {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, cancel := range u.cancels {
		cancel()
	}
	u.cancels = nil
}
