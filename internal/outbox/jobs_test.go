package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/outbox"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

const kindTest = "test.echo"

// put enqueues a job of kind with payload at, and returns it.
func put(t *testing.T, db *store.DB, kind string, payload any, at time.Time) *job.Job {
	t.Helper()
	j, err := job.New(kind, "", payload, at, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.EnqueueJob(ctx, j); return err }); err != nil {
		t.Fatal(err)
	}
	return j
}

func getJob(t *testing.T, db *store.DB, id string) *job.Job {
	t.Helper()
	var j *job.Job
	if err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { j, err = tx.GetJob(ctx, id); return }); err != nil {
		t.Fatal(err)
	}
	return j
}

// A handler that fails twice and then succeeds: each failure is an attempt
// with its last error, retried after job.Backoff on the worker's clock.
func TestHandlerRetriedWithBackoff(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	w := outbox.New(quiet(), outbox.Options{Now: c.Now})
	runs := 0
	w.Handle(kindTest, func(_ context.Context, j *job.Job) (string, error) {
		runs++
		var p struct{ Name string }
		if err := j.Decode(&p); err != nil {
			return "", err
		}
		if runs <= 2 {
			return "", fmt.Errorf("partner API answered 503 (run %d)", runs)
		}
		return "hello " + p.Name, nil
	})
	j := put(t, db, kindTest, map[string]string{"name": "Ana"}, created)
	if n := deliver(t, w, db); n != 0 || runs != 1 {
		t.Fatalf("first pass: %d done, %d runs", n, runs)
	}
	got := getJob(t, db, j.ID)
	if got.Status() != job.StatusPending || got.Attempts != 1 || !strings.Contains(got.LastError, "run 1") ||
		!got.RunAt.Equal(created.Add(job.Backoff(1))) {
		t.Fatalf("after the first failure: %+v", got)
	}
	c.Add(job.Backoff(1) - time.Microsecond)
	if deliver(t, w, db); runs != 1 {
		t.Fatal("retried before its backoff")
	}
	c.Add(time.Microsecond)
	deliver(t, w, db)
	got = getJob(t, db, j.ID)
	if runs != 2 || got.Attempts != 2 || !got.RunAt.Equal(c.Now().Add(job.Backoff(2))) {
		t.Fatalf("after the second failure (%d runs): %+v", runs, got)
	}
	c.Add(job.Backoff(2))
	if n := deliver(t, w, db); n != 1 || runs != 3 {
		t.Fatalf("third pass: %d done, %d runs", n, runs)
	}
	got = getJob(t, db, j.ID)
	if got.Status() != job.StatusDone || got.Result != "hello Ana" || got.Attempts != 3 || got.LastError != "" ||
		!got.DoneAt.Equal(c.Now()) {
		t.Fatalf("after success: %+v", got)
	}
	c.Add(24 * time.Hour)
	if deliver(t, w, db); runs != 3 {
		t.Fatal("a done job ran again")
	}
}

// job.Permanent fails the job at once; it stays visible and never runs again.
func TestPermanentErrorFailsAtOnce(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	var logs bytes.Buffer
	w := outbox.New(slog.New(slog.NewTextHandler(&logs, nil)), outbox.Options{Now: c.Now})
	runs := 0
	w.Handle(kindTest, func(context.Context, *job.Job) (string, error) {
		runs++
		return "", job.Permanent(errors.New("tenant has no partner settings"))
	})
	j := put(t, db, kindTest, nil, created)
	deliver(t, w, db)
	got := getJob(t, db, j.ID)
	if got.Status() != job.StatusFailed || got.Attempts != 1 || got.LastError != "tenant has no partner settings" ||
		!got.FailedAt.Equal(created) {
		t.Fatalf("after a permanent error: %+v", got)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), j.ID) {
		t.Fatalf("giving up was not logged as an error:\n%s", logs.String())
	}
	c.Add(48 * time.Hour)
	if deliver(t, w, db); runs != 1 {
		t.Fatalf("a failed job ran again: %d runs", runs)
	}
}

