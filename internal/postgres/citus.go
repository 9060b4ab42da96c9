package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Citus (docs/citus.md) distributes the tenant-owned tables by tenant_id
// over worker nodes. Two things differ from plain PostgreSQL, both chosen
// once, when the database is opened and found to have the citus extension:
// the per-transaction settings that row-level security reads must reach the
// workers, and `tenantry migrate` distributes the tables (distribute.go).

// hasCitus reports whether the database has the citus extension.
func hasCitus(ctx context.Context, db *sql.DB) (bool, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_extension WHERE extname = 'citus'`).Scan(&n); err != nil {
		return false, fmt.Errorf("postgres: look for citus: %w", err)
	}
	return n > 0, nil
}

// citusSetup is Setup on a Citus coordinator. Citus does not pass
// set_config(..., true) on to the workers, where the shards' row-level
// security is evaluated (every distributed table would read 0 rows for the
// application role); SET LOCAL, with citus.propagate_set_commands =
// 'local', it does, in every worker connection of the transaction. A
// transaction writing to several shards (a registration: tenant,
// membership, subscription, audit event) runs them one connection after
// another (citus.multi_shard_modify_mode = 'sequential'), so its own
// earlier writes and the locks it holds stay in one worker transaction.
// The role and the timeouts are the coordinator's: it connects to the
// workers as the current role and gives up on its statements itself. SET
// takes no parameters, so the values are quoted literals; all of it is one
// round trip.
func citusSetup(ctx context.Context, tx *sql.Tx, tenantID, sys, statement, lock, idle string) error {
	tenant, err := quoteLiteral(tenantID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `SET LOCAL citus.propagate_set_commands = 'local';
		SET LOCAL citus.multi_shard_modify_mode = 'sequential';
		SET LOCAL app.tenant_id = `+tenant+`;
		SET LOCAL app.system = '`+sys+`';
		SET LOCAL role `+AppRole+`;
		SET LOCAL statement_timeout = `+statement+`;
		SET LOCAL lock_timeout = `+lock+`;
		SET LOCAL idle_in_transaction_session_timeout = `+idle)
	return err
}

// quoteLiteral quotes s as an SQL string literal (standard_conforming_strings,
// PostgreSQL's default since 9.1, leaves backslashes as they are).
func quoteLiteral(s string) (string, error) {
	if strings.ContainsRune(s, 0) {
		return "", errors.New("postgres: a setting may not contain NUL")
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}
