package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/store"
)

// cachePool opens one connection to a fresh file with a table of n rows,
// and returns it with its statement cache.
func cachePool(t *testing.T, n int) (*sql.DB, func() *cachingConn) {
	t.Helper()
	db, err := openPool("file:" + filepath.Join(t.TempDir(), "c.db") + "?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (?, ?)`, i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	cache := func() *cachingConn {
		var cc *cachingConn
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if err := conn.Raw(func(c any) error { cc = c.(*cachingConn); return nil }); err != nil {
			t.Fatal(err)
		}
		return cc
	}
	return db, cache
}

// TestStmtCacheReuses checks that a statement is prepared once per text and
// that the cache forgets the least recently used texts beyond its size.
func TestStmtCacheReuses(t *testing.T) {
	db, cache := cachePool(t, 3)
	ctx := context.Background()
	for range 3 {
		var v string
		if err := db.QueryRowContext(ctx, `SELECT v FROM t WHERE k = ?`, 2).Scan(&v); err != nil || v != "v2" {
			t.Fatalf("got %q, %v; want v2", v, err)
		}
	}
	before := cache().stmts[`SELECT v FROM t WHERE k = ?`]
	if before == nil || before.busy {
		t.Fatalf("statement cached %+v, want cached and free", before)
	}
	for i := range stmtCacheSize + 10 {
		var n int
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) + %d FROM t`, i)).Scan(&n); err != nil || n != 3+i {
			t.Fatalf("query %d: got %d, %v", i, n, err)
		}
	}
	c := cache()
	if len(c.stmts) != stmtCacheSize || c.lru.Len() != stmtCacheSize {
		t.Errorf("cache holds %d statements (%d in its list), want %d", len(c.stmts), c.lru.Len(), stmtCacheSize)
	}
	if _, ok := c.stmts[`SELECT v FROM t WHERE k = ?`]; ok {
		t.Error("the least recently used statement stayed in a full cache")
	}
}

// TestStmtCacheNested runs a text again while its rows are open, inside a
// transaction as the store does: the inner call must not disturb the outer
// rows, and both statements must be usable afterwards.
func TestStmtCacheNested(t *testing.T) {
	db, cache := cachePool(t, 5)
	ctx := context.Background()
	const q = `SELECT k, v FROM t WHERE k >= ? ORDER BY k`
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, q, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for rows.Next() {
		var k int
		var v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		got = append(got, k)
		var inner int
		if err := tx.QueryRowContext(ctx, q, 4).Scan(&inner, &v); err != nil || inner != 4 {
			t.Fatalf("inner query: got %d, %v; want 4", inner, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE t SET v = v WHERE k = ?`, k); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[0 1 2 3 4]" {
		t.Errorf("outer rows %v, want [0 1 2 3 4]", got)
	}
	for text, s := range cache().stmts {
		if s.busy {
			t.Errorf("statement %q still busy after its rows closed", text)
		}
	}
}

// TestStmtCacheConcurrentUnits runs readers and writers at once through the
// store's units of work on the one writer connection and the readers' pool:
// every unit must finish within a bound far above its work (a deadlock
// would not), with every write seen.
func TestStmtCacheConcurrentUnits(t *testing.T) {
	db, err := OpenWith(filepath.Join(t.TempDir(), "u.db"), store.Budgets{Read: 20 * time.Second, Write: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := db.InSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, `CREATE TABLE c (w INTEGER NOT NULL, n INTEGER NOT NULL)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	const workers, rounds = 8, 40
	var wg sync.WaitGroup
	errc := make(chan error, 2*workers)
	for w := range workers {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for n := range rounds {
				err := db.InSystem(ctx, func(tx *store.Tx) error {
					var seen int
					if err := tx.SQL().QueryRowContext(ctx, `SELECT count(*) FROM c WHERE w = ?`, w).Scan(&seen); err != nil {
						return err
					}
					if seen != n {
						return fmt.Errorf("writer %d sees %d rows, wants %d", w, seen, n)
					}
					_, err := tx.SQL().ExecContext(ctx, `INSERT INTO c (w, n) VALUES (?, ?)`, w, n)
					return err
				})
				if err != nil {
					errc <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range rounds {
				err := db.ReadSystem(ctx, func(tx *store.Tx) error {
					rows, err := tx.SQL().QueryContext(ctx, `SELECT w, count(*) FROM c GROUP BY w`)
					if err != nil {
						return err
					}
					defer rows.Close()
					for rows.Next() {
						var w, n int
						if err := rows.Scan(&w, &n); err != nil {
							return err
						}
						var again int
						if err := tx.SQL().QueryRowContext(ctx, `SELECT count(*) FROM c WHERE w = ?`, w).Scan(&again); err != nil {
							return err
						}
						if again != n {
							return fmt.Errorf("one read unit sees %d then %d rows of writer %d", n, again, w)
						}
					}
					return rows.Err()
				})
				if err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	var total int
	if err := db.ReadSystem(ctx, func(tx *store.Tx) error {
		return tx.SQL().QueryRowContext(ctx, `SELECT count(*) FROM c`).Scan(&total)
	}); err != nil {
		t.Fatal(err)
	}
	if total != workers*rounds {
		t.Errorf("%d rows written, want %d", total, workers*rounds)
	}
}
