package test

import (
	"sync"
	"testing"
	"time"
)

// testClock is a test server's clock (server.WithClock). It stands still
// but for a microsecond at every reading, so no two readings are equal;
// the harness moves it a millisecond before every request it sends, and a
// test moves it further with advance. Every rule of time on the server —
// throttles, windows, rate limits, expiries, caches, mail retries — reads
// it, so none depends on how fast the machine runs.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

// newTestClock returns a clock starting at the current second.
func newTestClock() *testClock { return &testClock{t: time.Now().UTC().Truncate(time.Second)} }

// now reads the clock: a microsecond after the previous reading.
func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Microsecond)
	return c.t
}

// peek returns the last reading, without moving the clock.
func (c *testClock) peek() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// advance moves the clock on by d, as if d had passed.
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// stamped fails t unless text (the field what of an answer) is a timestamp
// of the server's clock from from (a peek before the request) to now, at
// the precision of a second.
func (c *testClock) stamped(t testing.TB, what, text string, from time.Time) {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, text)
	if err != nil || ts.Before(from.Truncate(time.Second)) || ts.After(c.peek()) {
		t.Errorf("%s %q is not a time of the request, from %v to %v (%v)", what, text, from, c.peek(), err)
	}
}
