package limit

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// at is t0 plus d: every test's time is given, never read.
func at(d time.Duration) time.Time { return t0.Add(d) }

// mustOf returns a function that passes a wait through, failing t on an error.
func mustOf(t *testing.T) func(time.Duration, error) time.Duration {
	return func(d time.Duration, err error) time.Duration {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
}

func TestWindow(t *testing.T) { eachStore(t, testWindow) }

func testWindow(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	l := New(newStore(), "mail", Window{Max: 3, Span: time.Minute})
	for i := range 3 {
		if w := must(l.Take(ctx, "a", at(time.Duration(i)*time.Second))); w != 0 {
			t.Fatalf("event %d refused (wait %s)", i+1, w)
		}
	}
	if w := must(l.Take(ctx, "a", at(10*time.Second))); w != 50*time.Second {
		t.Fatalf("fourth event: wait %s, want 50s", w)
	}
	if w := must(l.Wait(ctx, "a", at(20*time.Second))); w != 40*time.Second {
		t.Fatalf("wait %s, want 40s (a refused event is not counted)", w)
	}
	if w := must(l.Take(ctx, "b", at(10*time.Second))); w != 0 {
		t.Fatal("another key is limited too")
	}
	if w := must(l.Take(ctx, "a", at(time.Minute))); w != 0 {
		t.Fatal("the window does not reopen")
	}
	for range 2 {
		must(l.Take(ctx, "a", at(time.Minute+time.Second)))
	}
	if w := must(l.Take(ctx, "a", at(90*time.Second))); w != 30*time.Second {
		t.Fatalf("the new window is not counted from its first event: wait %s, want 30s", w)
	}
}

// TestBackoff is the sign-in throttle: the fifth failure within 15 minutes
// locks for 1 s, each further one twice as long, up to 15 minutes; a
// success clears the key.
func TestBackoff(t *testing.T) { eachStore(t, testBackoff) }

func testBackoff(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	l := New(newStore(), "login", Backoff{Max: 5, Span: 15 * time.Minute, First: time.Second})
	for i := 1; i < 5; i++ {
		if w := must(l.Hit(ctx, "e", t0)); w != 0 {
			t.Fatalf("locked for %s after %d failures", w, i)
		}
	}
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900} {
		if w := must(l.Hit(ctx, "e", t0)); w != want*time.Second {
			t.Fatalf("failure %d: wait %s, want %ds", i+5, w, want)
		}
		if w := must(l.Wait(ctx, "e", at(time.Second/2))); w != want*time.Second-time.Second/2 {
			t.Fatalf("half a second later: wait %s", w)
		}
		if w := must(l.Wait(ctx, "e", at(want*time.Second))); w != 0 {
			t.Fatalf("still locked (%s) when the wait is over", w)
		}
	}
	now := at(time.Hour)
	if err := l.Reset(ctx, "e"); err != nil {
		t.Fatal(err)
	}
	if w := must(l.Hit(ctx, "e", now)); w != 0 {
		t.Fatal("a reset key is locked at its first failure")
	}
	// A failure more than the span after the first starts counting afresh.
	for range 3 {
		must(l.Hit(ctx, "e", now))
	}
	if w := must(l.Hit(ctx, "e", now.Add(15*time.Minute+time.Second))); w != 0 {
		t.Fatalf("old failures still count: wait %s", w)
	}
	// Take refuses while locked and counts nothing then.
	for range 5 {
		must(l.Hit(ctx, "x", t0))
	}
	if w := must(l.Take(ctx, "x", at(time.Second/2))); w != time.Second/2 {
		t.Fatalf("take while locked: wait %s", w)
	}
	if w := must(l.Take(ctx, "x", at(time.Second))); w != 0 {
		t.Fatalf("take after the lock: wait %s", w)
	}
}

// TestBackoffPerAddress: twenty failures from one address lock it for a
// second, other addresses not at all.
func TestBackoffPerAddress(t *testing.T) { eachStore(t, testBackoffPerAddress) }

