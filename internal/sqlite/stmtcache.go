package sqlite

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"reflect"
)

// stmtCacheSize bounds the prepared statements one connection keeps. The
// store's statements are a fixed set of texts, a few hundred at most; the
// few built at run time (IN lists of varying length) take the rest, the
// least recently used one leaving first.
const stmtCacheSize = 256

// cachingConnector opens the driver's connections wrapped in cachingConn.
type cachingConnector struct {
	driver.Connector
}

// Connect opens a connection that keeps its prepared statements.
func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return newCachingConn(conn)
}

// inner is what a connection of modernc's driver implements, all of it
// forwarded by cachingConn (see sqlite.NewConnector).
type inner interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachedStmt is one prepared statement of a connection.
type cachedStmt struct {
	query string
	stmt  driver.Stmt
	busy  bool          // rows of it are open: it cannot run again until they close
	elem  *list.Element // in cachingConn.lru
}

// cachingConn is a connection of the driver that keeps a statement it has
// prepared for the next call with the same text, instead of parsing and
// planning it again on every call (a quarter of a read's CPU otherwise).
// The statements belong to the connection, so the cache needs no other
// connection and no lock: database/sql hands a connection to one caller
// at a time, and a transaction keeps it. A statement whose rows are still
// open (the same text running again inside a loop over its rows) is not
// reused; that call prepares a statement of its own, as without the cache.
type cachingConn struct {
	inner
	stmts map[string]*cachedStmt
	lru   *list.List // of *cachedStmt, most recently used first
}

func newCachingConn(conn driver.Conn) (driver.Conn, error) {
	c, ok := conn.(inner)
	if !ok {
		_ = conn.Close()
		return nil, errors.New("sqlite: the driver's connection lacks an interface the statement cache forwards")
	}
	return &cachingConn{inner: c, stmts: map[string]*cachedStmt{}, lru: list.New()}, nil
}

// Unwrap returns the driver's connection (sqlite.Limit looks through it).
func (c *cachingConn) Unwrap() driver.Conn { return c.inner }

// take returns query's cached statement marked busy, preparing it if it is
// not cached, or nil when the cached one is busy.
func (c *cachingConn) take(ctx context.Context, query string) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		s.busy = true
		c.lru.MoveToFront(s.elem)
		return s, nil
	}
	stmt, err := c.inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{query: query, stmt: stmt, busy: true}
	s.elem = c.lru.PushFront(s)
	c.stmts[query] = s
	c.evict()
	return s, nil
}

// evict closes the least recently used statements not in use beyond the
// cache's size.
func (c *cachingConn) evict() {
	for e := c.lru.Back(); e != nil && len(c.stmts) > stmtCacheSize; {
		s := e.Value.(*cachedStmt)
		e = e.Prev()
		if !s.busy {
			c.drop(s)
		}
	}
}

// drop closes s and forgets it.
func (c *cachingConn) drop(s *cachedStmt) {
	c.lru.Remove(s.elem)
	delete(c.stmts, s.query)
	_ = s.stmt.Close()
}

// ExecContext runs query through its cached statement.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.inner.ExecContext(ctx, query, args)
	}
	defer func() { s.busy = false }()
	return s.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query through its cached statement, which stays busy
// until the rows close.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.inner.QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		s.busy = false
		return nil, err
	}
	return &cachedRows{Rows: rows, stmt: s}, nil
}

// Close closes the cached statements, then the connection.
func (c *cachingConn) Close() error {
	for _, s := range c.stmts {
		_ = s.stmt.Close()
	}
	c.stmts, c.lru = nil, nil
	return c.inner.Close()
}

// cachedRows are the rows of a cached statement, which they free on Close.
type cachedRows struct {
	driver.Rows
	stmt *cachedStmt
}

// Close resets the statement (the driver's rows do) and frees it for the
// next call.
func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.stmt != nil {
		r.stmt.busy = false
		r.stmt = nil
	}
	return err
}

// The driver's rows describe their columns; database/sql's ColumnTypes asks
// for these through the wrapper.

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
