package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	_ "modernc.org/sqlite" // a real engine for the helpers to fail on
)

// openTestTx returns a transaction on a fresh in-memory SQLite database
// holding one table, t(k TEXT PRIMARY KEY), behind a test engine that
// classifies unique violations as Conflict.
func openTestTx(t *testing.T) *Tx {
	t.Helper()
	raw, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = raw.Close() })
	if _, err := raw.Exec(`CREATE TABLE t (k TEXT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	eng := testEngine{name: "sqlite", classify: func(err error) error {
		if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return DuplicateError("t.k", err)
		}
		return err
	}}
	db := New(raw, raw, eng, nil)
	sqlTx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sqlTx.Rollback() })
	return &Tx{tx: &unitTx{Tx: sqlTx, deadline: time.Now().Add(time.Minute)}, db: db, system: true}
}

// Statements of a pretend store method, defined here so that the names the
// helpers report are known.

func (t *Tx) ExecNowhere(ctx context.Context) error {
	_, err := t.exec(ctx, `INSERT INTO nowhere (k) VALUES (?)`, "x")
	return err
}

func (t *Tx) QueryNowhere(ctx context.Context) error {
	rows, err := t.query(ctx, `SELECT k FROM nowhere WHERE k = ?`, "x")
	if err == nil {
		_ = rows.Close()
	}
	return err
}

func (t *Tx) GetNowhere(ctx context.Context) error {
	var k string
	return t.get(ctx, "k_not_found", `SELECT k FROM nowhere WHERE k = ?`, []any{"x"}, &k)
}

// InClosure fails inside a closure and through an unexported step: the
// exported method is still the one named.
func (t *Tx) InClosure(ctx context.Context) error {
	return func() error { return t.stepNowhere(ctx) }()
}

func (t *Tx) stepNowhere(ctx context.Context) error {
	_, err := t.exec(ctx, `DELETE FROM nowhere`)
	return err
}

func (t *Tx) Insert(ctx context.Context, k string) error {
	_, err := t.exec(ctx, `INSERT INTO t (k) VALUES (?)`, k)
	return err
}

func (t *Tx) Get(ctx context.Context, k string) error {
	var got string
	return t.get(ctx, "k_not_found", `SELECT k FROM t WHERE k = ?`, []any{k}, &got)
}

func TestInternalErrorsNameTheirStatement(t *testing.T) {
	ctx := context.Background()
	tx := openTestTx(t)
	for name, fn := range map[string]func() error{
		"store.(*Tx).ExecNowhere":  func() error { return tx.ExecNowhere(ctx) },
		"store.(*Tx).QueryNowhere": func() error { return tx.QueryNowhere(ctx) },
		"store.(*Tx).GetNowhere":   func() error { return tx.GetNowhere(ctx) },
		"store.(*Tx).InClosure":    func() error { return tx.InClosure(ctx) },
	} {
		err := fn()
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, name+": ") || !strings.Contains(msg, "no such table: nowhere") {
			t.Errorf("%s failed with %q, want it named %q", name, msg, name)
		}
		if n := strings.Count(msg, "store.("); n != 1 {
			t.Errorf("%s: %q names a statement %d times, want once", name, msg, n)
		}
		if errs.KindOf(err) != errs.Internal {
			t.Errorf("%s: kind %v, want Internal", name, errs.KindOf(err))
		}
	}

	// A cause stays reachable through the name.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := tx.Get(cancelled, "x"); !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "store.(*Tx).Get: ") {
		t.Errorf("cancelled: %v, want store.(*Tx).Get wrapping context.Canceled", err)
	}

	// Classified errors are as the engine made them, unnamed.
	if err := tx.Insert(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	err := tx.Insert(ctx, "a")
	if !IsDuplicate(err, "t.k") || errs.KindOf(err) != errs.Conflict || strings.HasPrefix(err.Error(), "store.") {
		t.Errorf("duplicate: %v, want the engine's Conflict unchanged", err)
	}
	err = tx.Get(ctx, "missing")
	if errs.KindOf(err) != errs.NotFound || errs.CodeOf(err) != "k_not_found" || strings.HasPrefix(err.Error(), "store.") {
		t.Errorf("missing row: %v, want NotFound k_not_found unchanged", err)
	}
	if err := tx.Get(ctx, "a"); err != nil {
		t.Errorf("found row: %v", err)
	}
}