// A job whose kind has no handler waits, pending and untouched, with one
// warning, and does not hold up the jobs behind it; a worker that handles
// its kind runs it later.
func TestUnknownKindStaysPending(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	var logs bytes.Buffer
	w := outbox.New(slog.New(slog.NewTextHandler(&logs, nil)), outbox.Options{Now: c.Now, Batch: 2})
	done := 0
	w.Handle(kindTest, func(context.Context, *job.Job) (string, error) { done++; return "ok", nil })
	var unknown []*job.Job
	for range 3 { // more than a batch, first in line
		unknown = append(unknown, put(t, db, "partner.future", nil, created))
	}
	known := put(t, db, kindTest, nil, created.Add(time.Second))
	c.Add(time.Second)
	if n := deliver(t, w, db); n != 1 || done != 1 {
		t.Fatalf("%d done, %d runs: the known job was held up", n, done)
	}
	deliver(t, w, db)
	if got := getJob(t, db, known.ID); got.Status() != job.StatusDone {
		t.Fatalf("known job: %+v", got)
	}
	for _, j := range unknown {
		if got := getJob(t, db, j.ID); got.Status() != job.StatusPending || got.Attempts != 0 || got.LastError != "" {
			t.Fatalf("a job of an unknown kind was touched: %+v", got)
		}
	}
	if n := strings.Count(logs.String(), "kind=partner.future"); n != 1 {
		t.Fatalf("warned %d times about the unknown kind, want once:\n%s", n, logs.String())
	}
	w.Handle("partner.future", func(context.Context, *job.Job) (string, error) { return "provisioned", nil })
	if n := deliver(t, w, db); n != 3 {
		t.Fatalf("once handled, %d of 3 jobs done", n)
	}
}

// A panicking handler is recovered: the attempt is recorded as a failure,
// and the worker goes on with the next job.
func TestHandlerPanicIsAFailedAttempt(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	var logs bytes.Buffer
	w := outbox.New(slog.New(slog.NewTextHandler(&logs, nil)), outbox.Options{Now: c.Now})
	w.Handle("test.panic", func(_ context.Context, j *job.Job) (string, error) {
		panic("no client for " + j.Kind) // a bug in a handler
	})
	w.Handle(kindTest, func(context.Context, *job.Job) (string, error) { return "fine", nil })
	p := put(t, db, "test.panic", nil, created)
	next := put(t, db, kindTest, nil, created)
	if n := deliver(t, w, db); n != 1 {
		t.Fatalf("%d done, want the job after the panic", n)
	}
	got := getJob(t, db, p.ID)
	if got.Status() != job.StatusPending || got.Attempts != 1 || !strings.Contains(got.LastError, "panicked") ||
		!strings.Contains(got.LastError, "no client for test.panic") || !got.RunAt.Equal(created.Add(job.Backoff(1))) {
		t.Fatalf("after the panic: %+v", got)
	}
	if getJob(t, db, next.ID).Status() != job.StatusDone {
		t.Fatal("the job after the panic was not run")
	}
	if !strings.Contains(logs.String(), "job handler panicked") || !strings.Contains(logs.String(), "jobs_test.go") {
		t.Fatalf("the panic was not logged with its stack:\n%s", logs.String())
	}
}

// Stop while a handler runs: the handler's context ends, and its failure is
// recorded as an attempt, to be retried.
func TestStopDuringAHandlerRecordsAnAttempt(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	w := outbox.New(quiet(), outbox.Options{Now: c.Now, Poll: time.Hour})
	started := make(chan struct{})
	w.Handle(kindTest, func(ctx context.Context, _ *job.Job) (string, error) {
		close(started)
		<-ctx.Done() // a slow partner API
		return "", fmt.Errorf("call partner API: %w", ctx.Err())
	})
	j := put(t, db, kindTest, nil, created)
	w.Start(db)
	<-started
	w.Stop()
	got := getJob(t, db, j.ID)
	if got.Status() != job.StatusPending || got.Attempts != 1 || !strings.Contains(got.LastError, "context canceled") ||
		!got.RunAt.Equal(created.Add(job.Backoff(1))) {
		t.Fatalf("after Stop: %+v", got)
	}
}

