package store

import (
	"context"
	"database/sql"
	"testing"
)

// testEngine is an Engine for unit tests of the package's own SQL handling;
// it never sets up or locks anything.
type testEngine struct {
	name     string
	classify func(error) error // nil leaves errors as they are
}

func (e testEngine) Name() string                              { return e.name }
func (e testEngine) DollarPlaceholders() bool                  { return e.name == "postgres" }
func (testEngine) Lock(context.Context, *sql.Tx, string) error { return nil }

func (testEngine) Begin(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, _ string, _ bool) (*sql.Tx, error) {
	return pool.BeginTx(ctx, opts)
}

func (e testEngine) Classify(err error) error {
	if e.classify == nil {
		return err
	}
	return e.classify(err)
}

func TestRebind(t *testing.T) {
	pg := New(nil, nil, testEngine{name: "postgres"}, nil)
	for _, tc := range []struct{ name, in, want string }{
		{"parameters", `SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{"string literal", `SELECT '?' , ? FROM t WHERE x = 'a?b'`, `SELECT '?' , $1 FROM t WHERE x = 'a?b'`},
		{"doubled quote in a literal", `SELECT 'it''s ?', ? , 'x'''`, `SELECT 'it''s ?', $1 , 'x'''`},
		{"empty literal", `SELECT '', ?, ''''`, `SELECT '', $1, ''''`},
		{"backslash is not an escape", `WHERE n LIKE ? ESCAPE '\' AND m = ?`, `WHERE n LIKE $1 ESCAPE '\' AND m = $2`},
		{"escape string", `SELECT E'\'?', ?`, `SELECT E'\'?', $1`},
		{"quoted identifier", `SELECT "what?" FROM "t""?" WHERE a = ?`, `SELECT "what?" FROM "t""?" WHERE a = $1`},
		{"line comment", "SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{"line comment at the end", "SELECT ? -- why?", "SELECT $1 -- why?"},
		{"block comment", `SELECT ? /* a ? b */ , ?`, `SELECT $1 /* a ? b */ , $2`},
		{"nested block comment", `SELECT /* a /* ? */ ? */ ?`, `SELECT /* a /* ? */ ? */ $1`},
		{"dollar quoted", `SELECT $$ ? $$, $tag$ '?' $tag$, ?`, `SELECT $$ ? $$, $tag$ '?' $tag$, $1`},
		{"minus and slash alone", `SELECT ? - ?, ? / ?`, `SELECT $1 - $2, $3 / $4`},
		{"unterminated literal", `SELECT ?, 'open ?`, `SELECT $1, 'open ?`},
		{"unterminated comment", `SELECT ? /* open ?`, `SELECT $1 /* open ?`},
		{"no parameters", `SELECT 1`, `SELECT 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pg.rebind(tc.in); got != tc.want {
				t.Errorf("rebind(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
	lite := New(nil, nil, testEngine{name: "sqlite"}, nil)
	if q := `SELECT ? -- ?`; lite.rebind(q) != q {
		t.Errorf("sqlite rebind changed %q to %q", q, lite.rebind(q))
	}
}

func TestFragmentPicksTheEngine(t *testing.T) {
	f := Fragment{SQLite: `date(created_at)`, Postgres: `created_at::date`}
	for engine, want := range map[string]string{"sqlite": f.SQLite, "postgres": f.Postgres} {
		tx := &Tx{db: New(nil, nil, testEngine{name: engine}, nil)}
		if got := tx.pick(f); got != want {
			t.Errorf("%s picked %q, want %q", engine, got, want)
		}
	}
}

func TestUnknownEngineIsRefused(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("New accepted an engine without a dialect")
		}
	}()
	New(nil, nil, testEngine{name: "oracle"}, nil)
}
