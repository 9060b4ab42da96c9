package test

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// Small budgets for the hang scenarios, yet ample for a working database on
// a loaded machine (the requests after the thaw must fit in them); the
// client's timeout is the only upper bound the tests put on an answer.
const (
	hangRead  = time.Second
	hangWrite = 2 * time.Second
)

// unavailable checks a 503 database_unavailable with a Retry-After.
func unavailable(r *response) {
	r.t.Helper()
	r.problem(http.StatusServiceUnavailable, "database_unavailable")
	if r.header.Get("Retry-After") == "" {
		r.t.Errorf("%s %s: 503 without Retry-After", r.method, r.path)
	}
}

// TestHungDatabaseAnswers503 stops PostgreSQL from answering (a frozen
// proxy: connections stay open, no byte passes, as with SIGSTOP) and
// expects every kind of request — a read, a write, a registration, a login —
// to answer 503 database_unavailable within its budget instead of hanging;
// thawed, the same requests succeed and nothing was half-written.
func TestHungDatabaseAnswers503(t *testing.T) {
	t.Parallel()
	px := pgtest.NewProxy(t, pgtest.NewDatabase(t))
	h := boot(t, "postgres", options{databaseURL: px.URL, dbRead: hangRead, dbWrite: hangWrite})
	// 20 s: ten times the write budget, and shorter than the 30 s every
	// unit could hang before the budgets.
	h.client.Timeout = 10 * hangWrite
	owner := h.register(t, "Before Freeze Spa")
	tok := h.scoped(t, owner.email, owner.password, owner.tenantID)
	path := "/api/v1/tenants/" + owner.tenantID
	frozenBody := registration("Frozen Spa")
	login := map[string]any{"email": owner.email, "password": owner.password}
	before := h.tenantCount(t)

	px.Freeze()
	defer px.Thaw()
	unavailable(h.get(t, path, tok))
	unavailable(h.put(t, path, tok, map[string]any{"description": "Written while frozen"}))
	unavailable(h.post(t, "/api/v1/public/register", "", frozenBody))
	unavailable(h.post(t, "/api/v1/auth/login", "", login))

	px.Thaw()
	h.get(t, path, tok).expect(http.StatusOK)
	h.put(t, path, tok, map[string]any{"description": "Written after the thaw"}).expect(http.StatusOK).obj().
		eq("description", "Written after the thaw")
	// The registration tried while frozen left nothing behind: the same
	// business registers now (a half-made tenant would make it 409).
	h.post(t, "/api/v1/public/register", "", frozenBody).expect(http.StatusCreated)
	h.post(t, "/api/v1/auth/login", "", login).expect(http.StatusOK)
	if n := h.tenantCount(t); n != before+1 {
		t.Errorf("%d tenants after the thaw, want %d", n, before+1)
	}
}

// TestLockWaitAnswers503 holds the database's write lock from another
// connection — a row lock on the tenant on PostgreSQL, BEGIN IMMEDIATE on
// the same file on SQLite — and expects a write route to answer 503
// database_unavailable within its budget; released, the write succeeds.
func TestLockWaitAnswers503(t *testing.T) {
	forEachEngine(t, options{dbRead: hangRead, dbWrite: time.Second}, func(t *testing.T, h *harness) {
		// 8 s: ample for a 1 s budget, and shorter than the 10 s busy wait
		// SQLite had before its busy timeout followed the budget.
		h.client.Timeout = 8 * time.Second
		owner := h.register(t, "Locked Spa")
		tok := h.scoped(t, owner.email, owner.password, owner.tenantID)
		path := "/api/v1/tenants/" + owner.tenantID

		release := holdWriteLock(t, h, owner.tenantID)
		unavailable(h.put(t, path, tok, map[string]any{"description": "Written under the lock"}))
		release()
		h.put(t, path, tok, map[string]any{"description": "Written after the lock"}).expect(http.StatusOK).obj().
			eq("description", "Written after the lock")
	})
}

// holdWriteLock takes, from a connection of its own, the lock a write to
// tenantID's row needs, and returns the function that releases it (also
// called when t ends).
func holdWriteLock(t *testing.T, h *harness, tenantID string) (release func()) {
	t.Helper()
	ctx := context.Background()
	var db *sql.DB
	var err error
	var lock string
	var args []any
	if h.engine == "postgres" {
		db, err = sql.Open("pgx", h.cfg.DatabaseURL)
		lock, args = `SELECT id FROM tenants WHERE id = $1 FOR UPDATE`, []any{tenantID}
	} else {
		db, err = sql.Open("sqlite", "file:"+filepath.Join(h.cfg.DataDir, "tenantry.db"))
	}
	if err != nil {
		t.Fatalf("open a second connection: %v", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatalf("second connection: %v", err)
	}
	begin := "BEGIN"
	if h.engine == "sqlite" {
		begin = "BEGIN IMMEDIATE"
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		t.Fatalf("%s: %v", begin, err)
	}
	if lock != "" {
		if _, err := conn.ExecContext(ctx, lock, args...); err != nil {
			t.Fatalf("lock the tenant row: %v", err)
		}
	}
	release = func() {
		if conn == nil {
			return
		}
		if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			t.Errorf("release the lock: %v", err)
		}
		_ = conn.Close()
		_ = db.Close()
		conn = nil
	}
	t.Cleanup(release)
	return release
}
