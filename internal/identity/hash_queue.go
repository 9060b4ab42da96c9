package identity

import (
	"context"
	"runtime"
	"runtime/debug"
	"sync/atomic"
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
//
// With KeepCoreFor, the last slot is only taken while nothing else is
// running: logins alone use every core, and logins among other requests
// leave one core to those (on 2 cores, reads during a login storm keep
// about half their rate instead of a fifth).
//
// Every computation allocates its Hasher.Memory afresh, and the runtime
// keeps what a storm of them grew the heap to. Once the queue has stayed
// empty for idleFree, it gives that memory back to the operating system,
// so a server's memory after a storm of logins is about what it was
// before; while logins keep coming it costs nothing.
type HashQueue struct {
	h      Hasher
	shared chan struct{} // every slot but the last (all of them when there is one)
	last   chan struct{} // the last slot; nil when there is one slot
	inside atomic.Int64  // callers from acquire to release
	busy   atomic.Pointer[func() bool]
	idle   *time.Timer // gives memory back idleFree after the queue last emptied

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
	q := &HashQueue{h: h, shared: make(chan struct{}, 1)}
	if n > 1 {
		q.shared, q.last = make(chan struct{}, n-1), make(chan struct{}, 1)
	}
	q.idle = time.AfterFunc(time.Hour, q.giveBack)
	q.idle.Stop()
	return q
}

// Cap reports how many computations may run at once.
func (q *HashQueue) Cap() int { return cap(q.shared) + cap(q.last) }

// KeepCoreFor reserves the last slot for moments when busy reports false:
// busy says whether requests other than the Inside ones are running.
func (q *HashQueue) KeepCoreFor(busy func() bool) { q.busy.Store(&busy) }

// Inside reports how many callers are waiting for a slot or computing.
func (q *HashQueue) Inside() int64 { return q.inside.Load() }

// Hasher returns the parameters the queue hashes with.
func (q *HashQueue) Hasher() Hasher { return q.h }

// Hash returns the PHC-formatted argon2id hash of pw once a slot is free.
func (q *HashQueue) Hash(ctx context.Context, pw string) (string, error) {
	slot, err := q.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer q.release(slot)
	return q.h.Hash(pw)
}

// Verify reports whether pw matches the encoded hash once a slot is free.
func (q *HashQueue) Verify(ctx context.Context, pw, encoded string) (bool, error) {
	slot, err := q.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer q.release(slot)
	return q.h.Verify(pw, encoded)
}

// acquire takes a slot, waiting for one until ctx ends, and returns the
// channel it holds: a shared slot first, else the last one unless other
// requests are running. A caller that waits, waits for the slots it could
// take when it began.
func (q *HashQueue) acquire(ctx context.Context) (chan struct{}, error) {
	q.inside.Add(1)
	last := q.last
	if busy := q.busy.Load(); last != nil && busy != nil && (*busy)() {
		last = nil // a nil channel is never ready: the last core stays the others'
	}
	var slot chan struct{}
	select {
	case q.shared <- struct{}{}:
		slot = q.shared
	default:
		select {
		case last <- struct{}{}:
			slot = last
		default:
			if q.waiting != nil {
				q.waiting()
			}
			select {
			case q.shared <- struct{}{}:
				slot = q.shared
			case last <- struct{}{}:
				slot = last
			case <-ctx.Done():
				q.inside.Add(-1)
				return nil, errHashWait(ctx.Err())
			}
		}
	}
	if q.running != nil {
		q.running()
	}
	return slot, nil
}

func (q *HashQueue) release(slot chan struct{}) {
	if q.finished != nil {
		q.finished()
	}
	<-slot
	if q.inside.Add(-1) == 0 {
		q.idle.Reset(idleFree) // each emptying puts it off again
	}
}

// idleFree is how long the queue stays empty before it gives memory back.
const idleFree = 500 * time.Millisecond

// giveBack returns the heap's free memory to the operating system (a full
// collection of a small heap) unless a computation started meanwhile.
func (q *HashQueue) giveBack() {
	if q.inside.Load() == 0 {
		debug.FreeOSMemory()
	}
}

// errHashWait is the error of a caller that stopped waiting for a slot
// because its context ended (err: context.Canceled or DeadlineExceeded).
func errHashWait(err error) error {
	return &errs.Error{Kind: errs.Unavailable, Code: "password_checks_busy", Op: "identity: wait for a password hash slot",
		Msg: "Too many passwords are being checked right now; try again in a moment.", RetryAfter: time.Second, Err: err}
}
