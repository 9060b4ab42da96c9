// Package outbox runs the durable job queue (package job): mail, partner
// provisioning, billing rollovers, payment provider synchronisation. A
// Worker claims due jobs with a lease (a conditional update, so that workers
// in several processes never take the same job), runs each job's Handler
// outside any transaction and records the outcome: done with its result, or
// a retry after job.Backoff, or — after the job's MaxAttempts, or at once for
// a job.Permanent error — failed, and kept visible (`tenantry jobs list`). A
// handler that keeps its own schedule returns job.Defer: the job runs again
// at the time it names, no attempt counted.
//
// Running is at least once: a crash between a handler's work and recording
// it leaves the lease to expire, and the job runs again (a message is sent
// again with the same Message-ID), so handlers must be idempotent. A job of
// a kind no handler serves waits, pending; nothing is lost while a
// dependency is down.
package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
)

// Handler carries out one job and says how (the result kept with the done
// job, such as where a message went), or returns why it could not: the job
// is retried, unless the error is job.Permanent. ctx ends when the worker
// stops or after Timeout. A handler may run more than once for one job.
type Handler func(ctx context.Context, j *job.Job) (result string, err error)

// Lease is how long a worker holds a job it has claimed. Another worker may
// claim it again only after the lease expires, so a crash between a job's
// work and recording it causes at worst one more run.
const Lease = 2 * time.Minute

// Timeout bounds one run of a handler, well within the Lease.
const Timeout = time.Minute

// Options tune a Worker; zero values take the defaults.
type Options struct {
	Poll  time.Duration    // how often to look for due jobs, default 1 s
	Batch int              // jobs looked up per round, default 20
	Now   func() time.Time // the clock, default time.Now
}

// Worker runs the job queue of one database in the background.
type Worker struct {
	log  *slog.Logger
	opt  Options
	wake chan struct{}
	// pass is held by RunDue for a whole pass: one pass at a time in a
	// process, so a pass a test makes finds the background pass's jobs
	// done, not claimed (other processes are kept apart by the claims).
	pass sync.Mutex

	mu       sync.Mutex
	handlers map[string]Handler
	warned   map[string]bool // kinds without a handler already logged
	cancel   context.CancelFunc
	done     chan struct{}
}

// New returns a Worker with no handlers. Register them with Handle, then
// call Start.
func New(log *slog.Logger, opt Options) *Worker {
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.Batch <= 0 {
		opt.Batch = 20
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Worker{log: log, opt: opt, wake: make(chan struct{}, 1), handlers: map[string]Handler{},
		warned: map[string]bool{}}
}

// Handle makes h the handler of the jobs of kind, replacing any before it.
func (w *Worker) Handle(kind string, h Handler) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.handlers[kind] = h
	delete(w.warned, kind)
}

// WakeTopic is the limit-store topic a process broadcasts after a commit
// that queued a job; the workers of every process sharing the store
// subscribe their Notify to it, so a job queued anywhere is picked up at
// once, not at the next poll.
const WakeTopic = store.JobsTopic

// Notify wakes the worker to look for due jobs now rather than at its next
// poll. It never blocks; the app calls it after committing a job.
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

// Stop ends the worker and waits for it: a handler in flight sees its
// context end, and its outcome is recorded (a failure counts as an attempt,
// to be retried).
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
		if _, err := w.RunDue(ctx, db); err != nil && ctx.Err() == nil {
			w.log.Warn("job queue: cannot read due jobs; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-tick.C:
		}
	}
}

// RunDue makes one pass over the queue: every job due now whose kind has a
// handler is claimed, run and recorded, one at a time. It returns how many
// jobs were done; an error means the database failed. A pass waits for
// one in progress in this process (the background one) to end first.
// Tests call it after moving their clock.
func (w *Worker) RunDue(ctx context.Context, db *store.DB) (int, error) {
	w.pass.Lock()
	defer w.pass.Unlock()
	kinds := w.kinds()
	done := 0
	for first := true; ctx.Err() == nil; first = false {
		var ids, dueKinds []string
		err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			if first {
				if dueKinds, err = tx.DueJobKinds(ctx, w.now()); err != nil {
					return err
				}
			}
			ids, err = tx.DueJobs(ctx, w.now(), kinds, w.opt.Batch)
			return err
		})
		if err != nil {
			return done, err
		}
		w.warnUnhandled(dueKinds)
		for _, id := range ids {
			ok, err := w.runOne(ctx, db, id)
			if err != nil {
				return done, err
			}
			if ok {
				done++
			}
		}
		if len(ids) < w.opt.Batch {
			break
		}
	}
	return done, nil
}

