package test

import (
	"database/sql"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, for PostgreSQL faults
	_ "modernc.org/sqlite"             // the sqlite driver, for SQLite triggers
)

// rawDB opens the server's database directly, as its owner, to inject
// failures into its schema: no code hooks.
func (h *harness) rawDB(t *testing.T) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if h.engine == "postgres" {
		db, err = sql.Open("pgx", h.cfg.DatabaseURL)
	} else {
		db, err = sql.Open("sqlite", "file:"+url.PathEscape(filepath.Join(h.cfg.DataDir, "tenantry.db"))+"?_pragma=busy_timeout(10000)")
	}
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// injectFailure makes every insert into table matching the SQL condition
// on NEW fail, and returns a function that removes the fault (also removed
// when t ends). SQLite gets a trigger. PostgreSQL gets a check constraint
// refusing the rows (NOT VALID: the rows already there are not checked),
// because a Citus coordinator refuses triggers on distributed tables and
// the tables failed here are tenant-owned; an update making a row match
// fails too, which no caller provokes.
func (h *harness) injectFailure(t *testing.T, db *sql.DB, table, when string) (remove func()) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER inject_failure BEFORE INSERT ON ` + table + ` WHEN ` + when +
		` BEGIN SELECT RAISE(ABORT, 'injected failure'); END`}
	drop := []string{`DROP TRIGGER IF EXISTS inject_failure`}
	if h.engine == "postgres" {
		stmts = []string{`ALTER TABLE ` + table + ` ADD CONSTRAINT inject_failure CHECK (NOT (` +
			strings.ReplaceAll(when, "NEW.", "") + `)) NOT VALID`}
		drop = []string{`ALTER TABLE ` + table + ` DROP CONSTRAINT IF EXISTS inject_failure`}
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("inject failure: %v\n%s", err, s)
		}
	}
	remove = func() {
		t.Helper()
		for _, s := range drop {
			if _, err := db.Exec(s); err != nil {
				t.Fatalf("remove injected failure: %v", err)
			}
		}
	}
	t.Cleanup(remove)
	return remove
}

// rowCounts counts the rows of the tables a tenant creation writes. The
// connection is the tables' owner (on PostgreSQL a superuser, whom row-level
// security does not confine).
func rowCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"tenants", "users", "memberships", "subscriptions", "audit_logs"} {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// checkInternalError checks a 500 that leaks nothing of its cause.
func checkInternalError(t *testing.T, r *response) {
	t.Helper()
	p := r.problem(http.StatusInternalServerError, "internal_error")
	p.eq("title", "Internal Server Error")
	checkSecurityHeaders(t, r)
	body := strings.ToLower(string(r.body))
	for _, leak := range []string{"injected", "trigger", "insert", "memberships", "audit_logs", "sql", "constraint", "postgres", "pgx", "abort", "exception"} {
		if strings.Contains(body, leak) {
			t.Errorf("500 body leaks %q: %s", leak, r.body)
		}
	}
}

func TestNothingHalfCreated(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		db := h.rawDB(t)
		admin := h.admin(t)

		t.Run("registration fails at the owner membership", func(t *testing.T) {
			body := registration("Doomed Spa")
			body["preferred_slug"] = "doomed-spa"
			beforeTenants, beforeRows := h.tenantCount(t), rowCounts(t, db)
			remove := h.injectFailure(t, db, "memberships", "NEW.role = 'owner'")

			checkInternalError(t, h.post(t, "/api/v1/public/register", "", body))
			// The same registration fails the same way, not with a conflict on
			// something a first attempt left behind.
			checkInternalError(t, h.post(t, "/api/v1/public/register", "", body))

			if !h.available(t, "doomed-spa") {
				t.Error("slug doomed-spa taken after a failed registration")
			}
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": body["admin_email"], "password": goodPassword}).
				problem(http.StatusUnauthorized, "invalid_credentials")
			if n := h.tenantCount(t); n != beforeTenants {
				t.Errorf("%d tenants after the failure, want %d", n, beforeTenants)
			}
			for _, l := range h.get(t, "/api/v1/tenants?limit=500", admin).expect(http.StatusOK).list() {
				if l.str("slug") == "doomed-spa" {
					t.Error("the failed tenant is listed")
				}
			}
			checkRows(t, beforeRows, rowCounts(t, db), "audit_logs")

			remove()
			o := h.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated).obj()
			o.eq("slug", "doomed-spa")
			ts := h.login(t, body["admin_email"].(string), goodPassword).objs("tenants")
			if len(ts) != 1 || ts[0].str("id") != o.str("tenant_id") {
				t.Errorf("after the retry the owner's tenants are %v", ts)
			}
		})

		t.Run("admin creation fails at its last step", func(t *testing.T) {
			body := seedAdminTenant()
			beforeTenants, beforeRows := h.tenantCount(t), rowCounts(t, db)
			// The audit event is written last: tenant, user, subscription and
			// membership are already written in the transaction.
			remove := h.injectFailure(t, db, "audit_logs", "NEW.action = 'tenant.create'")

			checkInternalError(t, h.post(t, "/api/v1/tenants", admin, body))
			checkInternalError(t, h.post(t, "/api/v1/tenants", admin, body))

			if !h.available(t, "glamour-spa") {
				t.Error("slug glamour-spa taken after a failed creation")
			}
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "owner@glamourspa.com", "password": "SecurePass123!"}).
				problem(http.StatusUnauthorized, "invalid_credentials")
			if n := h.tenantCount(t); n != beforeTenants {
				t.Errorf("%d tenants after the failure, want %d", n, beforeTenants)
			}
			checkRows(t, beforeRows, rowCounts(t, db), "audit_logs")

			// Other writes still work while the trigger is there.
			h.post(t, "/api/v1/tenants", admin, map[string]any{"name": "Unaffected Org"}).expect(http.StatusCreated)

			remove()
			o := h.post(t, "/api/v1/tenants", admin, body).expect(http.StatusCreated).obj()
			o.eq("slug", "glamour-spa")
			h.login(t, "owner@glamourspa.com", "SecurePass123!")
		})
	})
}

// checkRows fails when a table other than those in except gained or lost rows.
func checkRows(t *testing.T, before, after map[string]int, except ...string) {
	t.Helper()
	for table, n := range before {
		if contains(except, table) {
			continue // failed logins and the like are audited meanwhile
		}
		if after[table] != n {
			t.Errorf("%s: %d rows after the failure, %d before", table, after[table], n)
		}
	}
}
