package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// migrate applies, in order, every *.sql file of migrations not yet recorded
// in schema_migrations. Each file runs in its own transaction under the
// engine's migration lock, so several processes starting at once apply each
// migration exactly once. It returns the versions it applied.
func migrate(ctx context.Context, db *sql.DB, eng Engine, migrations fs.FS) ([]string, error) {
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("migrate: list: %w", err)
	}
	sort.Strings(names)
	var applied []string
	for _, name := range names {
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return applied, fmt.Errorf("migrate: read %s: %w", name, err)
		}
		version := strings.TrimSuffix(name, ".sql")
		did, err := migrateOne(ctx, db, eng, version, string(body))
		if err != nil {
			return applied, fmt.Errorf("migrate %s: %w", version, err)
		}
		if did {
			applied = append(applied, version)
		}
	}
	return applied, nil
}

func migrateOne(ctx context.Context, db *sql.DB, eng Engine, version, body string) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, eng.Classify(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := eng.Lock(ctx, tx, "migrations"); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return false, fmt.Errorf("create schema_migrations: %w", err)
	}
	var n int
	q := placeholders(eng, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`)
	ins := placeholders(eng, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`)
	if err := tx.QueryRowContext(ctx, q, version).Scan(&n); err != nil {
		return false, fmt.Errorf("check version: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return false, fmt.Errorf("apply: %w", err)
	}
	if _, err := tx.ExecContext(ctx, ins, version, ts(nowUTC())); err != nil {
		return false, fmt.Errorf("record version: %w", err)
	}
	return true, tx.Commit()
}