// Two workers, each with its own pool as in two processes, on one PostgreSQL
// database: every job runs exactly once, and never twice at the same time.
func TestTwoWorkersOnPostgresNeverRunAJobTwice(t *testing.T) {
	url := pgtest.NewDatabase(t)
	var dbs []*store.DB
	for range 2 {
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, db)
	}
	const n = 30
	var ids []string
	for i := range n {
		ids = append(ids, put(t, dbs[0], kindTest, map[string]int{"i": i}, created).ID)
	}
	var mu sync.Mutex
	running, runs := map[string]bool{}, map[string]int{}
	handler := func(worker string) outbox.Handler {
		return func(_ context.Context, j *job.Job) (string, error) {
			mu.Lock()
			if running[j.ID] {
				t.Errorf("job %s runs twice at once", j.ID)
			}
			running[j.ID] = true
			runs[j.ID]++
			mu.Unlock()
			defer func() { mu.Lock(); running[j.ID] = false; mu.Unlock() }()
			return worker, nil
		}
	}
	c := &clock{t: created}
	var wg sync.WaitGroup
	done := make([]int, 2)
	for i, db := range dbs {
		w := outbox.New(quiet(), outbox.Options{Now: c.Now, Batch: 4})
		w.Handle(kindTest, handler(fmt.Sprintf("worker-%d", i)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := w.RunDue(ctx, db)
			if err != nil {
				t.Error(err)
			}
			done[i] = got
		}()
	}
	wg.Wait()
	if done[0]+done[1] != n {
		t.Fatalf("workers did %d + %d jobs, want %d in all", done[0], done[1], n)
	}
	for _, id := range ids {
		if runs[id] != 1 {
			t.Errorf("job %s ran %d times", id, runs[id])
		}
		if got := getJob(t, dbs[1], id); got.Status() != job.StatusDone || !strings.HasPrefix(got.Result, "worker-") {
			t.Errorf("job %s: %+v", id, got)
		}
	}
}

// A handler that outlives its lease: meanwhile another worker claims the job
// and finishes it. The first worker's late failure is not recorded over it
// (lease lost), and a late success is not recorded twice.
func TestLeaseLostWhileRunning(t *testing.T) {
	for _, late := range []error{errors.New("partner API timed out"), nil} {
		t.Run(fmt.Sprint(late), func(t *testing.T) {
			db := openDB(t)
			c := &clock{t: created}
			var logs bytes.Buffer
			slow := outbox.New(slog.New(slog.NewTextHandler(&logs, nil)), outbox.Options{Now: c.Now})
			other := outbox.New(quiet(), outbox.Options{Now: c.Now})
			other.Handle(kindTest, func(context.Context, *job.Job) (string, error) { return "by the other", nil })
			slow.Handle(kindTest, func(context.Context, *job.Job) (string, error) {
				c.Add(outbox.Lease + time.Second) // stuck past its lease …
				if n, err := other.RunDue(ctx, db); err != nil || n != 1 {
					t.Errorf("the other worker did %d (%v), want the job", n, err)
				}
				return "by the slow one", late // … and back too late
			})
			j := put(t, db, kindTest, nil, created)
			if _, err := slow.RunDue(ctx, db); err != nil {
				t.Fatal(err)
			}
			got := getJob(t, db, j.ID)
			if got.Status() != job.StatusDone || got.Result != "by the other" || got.Attempts != 1 || got.LastError != "" {
				t.Fatalf("after both: %+v", got)
			}
			want := "already done"
			if late != nil {
				want = "lease lost"
			}
			if !strings.Contains(logs.String(), want) {
				t.Fatalf("log lacks %q:\n%s", want, logs.String())
			}
		})
	}
}

// A handler that keeps its own schedule defers its job: it runs again at
// the time it named, and no attempt is counted, however often it defers.
func TestHandlerDefers(t *testing.T) {
	db := openDB(t)
	c := &clock{t: created}
	w := outbox.New(quiet(), outbox.Options{Now: c.Now})
	runs := 0
	w.Handle(kindTest, func(_ context.Context, j *job.Job) (string, error) {
		runs++
		if runs <= 20 {
			return "", job.Defer(c.Now().Add(time.Hour), fmt.Sprintf("not yet (run %d)", runs))
		}
		return "now", nil
	})
	j := put(t, db, kindTest, map[string]string{}, created)
	for i := 1; i <= 20; i++ {
		deliver(t, w, db)
		got := getJob(t, db, j.ID)
		if got.Status() != job.StatusPending || got.Attempts != 0 || !got.RunAt.Equal(c.Now().Add(time.Hour)) ||
			!strings.Contains(got.LastError, fmt.Sprintf("run %d", i)) {
			t.Fatalf("after deferral %d: %+v", i, got)
		}
		c.Add(time.Hour - time.Microsecond)
		if deliver(t, w, db); runs != i {
			t.Fatalf("ran before its deferral ended (%d runs)", runs)
		}
		c.Add(time.Microsecond)
	}
	if n := deliver(t, w, db); n != 1 || getJob(t, db, j.ID).Status() != job.StatusDone {
		t.Fatalf("after the deferrals: %d done, %+v", n, getJob(t, db, j.ID))
	}
}
