package limit

import "time"

// Policy is how a limiter counts events: Window, Backoff or Rate.
type Policy interface{ policy() }

// Window allows Max events per key within Span of the key's first event;
// the key then waits until Span has passed since that first event, when a
// new window opens with its next event.
type Window struct {
	Max  int
	Span time.Duration
}

// Backoff slows down guessing: the Max-th event of a key within Span of its
// first makes the key wait First, and every further one twice as long as the
// one before, up to Span. Reset (a success) clears the key; so does an event
// more than Span after the first.
type Backoff struct {
	Max   int
	Span  time.Duration
	First time.Duration
}

// Rate is a token bucket (golang.org/x/time/rate): PerSecond events on
// average, in bursts of up to Burst. A PerSecond of zero or less limits
// nothing.
type Rate struct {
	PerSecond float64
	Burst     int
}

func (Window) policy()  {}
func (Backoff) policy() {}
func (Rate) policy()    {}

// delay is the wait after the n-th event past Max (n = 0 for the Max-th).
func (b Backoff) delay(n int) time.Duration {
	d := b.First
	for ; n > 0 && d > 0 && d < b.Span; n-- {
		d *= 2
	}
	return min(d, b.Span)
}
