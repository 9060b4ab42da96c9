package identity

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// cheap is a hasher fast enough for tests.
var cheap = Hasher{Memory: 64, Time: 1, Threads: 1}

// TestHashQueueBound: with the bound at 2 and 6 callers, 2 run and 4 wait;
// each computation that ends lets exactly one waiter in, and no more than 2
// ever hold a slot at once.
func TestHashQueueBound(t *testing.T) {
	const n, callers = 2, 6
	q := NewHashQueue(cheap, n)
	if q.Cap() != n {
		t.Fatalf("Cap = %d, want %d", q.Cap(), n)
	}
	var cur, peak atomic.Int32
	entered, waited := make(chan struct{}, callers), make(chan struct{}, callers)
	gate := make(chan struct{})
	q.waiting = func() { waited <- struct{}{} }
	q.running = func() {
		c := cur.Add(1)
		for p := peak.Load(); c > p && !peak.CompareAndSwap(p, c); p = peak.Load() {
		}
		entered <- struct{}{}
		<-gate
	}
	q.finished = func() { cur.Add(-1) }
	done := make(chan error, callers)
	for i := range callers {
		go func() {
			if i%2 == 0 {
				_, err := q.Hash(context.Background(), "pw")
				done <- err
				return
			}
			_, err := q.Verify(context.Background(), "pw", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
			done <- err
		}()
	}
	for e, w := 0, 0; e < n || w < callers-n; {
		select {
		case <-entered:
			e++
		case <-waited:
			w++
		}
	}
	select {
	case <-entered:
		t.Fatal("a third computation started while two held the slots")
	default:
	}
	for range callers - n {
		gate <- struct{}{} // one computation ends ...
		<-entered          // ... and lets one waiter in
		select {
		case <-entered:
			t.Fatal("one ending computation let two waiters in")
		default:
		}
	}
	for range n {
		gate <- struct{}{}
	}
	for range callers {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if p := peak.Load(); p != n {
		t.Errorf("at most %d computations at once, want %d", p, n)
	}
}

// TestHashQueueCancel: a caller waiting for a slot gives up as soon as its
// context is cancelled, with an Unavailable error wrapping context.Canceled,
// and leaves the slots as they were.
func TestHashQueueCancel(t *testing.T) {
	q := NewHashQueue(cheap, 1)
	held, gate, waited := make(chan struct{}), make(chan struct{}), make(chan struct{}, 1)
	q.running = func() {
		if gate != nil {
			held <- struct{}{}
			<-gate
		}
	}
	q.waiting = func() { waited <- struct{}{} }
	first := make(chan error, 1)
	go func() { _, err := q.Hash(context.Background(), "pw"); first <- err }()
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	second := make(chan error, 1)
	go func() { _, err := q.Verify(ctx, "pw", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$a2V5"); second <- err }()
	<-waited
	cancel()
	err := <-second // with the slot still held: the wait ended by the cancellation alone
	if !errors.Is(err, context.Canceled) || errs.KindOf(err) != errs.Unavailable {
		t.Fatalf("cancelled wait: %v (kind %v), want Unavailable wrapping context.Canceled", err, errs.KindOf(err))
	}
	close(gate)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	gate = nil
	q.waiting = func() { t.Error("a free slot made a caller wait") }
	enc, err := q.Hash(context.Background(), "pw")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := q.Verify(context.Background(), "pw", enc); !ok || err != nil {
		t.Fatalf("Verify = %v, %v", ok, err)
	}
}

// TestHashQueueDeadline: a caller whose own deadline ends while it waits
// gets the Unavailable error with its code and Retry-After, wrapping
// context.DeadlineExceeded.
func TestHashQueueDeadline(t *testing.T) {
	q := NewHashQueue(cheap, 1)
	q.shared <- struct{}{} // the one slot, taken
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	_, err := q.Hash(ctx, "pw")
	e, ok := errs.As(err)
	if !ok || e.Kind != errs.Unavailable || e.Code != "password_checks_busy" || e.RetryAfter <= 0 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("expired wait: %v, want 503 password_checks_busy with Retry-After wrapping DeadlineExceeded", err)
	}
	if NewHashQueue(cheap, 0).Cap() < 1 {
		t.Error("the default bound is below one")
	}
}

// TestHashQueueKeepsCore: with KeepCoreFor, the last of 2 slots is not
// taken while other requests run — a second caller waits though it is
// free — and is taken at once when nothing else runs; a caller that began
// waiting for the shared slot gets it when it is given back.
func TestHashQueueKeepsCore(t *testing.T) {
	q := NewHashQueue(cheap, 2)
	var busy atomic.Bool
	busy.Store(true)
	q.KeepCoreFor(busy.Load)
	entered, waited := make(chan struct{}, 3), make(chan struct{}, 3)
	gate := make(chan struct{})
	q.waiting = func() { waited <- struct{}{} }
	q.running = func() { entered <- struct{}{}; <-gate }
	done := make(chan error, 3)
	hash := func() { _, err := q.Hash(context.Background(), "pw"); done <- err }
	go hash()
	<-entered // the shared slot
	go hash()
	<-waited // busy: the last slot is kept for the others
	select {
	case <-entered:
		t.Fatal("the kept slot was taken while other requests ran")
	default:
	}
	if q.Inside() != 2 {
		t.Errorf("Inside = %d, want 2", q.Inside())
	}
	busy.Store(false)
	go hash()
	<-entered // nothing else runs: the last slot at once
	gate <- struct{}{}
	gate <- struct{}{}
	<-entered // the waiter, on the shared slot given back
	gate <- struct{}{}
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if q.Inside() != 0 {
		t.Errorf("Inside = %d after every caller, want 0", q.Inside())
	}
}
