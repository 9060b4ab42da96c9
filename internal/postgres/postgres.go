// Package postgres runs Tenantry's store on PostgreSQL. Every transaction
// switches to the role tenantry_app (which owns no table) and sets
// app.tenant_id, so forced row-level security confines a tenant transaction
// to that tenant's rows even if a query forgets its tenant filter.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/tenantry/tenantry/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// AppRole is the role every transaction runs as.
const AppRole = "tenantry_app"

// engine is PostgreSQL's store.Engine; citus is set when the database has
// the citus extension (citus.go).
type engine struct{ citus bool }

func (engine) Name() string             { return "postgres" }
func (engine) DollarPlaceholders() bool { return true }

// setupSQL switches to the application role and sets the transaction's
// scope and its server-side timeouts (see serverTimeouts).
// set_config(..., true) is local to the transaction, so nothing leaks to
// the next user of the pooled connection.
const setupSQL = `SELECT set_config('role', $1, true), set_config('app.tenant_id', $2, true),
	set_config('app.system', $3, true), set_config('statement_timeout', $4, true), set_config('lock_timeout', $5, true),
	set_config('idle_in_transaction_session_timeout', $6, true)`

// Begin begins the unit's transaction and sets it up (setupSQL). On a pool
// opened by this package the connection sends both in one round trip
// (conn.go); on another pool the setup follows the BEGIN. On Citus the same
// settings are made with SET LOCAL (citusSetup), after the BEGIN.
func (e engine) Begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, tenantID string, system bool) (*sql.Tx, error) {
	sys := ""
	if system {
		sys = "on"
	}
	statement, lock, idle := serverTimeouts(ctx)
	s := &setup{args: []any{AppRole, tenantID, sys, statement, lock, idle}}
	if e.citus {
		tx, err := pool.BeginTx(ctx, opts)
		if err != nil {
			return nil, err
		}
		if err := citusSetup(ctx, tx, tenantID, sys, statement, lock, idle); err != nil {
			_ = tx.Rollback()
			return nil, fmt.Errorf("setup transaction: %w", err)
		}
		return tx, nil
	}
	tx, err := pool.BeginTx(context.WithValue(ctx, setupKey{}, s), opts)
	if err != nil || s.done {
		return tx, err
	}
	if _, err := tx.ExecContext(ctx, setupSQL, s.args...); err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("setup transaction: %w", err)
	}
	return tx, nil
}

// serverTimeouts derives from what is left of a unit's budget (ctx's
// deadline) the server-side limits of its transaction, in milliseconds: a
// statement may run 9/10 of it and wait for a lock 8/10, so that the server
// itself ends a slow statement or a lock wait with an error (and the
// connection stays usable) before the client's deadline cuts the
// connection; a transaction idle for longer than the whole budget has been
// abandoned by its client and is aborted, releasing its locks. Without a
// deadline there are no limits ("0").
func serverTimeouts(ctx context.Context) (statement, lock, idle string) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return "0", "0", "0"
	}
	left := time.Until(deadline)
	ms := func(d time.Duration) string { return strconv.FormatInt(max(1, d.Milliseconds()), 10) }
	return ms(left * 9 / 10), ms(left * 8 / 10), ms(left + left/10)
}

// Lock takes a transaction-scoped advisory lock named by key.
func (engine) Lock(ctx context.Context, tx *sql.Tx, key string) error {
	h := fnv.New64a()
	_, _ = h.Write([]byte("tenantry:" + key))
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64()))
	return err
}

// Classify maps unique violations to store.DuplicateError, and connection
// failures and the server-side timeouts (statement, lock wait, idle
// transaction) to store.UnavailableError.
func (engine) Classify(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return store.DuplicateError(constraintKey(pe), err)
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "53300",
			pe.Code == "57014", pe.Code == "55P03", pe.Code == "25P03": // query_canceled, lock_not_available, idle_in_transaction_session_timeout
			return store.UnavailableError(err)
		}
		return err
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || pgconn.SafeToRetry(err) {
		return store.UnavailableError(err)
	}
	return err
}

// constraintKey names the unique key a violation reports as
// "table.column": "uq__tenants__slug" is "tenants.slug", "users_pkey" is
// "users.pkey". It reads the constraint's stable form, not its exact name:
// Citus raises a shard's violation with the shard's constraint name, the
// shard id appended ("uq__users__email_102008"), and passes on only the
// message, without the constraint field. No uq__ constraint's column part
// ends in _<digits> (a catalog test checks), so that suffix is the shard's.
func constraintKey(pe *pgconn.PgError) string {
	name := pe.ConstraintName
	if name == "" {
		if m := quotedConstraint.FindStringSubmatch(pe.Message); m != nil {
			name = m[1]
		}
	}
	if m := uniqueName.FindStringSubmatch(name); m != nil {
		return m[1] + "." + m[2]
	}
	if table, _, ok := strings.Cut(name, "_pkey"); ok {
		return table + ".pkey"
	}
	return name
}

var (
	// quotedConstraint finds the constraint in a unique violation's message.
	quotedConstraint = regexp.MustCompile(`unique constraint "([^"]+)"`)
	// uniqueName reads uq__<table>__<column>, with or without a shard's _<id>.
	uniqueName = regexp.MustCompile(`^uq__([a-z0-9_]+?)__([a-z0-9_]+?)(?:_[0-9]+)?$`)
)

// Open connects to the PostgreSQL database at url with the default budgets.
// Call Migrate on the result before use; the connecting user needs
// CREATEROLE the first time (or an existing role tenantry_app granted to it).
func Open(ctx context.Context, url string) (*store.DB, error) {
	return OpenWith(ctx, url, store.Budgets{})
}

// OpenWith is Open with the given budgets for units of work (zero ones take
// the defaults).
func OpenWith(ctx context.Context, url string, budgets store.Budgets) (*store.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse DATABASE_URL: %w", err)
	}
	db := sql.OpenDB(connector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", engine{}.Classify(err))
	}
	citus, err := hasCitus(pingCtx, db)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("postgres: migrations: %w", err)
	}
	return store.NewWithBudgets(db, db, engine{citus: citus}, dir, budgets), nil
}
