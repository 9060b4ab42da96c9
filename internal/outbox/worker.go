// Package outbox delivers the mail outbox. A Worker claims due messages with
// a lease (a conditional update, so that workers in several processes never
// claim the same message), delivers each outside any transaction through a
// Transport — SMTP, or the local mailbox when none is configured — and
// records the outcome: sent, or a retry with exponential backoff, or after
// mail.MaxAttempts a failure that stays visible in the outbox.
//
// Delivery is at least once: a crash between handing a message to the SMTP
// server and recording it leaves the lease to expire, and the message is
// sent again with the same Message-ID. Nothing is lost while SMTP is down.
package outbox

import (
	"context"
	"log/slog"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// Transport hands one message over for delivery.
type Transport interface {
	// Via names where delivered messages went: mail.ViaSMTP or mail.ViaLocal.
	Via() string
	// Send delivers m, or returns why it could not.
	Send(ctx context.Context, m *mail.Message) error
}

// Options tune a Worker; zero values take the defaults.
type Options struct {
	Poll  time.Duration    // how often to look for due messages, default 1 s
	Batch int              // messages looked up per round, default 20
	Now   func() time.Time // the clock, default time.Now
}

// Worker delivers the outbox of one database in the background.
type Worker struct {
	tr   Transport
	log  *slog.Logger
	opt  Options
	wake chan struct{}

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// New returns a Worker delivering through tr. Call Start to run it.
func New(tr Transport, log *slog.Logger, opt Options) *Worker {
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.Batch <= 0 {
		opt.Batch = 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Worker{tr: tr, log: log, opt: opt, wake: make(chan struct{}, 1)}
}

// Notify wakes the worker to look for due messages now rather than at its
// next poll. It never blocks; the app calls it after committing mail.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Start runs the worker on db in the background until Stop.
func (w *Worker) Start(db *store.DB) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel, w.done = cancel, make(chan struct{})
	go w.run(ctx, db, w.done)
}

// Stop ends the worker and waits for it: a delivery in flight is
// interrupted and recorded as a failed attempt, to be retried.
func (w *Worker) Stop() {
	w.mu.Lock()
	cancel, done := w.cancel, w.done
	w.cancel, w.done = nil, nil
	w.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

func (w *Worker) run(ctx context.Context, db *store.DB, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for {
		if _, err := w.Deliver(ctx, db); err != nil && ctx.Err() == nil {
			w.log.Warn("mail outbox: cannot read due messages; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-tick.C:
		}
	}
}

// Deliver makes one pass over the outbox: every message due now is claimed,
// delivered and recorded, one at a time. It returns how many were sent.
func (w *Worker) Deliver(ctx context.Context, db *store.DB) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		var ids []string
		err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			ids, err = tx.DueMail(ctx, w.now(), w.opt.Batch)
			return err
		})
		if err != nil {
			return sent, err
		}
		for _, id := range ids {
			ok, err := w.deliverOne(ctx, db, id)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(ids) < w.opt.Batch {
			break
		}
	}
	return sent, nil
}

// deliverOne claims, delivers and records one message. It reports whether
// the message was sent; an error means the database failed.
func (w *Worker) deliverOne(ctx context.Context, db *store.DB, id string) (bool, error) {
	now := w.now()
	lease := now.Add(mail.Lease)
	var claimed []*mail.Message
	err := db.InSystem(ctx, func(tx *store.Tx) (err error) {
		claimed, err = tx.ClaimMail(ctx, []string{id}, now, lease)
		return err
	})
	if err != nil || len(claimed) == 0 { // another worker has it
		return false, err
	}
	m := claimed[0]
	sendCtx, cancel := context.WithTimeout(ctx, sendTimeout+5*time.Second)
	sendErr := w.tr.Send(sendCtx, m)
	cancel()
	// Record the outcome even when ctx ends now (shutdown): the delivery happened.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if sendErr == nil {
		return true, w.recordSent(rec, db, m)
	}
	return false, w.recordFailure(rec, db, m, lease, sendErr)
}

func (w *Worker) recordSent(ctx context.Context, db *store.DB, m *mail.Message) error {
	at := w.now()
	m.Attempts++
	m.SentAt, m.Via = &at, w.tr.Via()
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkMailSent(ctx, m) })
	if errs.Is(err, errs.NotFound) { // a second worker sent it after our lease expired
		w.log.Warn("mail outbox: message was already marked sent", "id", m.ID)
		return nil
	}
	if err == nil {
		w.log.Debug("mail sent", "id", m.ID, "kind", m.Kind, "via", m.Via, "attempts", m.Attempts)
	}
	return err
}

func (w *Worker) recordFailure(ctx context.Context, db *store.DB, m *mail.Message, lease time.Time, cause error) error {
	at := w.now()
	m.Attempts++
	m.LastError = truncate(cause.Error(), 500)
	m.NextAttemptAt = at.Add(mail.Backoff(m.Attempts))
	if m.Attempts >= mail.MaxAttempts {
		m.FailedAt = &at
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleMail(ctx, m, lease) })
	switch {
	case errs.Is(err, errs.Conflict):
		w.log.Warn("mail outbox: lease lost while delivering; another worker retries the message", "id", m.ID)
		return nil
	case err != nil:
		return err
	case m.FailedAt != nil:
		w.log.Error("mail delivery failed for good; the message stays in the outbox (tenantry mail list)",
			"id", m.ID, "kind", m.Kind, "attempts", m.Attempts, "err", m.LastError)
	default:
		w.log.Warn("mail delivery failed; will retry", "id", m.ID, "kind", m.Kind, "attempts", m.Attempts,
			"next_attempt_at", m.NextAttemptAt, "err", m.LastError)
	}
	return nil
}

func (w *Worker) now() time.Time { return w.opt.Now().UTC().Truncate(time.Microsecond) }

// truncate shortens s to at most n bytes, on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
