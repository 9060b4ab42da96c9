package identity

import (
	"context"
	"runtime"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// HashQueue runs a Hasher's argon2id computations a bounded number at a
// time. Each computation holds a core and Hasher.Memory KiB for its whole
// run, so beyond one per core more of them only share the cores, starve
// every other request of them and add their memory up. Callers beyond the
// bound wait their turn in the order the runtime wakes them; a caller whose
// context ends while it waits gives up at once with errHashWait wrapping
// the context's error (the API records a client that went away as 499 and
// answers a deadline of the server's own with 503). One queue is made at
// wiring time per process and shared by every use case.
type HashQueue struct {
	h     Hasher
	slots chan struct{}

	// Test hooks, nil outside tests: waiting is called when a caller finds
	// every slot taken, before it waits; running with a slot just taken,
	// before the computation; finished after it, before the slot is given
	// back.
	waiting, running, finished func()
}

// NewHashQueue returns a queue running at most n computations of h at once;
// n < 1 means one per core (GOMAXPROCS).
func NewHashQueue(h Hasher, n int) *HashQueue {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	return &HashQueue{h: h, slots: make(chan struct{}, n)}
}

// Cap reports how many computations may run at once.
func (q *HashQueue) Cap() int { return cap(q.slots) }

// Hasher returns the parameters the queue hashes with.
func (q *HashQueue) Hasher() Hasher { return q.h }

// Hash returns the PHC-formatted argon2id hash of pw once a slot is free.
func (q *HashQueue) Hash(ctx context.Context, pw string) (string, error) {
	if err := q.acquire(ctx); err != nil {
		return "", err
	}
	defer q.release()
	return q.h.Hash(pw)
}

// Verify reports whether pw matches the encoded hash once a slot is free.
func (q *HashQueue) Verify(ctx context.Context, pw, encoded string) (bool, error) {
	if err := q.acquire(ctx); err != nil {
		return false, err
	}
	defer q.release()
	return q.h.Verify(pw, encoded)
}

// acquire takes a slot, waiting for one until ctx ends.
func (q *HashQueue) acquire(ctx context.Context) error {
	select {
	case q.slots <- struct{}{}:
	default:
		if q.waiting != nil {
			q.waiting()
		}
		select {
		case q.slots <- struct{}{}:
		case <-ctx.Done():
			return errHashWait(ctx.Err())
		}
	}
	if q.running != nil {
		q.running()
	}
	return nil
}

func (q *HashQueue) release() {
	if q.finished != nil {
		q.finished()
	}
	<-q.slots
}

// errHashWait is the error of a caller that stopped waiting for a slot
// because its context ended (err: context.Canceled or DeadlineExceeded).
func errHashWait(err error) error {
	return &errs.Error{Kind: errs.Unavailable, Code: "password_checks_busy", Op: "identity: wait for a password hash slot",
		Msg: "Too many passwords are being checked right now; try again in a moment.", RetryAfter: time.Second, Err: err}
}
