package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// setup is what a unit's transaction sets up (setupSQL's arguments), handed
// by engine.Begin to the connection's BeginTx through the context; done
// says that BeginTx sent it.
type setup struct {
	args []any
	done bool
}

type setupKey struct{}

// connector opens pgx's database/sql connections wrapped in conn.
type connector struct {
	driver.Connector
}

// Connect opens a connection that begins a unit's transaction and sets it
// up in one round trip.
func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := dc.(*stdlib.Conn)
	if !ok {
		return dc, nil
	}
	return &conn{Conn: sc}, nil
}

// conn is pgx's database/sql connection (every method of it), except that
// BeginTx, given a setup in its context, pipelines BEGIN and setupSQL — two
// statements, one round trip, instead of a round trip each.
type conn struct {
	*stdlib.Conn
}

// BeginTx begins a transaction with opts, set up as ctx's setup says.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	s, ok := ctx.Value(setupKey{}).(*setup)
	if !ok {
		return c.Conn.BeginTx(ctx, opts)
	}
	pc := c.Conn.Conn()
	if pc.IsClosed() {
		return nil, driver.ErrBadConn
	}
	begin, err := beginSQL(opts)
	if err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	b.Queue(begin)
	b.Queue(setupSQL, s.args...)
	br := pc.SendBatch(ctx, b)
	_, err = br.Exec()
	if err == nil {
		_, err = br.Exec()
	}
	err = errors.Join(err, br.Close())
	if err != nil {
		if pgconn.SafeToRetry(err) {
			return nil, driver.ErrBadConn
		}
		if pc.PgConn().TxStatus() != 'I' {
			// the BEGIN went through, the setup did not: no transaction
			// may start unscoped
			_ = (&tx{conn: pc, ctx: ctx}).Rollback()
		}
		return nil, err
	}
	s.done = true
	return &tx{conn: pc, ctx: ctx}, nil
}

// beginSQL is the BEGIN for opts, as pgx's database/sql driver writes it.
func beginSQL(opts driver.TxOptions) (string, error) {
	q := "begin"
	switch sql.IsolationLevel(opts.Isolation) {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		q += " isolation level read uncommitted"
	case sql.LevelReadCommitted:
		q += " isolation level read committed"
	case sql.LevelRepeatableRead, sql.LevelSnapshot:
		q += " isolation level repeatable read"
	case sql.LevelSerializable:
		q += " isolation level serializable"
	default:
		return "", fmt.Errorf("unsupported isolation: %v", opts.Isolation)
	}
	if opts.ReadOnly {
		q += " read only"
	}
	return q, nil
}

// tx is a transaction begun by conn.BeginTx, ended as pgx ends its own: a
// connection whose COMMIT or ROLLBACK failed is closed rather than reused.
type tx struct {
	conn *pgx.Conn
	ctx  context.Context // BeginTx's, as database/sql documents
}

// Commit commits; a transaction that failed earlier reports
// pgx.ErrTxCommitRollback.
func (t *tx) Commit() error {
	tag, err := t.conn.Exec(t.ctx, "commit")
	if err != nil {
		if t.conn.PgConn().TxStatus() != 'I' {
			_ = t.conn.Close(t.ctx)
		}
		return err
	}
	if tag.String() == "ROLLBACK" {
		return pgx.ErrTxCommitRollback
	}
	return nil
}

// Rollback rolls back.
func (t *tx) Rollback() error {
	if _, err := t.conn.Exec(t.ctx, "rollback"); err != nil {
		_ = t.conn.Close(t.ctx)
		return err
	}
	return nil
}