// kinds returns the kinds that have a handler.
func (w *Worker) kinds() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.handlers))
	for k := range w.handlers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (w *Worker) handler(kind string) Handler {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.handlers[kind]
}

// warnUnhandled logs, once per kind, that due jobs of a kind without a
// handler wait: they stay pending until a server that handles them runs.
func (w *Worker) warnUnhandled(dueKinds []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range dueKinds {
		if w.handlers[k] == nil && !w.warned[k] {
			w.warned[k] = true
			w.log.Warn("job queue: jobs of a kind no handler serves are waiting; they stay pending", "kind", k)
		}
	}
}

// runOne claims, runs and records one job. It reports whether the job was
// done; an error means the database failed.
func (w *Worker) runOne(ctx context.Context, db *store.DB, id string) (bool, error) {
	now := w.now()
	lease := now.Add(Lease)
	var j *job.Job
	err := db.InSystem(ctx, func(tx *store.Tx) (err error) {
		j, err = tx.ClaimJob(ctx, id, now, lease)
		return err
	})
	if errs.Is(err, errs.Conflict) { // another worker has it
		return false, nil
	}
	if err != nil {
		return false, err
	}
	h := w.handler(j.Kind)
	if h == nil { // its handler was replaced by nil: leave the job to the lease
		return false, nil
	}
	runCtx, cancel := context.WithTimeout(ctx, Timeout)
	result, runErr := w.call(runCtx, h, *j)
	cancel()
	// Record the outcome even when ctx ends now (shutdown): the work happened.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if runErr == nil {
		return true, w.recordDone(rec, db, j, result)
	}
	return false, w.recordFailure(rec, db, j, lease, runErr)
}

// call runs h on a copy of j, turning a panic into an error.
func (w *Worker) call(ctx context.Context, h Handler, j job.Job) (result string, err error) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("job handler panicked", "job", j.ID, "kind", j.Kind, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return h(ctx, &j)
}

func (w *Worker) recordDone(ctx context.Context, db *store.DB, j *job.Job, result string) error {
	at := w.now()
	j.Attempts++
	j.DoneAt, j.Result = &at, truncate(result, 500)
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.MarkJobDone(ctx, j) })
	if errs.Is(err, errs.NotFound) { // a second worker did it after our lease expired
		w.log.Warn("job queue: job was already done", "job", j.ID, "kind", j.Kind)
		return nil
	}
	if err == nil {
		w.log.Debug("job done", "job", j.ID, "kind", j.Kind, "result", j.Result, "attempts", j.Attempts)
	}
	return err
}

func (w *Worker) recordFailure(ctx context.Context, db *store.DB, j *job.Job, lease time.Time, cause error) error {
	at := w.now()
	j.LastError = truncate(cause.Error(), 500)
	if until, ok := job.Deferred(cause); ok { // the handler keeps its own schedule: no attempt counted
		j.RunAt = until
		return w.reschedule(ctx, db, j, lease, true)
	}
	j.Attempts++
	j.RunAt = at.Add(job.Backoff(j.Attempts))
	if j.Attempts >= j.MaxAttempts || job.IsPermanent(cause) {
		j.FailedAt, j.RunAt = &at, at
	}
	return w.reschedule(ctx, db, j, lease, false)
}

// reschedule writes j's failed attempt (or deferral) and logs it.
func (w *Worker) reschedule(ctx context.Context, db *store.DB, j *job.Job, lease time.Time, deferred bool) error {
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.RescheduleJob(ctx, j, lease) })
	switch {
	case errs.Is(err, errs.Conflict):
		w.log.Warn("job queue: lease lost while running; another worker retries the job", "job", j.ID, "kind", j.Kind)
		return nil
	case err != nil:
		return err
	case deferred:
		w.log.Debug("job deferred", "job", j.ID, "kind", j.Kind, "run_at", j.RunAt, "why", j.LastError)
	case j.FailedAt != nil:
		w.log.Error("job failed for good; it stays in the queue (tenantry jobs list -status failed)",
			"job", j.ID, "kind", j.Kind, "attempts", j.Attempts, "err", j.LastError)
	default:
		w.log.Warn("job failed; will retry", "job", j.ID, "kind", j.Kind, "attempts", j.Attempts,
			"run_at", j.RunAt, "err", j.LastError)
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
