package outbox_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/outbox"
	"github.com/tenantry/tenantry/internal/sqlite"
	"github.com/tenantry/tenantry/internal/store"
)

var ctx = context.Background()

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func enqueue(t *testing.T, db *store.DB, to string, at time.Time) *mail.Message {
	t.Helper()
	m := mail.New(mail.KindWelcome, "", to, "Welcome "+to, "Hello "+to+"\n", at)
	if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.EnqueueMail(ctx, m) }); err != nil {
		t.Fatal(err)
	}
	return m
}

func stored(t *testing.T, db *store.DB, id string) *mail.Message {
	t.Helper()
	var m *mail.Message
	if err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { m, err = tx.GetMail(ctx, id); return }); err != nil {
		t.Fatal(err)
	}
	return m
}

func deliver(t *testing.T, w *outbox.Worker, db *store.DB) int {
	t.Helper()
	n, err := w.RunDue(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// mailWorker returns a worker whose only handler delivers mail through tr.
func mailWorker(tr outbox.Transport, log *slog.Logger, opt outbox.Options) *outbox.Worker {
	w := outbox.New(log, opt)
	w.Handle(job.Mail, outbox.MailHandler(tr))
	return w
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestWorkerDelivers(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	c := &clock{t: created}
	w := mailWorker(newSMTP(t, srv.URL(), nil), quiet(), outbox.Options{Now: c.Now, Batch: 2})
	var ids []string
	for _, to := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		ids = append(ids, enqueue(t, db, to, created).ID)
	}
	later := enqueue(t, db, "later@example.com", created.Add(time.Hour))
	later.NextAttemptAt = created.Add(time.Hour)
	if n := deliver(t, w, db); n != 3 { // more than one batch
		t.Fatalf("sent %d, want 3", n)
	}
	for _, id := range ids {
		m := stored(t, db, id)
		if m.Status() != mail.StatusSent || m.Via != mail.ViaSMTP || m.Attempts != 1 || !m.SentAt.Equal(created) {
			t.Errorf("after delivery: %+v", m)
		}
	}
	if stored(t, db, later.ID).Status() != mail.StatusPending || len(srv.To("later@example.com")) != 0 {
		t.Fatal("a message was sent before it was due")
	}
	if n := deliver(t, w, db); n != 0 || len(srv.Messages()) != 3 {
		t.Fatalf("second pass sent %d; server has %d messages", n, len(srv.Messages()))
	}
}

func TestWorkerRetriesWithBackoff(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	c := &clock{t: created}
	w := mailWorker(newSMTP(t, srv.URL(), nil), quiet(), outbox.Options{Now: c.Now})
	m := enqueue(t, db, "retry@example.com", created)
	srv.FailNext(2)
	if deliver(t, w, db) != 0 {
		t.Fatal("sent through a refusing server")
	}
	got := stored(t, db, m.ID)
	if got.Status() != mail.StatusPending || got.Attempts != 1 || !strings.Contains(got.LastError, "451") ||
		!got.NextAttemptAt.Equal(created.Add(job.Backoff(1))) {
		t.Fatalf("after the first failure: %+v", got)
	}
	c.Add(job.Backoff(1) - time.Second)
	deliver(t, w, db)
	if srv.Refused() != 1 {
		t.Fatalf("retried before the backoff: %d refusals", srv.Refused())
	}
	c.Add(time.Second)
	deliver(t, w, db) // second failure: wait job.Backoff(2)
	if got = stored(t, db, m.ID); got.Attempts != 2 || !got.NextAttemptAt.Equal(c.Now().Add(job.Backoff(2))) {
		t.Fatalf("after the second failure: %+v", got)
	}
	c.Add(job.Backoff(2))
	if deliver(t, w, db) != 1 {
		t.Fatal("not sent once the server accepts")
	}
	if got = stored(t, db, m.ID); got.Status() != mail.StatusSent || got.Attempts != 3 || got.LastError != "" {
		t.Fatalf("after delivery: %+v", got)
	}
	if n := len(srv.To("retry@example.com")); n != 1 {
		t.Fatalf("delivered %d times, want once", n)
	}
}

func TestWorkerGivesUpButKeepsTheMessage(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	srv.Stop() // SMTP is down for good
	c := &clock{t: created}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	w := mailWorker(newSMTP(t, srv.URL(), nil), log, outbox.Options{Now: c.Now})
	m := enqueue(t, db, "lost@example.com", created)
	for i := 1; i <= job.DefaultMaxAttempts; i++ {
		deliver(t, w, db)
		got := stored(t, db, m.ID)
		if got.Attempts != i {
			t.Fatalf("attempt %d recorded as %d: %+v now %v", i, got.Attempts, got, c.Now())
		}
		c.Add(job.Backoff(i))
	}
	got := stored(t, db, m.ID)
	if got.Status() != mail.StatusFailed || got.LastError == "" || got.FailedAt == nil {
		t.Fatalf("after %d failures: %+v", job.DefaultMaxAttempts, got)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), m.ID) {
		t.Fatalf("giving up was not logged as an error:\n%s", logs.String())
	}
	srv.Restart(t)
	c.Add(24 * time.Hour)
	if deliver(t, w, db) != 0 || len(srv.Messages()) != 0 {
		t.Fatal("a failed message was retried")
	}
}

// A worker that crashes after handing a message to SMTP but before recording
// it causes one duplicate once its lease expires — with the same Message-ID.
func TestCrashAfterDeliveryResendsWithTheSameMessageID(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	c := &clock{t: created}
	tr := newSMTP(t, srv.URL(), nil)
	m := enqueue(t, db, "dup@example.com", created)
	var claimed *job.Job
	err := db.InSystem(ctx, func(tx *store.Tx) (err error) {
		claimed, err = tx.ClaimJob(ctx, m.ID, created, created.Add(outbox.Lease))
		return err
	})
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	if _, err := outbox.MailHandler(tr)(ctx, claimed); err != nil { // delivered, then the process dies
		t.Fatal(err)
	}
	w := mailWorker(tr, quiet(), outbox.Options{Now: c.Now})
	c.Add(time.Minute)
	if deliver(t, w, db) != 0 {
		t.Fatal("another worker took a leased message")
	}
	c.Add(outbox.Lease)
	if deliver(t, w, db) != 1 {
		t.Fatal("the message was not delivered after the lease expired")
	}
	got := srv.To("dup@example.com")
	if len(got) != 2 || got[0].Header.Get("Message-Id") != got[1].Header.Get("Message-Id") {
		t.Fatalf("want two copies with one Message-ID, got %d", len(got))
	}
}

func TestWorkersShareTheOutbox(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	const n = 12
	for i := range n {
		enqueue(t, db, "w"+string(rune('a'+i))+"@example.com", created)
	}
	c := &clock{t: created}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range 3 {
		w := mailWorker(newSMTP(t, srv.URL(), nil), quiet(), outbox.Options{Now: c.Now, Batch: 4})
		wg.Add(1)
		go func() {
			defer wg.Done()
			sent, err := w.RunDue(ctx, db)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += sent
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total != n || len(srv.Messages()) != n {
		t.Fatalf("workers sent %d, server received %d, want %d each", total, len(srv.Messages()), n)
	}
}

func TestStartNotifyStop(t *testing.T) {
	db, srv := openDB(t), mailtest.Start(t)
	w := mailWorker(newSMTP(t, srv.URL(), nil), quiet(), outbox.Options{Poll: time.Hour}) // only Notify wakes it
	enqueue(t, db, "first@example.com", time.Now())
	w.Start(db)
	w.Start(db)                                        // harmless
	srv.WaitFor(t, "first@example.com", 5*time.Second) // its first pass; then it waits for an hour
	enqueue(t, db, "now@example.com", time.Now())
	w.Notify()
	srv.WaitFor(t, "now@example.com", 5*time.Second)
	w.Stop()
	w.Stop() // harmless
	w.Notify()
	enqueue(t, db, "after@example.com", time.Now())
	w.Start(db) // a stopped worker starts again
	srv.WaitFor(t, "after@example.com", 5*time.Second)
	w.Stop()
}

func TestLocalMailbox(t *testing.T) {
	db := openDB(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	tr, err := outbox.NewTransport("", from, log)
	if err != nil {
		t.Fatal(err)
	}
	m := enqueue(t, db, "dev@example.com", created)
	if deliver(t, mailWorker(tr, log, outbox.Options{Now: func() time.Time { return created }}), db) != 1 {
		t.Fatal("not delivered to the local mailbox")
	}
	if got := stored(t, db, m.ID); got.Status() != mail.StatusSent || got.Via != mail.ViaLocal || got.LastError != "" {
		t.Fatalf("local delivery recorded as %+v", got)
	}
	for _, want := range []string{"local mailbox", "dev@example.com", "Welcome dev@example.com", "Hello dev@example.com"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
	if _, err := outbox.NewTransport("smtp://h", "bad", log); err == nil {
		t.Fatal("a bad sender was accepted")
	}
}
