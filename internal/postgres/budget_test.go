package postgres_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/store"
)

// openBudgeted opens and migrates the database at url with budgets.
func openBudgeted(t *testing.T, url string, b store.Budgets) *store.DB {
	t.Helper()
	db, err := postgres.OpenWith(ctx, url, b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestServerTimeoutsFollowTheBudget: every transaction carries server-side
// statement, lock and idle timeouts derived from what is left of its budget.
func TestServerTimeoutsFollowTheBudget(t *testing.T) {
	const budget = 2 * time.Second
	db := openBudgeted(t, pgtest.NewDatabase(t), store.Budgets{Read: budget, Write: budget})
	for _, c := range []struct {
		setting string
		max     time.Duration
	}{
		{"statement_timeout", budget * 9 / 10},
		{"lock_timeout", budget * 8 / 10},
		{"idle_in_transaction_session_timeout", budget * 11 / 10},
	} {
		var v string
		err := db.ReadSystem(ctx, func(tx *store.Tx) error {
			return tx.SQL().QueryRowContext(ctx, `SELECT current_setting($1)`, c.setting).Scan(&v)
		})
		if err != nil {
			t.Fatalf("%s: %v", c.setting, err)
		}
		d := setting(t, v)
		if d <= 0 || d > c.max {
			t.Errorf("%s = %q, want within (0, %s]", c.setting, v, c.max)
		}
	}
}

// setting parses a PostgreSQL duration setting as SHOW prints it ("450ms", "1800ms", "2s").
func setting(t *testing.T, v string) time.Duration {
	t.Helper()
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Millisecond
	}
	d, err := time.ParseDuration(strings.ReplaceAll(v, "min", "m"))
	if err != nil {
		t.Fatalf("setting %q: %v", v, err)
	}
	return d
}

// TestServerEndsSlowStatementsAndLockWaits: a statement or a lock wait that
// would outlast its unit is ended by the server itself — even when the
// client would wait twenty times longer (the raw transaction, under a
// context of its own).
func TestServerEndsSlowStatementsAndLockWaits(t *testing.T) {
	const budget = 2 * time.Second
	url := pgtest.NewDatabase(t)
	db := openBudgeted(t, url, store.Budgets{Read: budget, Write: budget})
	forever, cancel := context.WithTimeout(ctx, 20*budget)
	defer cancel()

	err := db.ReadSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.SQL().ExecContext(forever, `SELECT pg_sleep(600)`)
		return err
	})
	if code := pgCode(err); code != "57014" {
		t.Errorf("slow statement: %v (code %q), want the server's statement timeout 57014", err, code)
	}

	holder, err := rawDB(t, url).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, `SELECT pg_advisory_lock(7007)`); err != nil {
		t.Fatal(err)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.SQL().ExecContext(forever, `SELECT pg_advisory_xact_lock(7007)`)
		return err
	})
	if code := pgCode(err); code != "55P03" {
		t.Errorf("lock wait: %v (code %q), want the server's lock timeout 55P03", err, code)
	}
}

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// TestHungServerEndsUnitWithinBudget freezes the server (a proxy that stops
// forwarding, as SIGSTOP does) at each step of a unit — before BEGIN, between
// statements, before COMMIT — and expects database_unavailable within the
// budget each time, even though the caller's context never ends.
func TestHungServerEndsUnitWithinBudget(t *testing.T) {
	const budget = time.Second
	forever := context.Background()
	cases := []struct {
		name string
		fn   func(px *pgtest.Proxy) func(*store.Tx) error
	}{
		{"begin", func(px *pgtest.Proxy) func(*store.Tx) error {
			px.Freeze()
			return func(*store.Tx) error { return nil }
		}},
		{"statement", func(px *pgtest.Proxy) func(*store.Tx) error {
			return func(tx *store.Tx) error {
				if _, err := tx.GetMail(forever, "mail_none"); !errs.Is(err, errs.NotFound) {
					return err
				}
				px.Freeze()
				_, err := tx.GetMail(forever, "mail_none")
				return err
			}
		}},
		{"commit", func(px *pgtest.Proxy) func(*store.Tx) error {
			return func(tx *store.Tx) error {
				if _, err := tx.GetMail(forever, "mail_none"); !errs.Is(err, errs.NotFound) {
					return err
				}
				px.Freeze()
				return nil
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			px := pgtest.NewProxy(t, pgtest.NewDatabase(t))
			db := openBudgeted(t, px.URL, store.Budgets{Read: budget, Write: budget})
			defer px.Thaw()
			fn := c.fn(px)
			done := make(chan error, 1)
			go func() { done <- db.InSystem(forever, fn) }()
			select {
			case err := <-done:
				if !errs.Is(err, errs.Unavailable) || errs.CodeOf(err) != "database_unavailable" {
					t.Errorf("hung at %s: %v, want database_unavailable", c.name, err)
				}
			case <-time.After(20 * budget):
				t.Fatalf("hung at %s: no answer within 20× the budget", c.name)
			}
		})
	}
}