func testBackoffPerAddress(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	l := New(newStore(), "login-ip", Backoff{Max: 20, Span: 15 * time.Minute, First: time.Second})
	for i := 1; i < 20; i++ {
		if w := must(l.Hit(ctx, "203.0.113.9", t0)); w != 0 {
			t.Fatalf("locked after %d failures", i)
		}
	}
	if w := must(l.Hit(ctx, "203.0.113.9", t0)); w != time.Second {
		t.Fatalf("20th failure: wait %s, want 1s", w)
	}
	if w := must(l.Wait(ctx, "203.0.113.10", t0)); w != 0 {
		t.Fatal("another address is locked too")
	}
}

func TestRate(t *testing.T) { eachStore(t, testRate) }

func testRate(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	l := New(newStore(), "ip", Rate{PerSecond: 3, Burst: 6})
	for i := range 6 {
		if w := must(l.Take(ctx, "ip", t0)); w != 0 {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	w := must(l.Take(ctx, "ip", t0))
	if want := time.Second / 3; w < want || w > want+time.Microsecond {
		t.Fatalf("after the burst: wait %s, want about %s", w, want)
	}
	if w := must(l.Take(ctx, "ip", t0.Add(w))); w != 0 {
		t.Fatalf("refused once the wait has passed (%s)", w)
	}
	if w := must(l.Take(ctx, "other", t0)); w != 0 {
		t.Fatal("another key shares the bucket")
	}
	if w := must(l.Take(ctx, "ip", at(2*time.Second))); w != 0 {
		t.Fatal("the bucket does not refill")
	}
	off := New(newStore(), "off", Rate{})
	for range 100 {
		if w := must(off.Take(ctx, "k", t0)); w != 0 {
			t.Fatal("a zero rate limits")
		}
	}
}

// TestSweep: idle keys are dropped as time passes, busy ones kept.
func TestSweep(t *testing.T) {
	ctx, must := context.Background(), mustOf(t)
	m := NewMemory()
	w := New(m, "w", Window{Max: 1, Span: time.Minute})
	b := New(m, "b", Backoff{Max: 2, Span: time.Minute, First: time.Minute})
	must(w.Take(ctx, "a", t0))
	must(b.Hit(ctx, "a", t0))
	must(b.Hit(ctx, "a", at(59*time.Second))) // locked until 1m59s
	must(w.Take(ctx, "late", at(90*time.Second)))
	if n := len(m.keys); n != 2 {
		t.Fatalf("%d keys after 90 s, want 2 (the idle window dropped, the lock kept)", n)
	}
	if w := must(b.Wait(ctx, "a", at(99*time.Second))); w != 20*time.Second {
		t.Fatalf("a locked key was dropped: wait %s", w)
	}
}

// TestAtomicPerKey: concurrent takes of one key never exceed its limit.
func TestAtomicPerKey(t *testing.T) { eachStore(t, testAtomicPerKey) }

func testAtomicPerKey(t *testing.T, newStore func() Store) {
	ctx := context.Background()
	l := New(newStore(), "c", Window{Max: 1, Span: time.Minute})
	var ok atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if w, err := l.Take(ctx, "k", t0); err == nil && w == 0 {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 1 {
		t.Fatalf("%d concurrent takes succeeded, want 1", ok.Load())
	}
}

// TestLimitersApart: limiters of different names share no keys.
func TestLimitersApart(t *testing.T) { eachStore(t, testLimitersApart) }

func testLimitersApart(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	m := newStore()
	a, b := New(m, "a", Window{Max: 1, Span: time.Minute}), New(m, "b", Window{Max: 1, Span: time.Minute})
	must(a.Take(ctx, "k", t0))
	if w := must(b.Take(ctx, "k", t0)); w != 0 {
		t.Fatal("limiter b counts limiter a's events")
	}
}

// TestPublish: a broadcast has reached this process's subscribers when
// Publish returns; cancelled subscribers hear nothing.
func TestPublish(t *testing.T) { eachStore(t, testPublish) }

func testPublish(t *testing.T, newStore func() Store) {
	ctx := context.Background()
	m := newStore()
	var a, b, other int
	m.Subscribe("callers", func() { a++ })
	cancel := m.Subscribe("callers", func() { b++ })
	m.Subscribe("keys", func() { other++ })
	if err := m.Publish(ctx, "callers"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := m.Publish(ctx, "callers"); err != nil {
		t.Fatal(err)
	}
	if a != 2 || b != 1 || other != 0 {
		t.Fatalf("heard a=%d b=%d other=%d, want 2 1 0", a, b, other)
	}
	// A subscriber may use the store while it is called.
	m.Subscribe("reentrant", func() { _ = m.Reset(ctx, "x") })
	if err := m.Publish(ctx, "reentrant"); err != nil {
		t.Fatal(err)
	}
}

// TestPolicyPerCall: a key's policy may change between calls (With): the
// state carries over within a kind, and starts afresh across kinds.
func TestPolicyPerCall(t *testing.T) { eachStore(t, testPolicyPerCall) }

func testPolicyPerCall(t *testing.T, newStore func() Store) {
	ctx, must := context.Background(), mustOf(t)
	m := newStore()
	fast := New(m, "rate", Rate{PerSecond: 100, Burst: 200})
	must(fast.Take(ctx, "u", t0))
	// Three a minute: the bucket keeps its tokens, down to the new burst.
	slow := fast.With(Rate{PerSecond: 3.0 / 60, Burst: 3})
	for i := range 3 {
		if w := must(slow.Take(ctx, "u", t0)); w != 0 {
			t.Fatalf("request %d of three refused (wait %s)", i+1, w)
		}
	}
	if w := must(slow.Take(ctx, "u", t0)); w < 19*time.Second || w > 20*time.Second {
		t.Fatalf("the fourth request: wait %s, want 20s", w)
	}
	if w := must(fast.Take(ctx, "other", t0)); w != 0 {
		t.Fatal("another key is limited by the slow rate")
	}
	if w := must(slow.Take(ctx, "u", at(time.Minute))); w != 0 {
		t.Fatalf("the slow bucket does not refill: wait %s", w)
	}
	// Back at the fast rate, the empty bucket refills fast.
	if w := must(fast.Take(ctx, "u", at(time.Minute+time.Second))); w != 0 {
		t.Fatalf("back at the fast rate: wait %s", w)
	}

	// A backoff keeps its failures: two under Max 5, then a third under
	// Max 3 locks, and a peek under Max 5 sees that lock.
	five := New(m, "login", Backoff{Max: 5, Span: 15 * time.Minute, First: time.Second})
	three := five.With(Backoff{Max: 3, Span: 15 * time.Minute, First: time.Second})
	must(five.Hit(ctx, "e", t0))
	must(five.Hit(ctx, "e", t0))
	if w := must(three.Hit(ctx, "e", t0)); w != time.Second {
		t.Fatalf("third failure under Max 3: wait %s, want 1s", w)
	}
	if w := must(five.Wait(ctx, "e", at(time.Second/2))); w != time.Second/2 {
		t.Fatalf("a peek under another Max: wait %s, want 0.5s", w)
	}
	// Switching Max back and forth does not clear the count.
	must(five.Hit(ctx, "f", t0))
	must(five.Hit(ctx, "f", t0))
	must(three.Wait(ctx, "f", t0))
	if w := must(three.Hit(ctx, "f", t0)); w != time.Second {
		t.Fatalf("alternating policies cleared the count: wait %s", w)
	}

	// A window keeps its count under a larger Max.
	one := New(m, "win", Window{Max: 1, Span: time.Minute})
	must(one.Take(ctx, "k", t0))
	two := one.With(Window{Max: 2, Span: time.Minute})
	if w := must(two.Take(ctx, "k", t0)); w != 0 {
		t.Fatalf("second event under Max 2 refused (wait %s)", w)
	}
	if w := must(two.Take(ctx, "k", t0)); w != time.Minute {
		t.Fatalf("third event under Max 2: wait %s, want 1m", w)
	}
	// Another kind starts afresh.
	if w := must(one.With(Backoff{Max: 2, Span: time.Minute, First: time.Second}).Wait(ctx, "k", t0)); w != 0 {
		t.Fatalf("a backoff reads a window's state: wait %s", w)
	}
}
