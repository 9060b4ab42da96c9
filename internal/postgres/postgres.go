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

type engine struct{}

func (engine) Name() string             { return "postgres" }
func (engine) DollarPlaceholders() bool { return true }

// Setup switches to the application role and sets the transaction's scope.
// set_config(..., true) is local to the transaction, so nothing leaks to the
// next user of the pooled connection.
func (engine) Setup(ctx context.Context, tx *sql.Tx, tenantID string, system bool) error {
	sys := ""
	if system {
		sys = "on"
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('role', $1, true), set_config('app.tenant_id', $2, true),
		set_config('app.system', $3, true)`, AppRole, tenantID, sys)
	return err
}

// Lock takes a transaction-scoped advisory lock named by key.
func (engine) Lock(ctx context.Context, tx *sql.Tx, key string) error {
	h := fnv.New64a()
	_, _ = h.Write([]byte("tenantry:" + key))
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64()))
	return err
}

// Classify maps unique violations to store.DuplicateError and connection
// failures to store.UnavailableError.
func (engine) Classify(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return store.DuplicateError(constraintKey(pe.ConstraintName), err)
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "53300":
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

// constraintKey turns "uq__tenants__slug" into "tenants.slug".
func constraintKey(name string) string {
	parts := strings.Split(name, "__")
	if len(parts) == 3 && parts[0] == "uq" {
		return parts[1] + "." + parts[2]
	}
	if table, _, ok := strings.Cut(name, "_pkey"); ok {
		return table + ".pkey"
	}
	return name
}

// Open connects to the PostgreSQL database at url. Call Migrate on the
// result before use; the connecting user needs CREATEROLE the first time (or
// an existing role tenantry_app granted to it).
func Open(ctx context.Context, url string) (*store.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse DATABASE_URL: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", engine{}.Classify(err))
	}
	dir, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("postgres: migrations: %w", err)
	}
	return store.New(db, db, engine{}, dir), nil
}
