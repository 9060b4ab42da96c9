package limit

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// state is one key's state under its policy, in Memory.
type state interface {
	policy() Policy
	// wait is how long the key must wait at now before its next event.
	wait(now time.Time) time.Duration
	// count records an event at now.
	count(now time.Time)
	// idle reports whether the state at now is no different from none.
	idle(now time.Time) bool
}

func newState(p Policy) state {
	switch p := p.(type) {
	case Window:
		return &windowState{p: p}
	case Backoff:
		return &backoffState{p: p}
	case Rate:
		return &rateState{p: p, l: rate.NewLimiter(rate.Limit(p.PerSecond), max(1, p.Burst))}
	}
	panic("limit: unknown policy")
}

type windowState struct {
	p     Window
	n     int
	start time.Time
}

func (s *windowState) policy() Policy { return s.p }

func (s *windowState) wait(now time.Time) time.Duration {
	if s.n < s.p.Max || s.idle(now) {
		return 0
	}
	return s.start.Add(s.p.Span).Sub(now)
}

func (s *windowState) count(now time.Time) {
	if s.n == 0 || s.idle(now) {
		s.n, s.start = 0, now
	}
	s.n++
}

func (s *windowState) idle(now time.Time) bool { return now.Sub(s.start) >= s.p.Span }

type backoffState struct {
	p            Backoff
	n            int
	first, until time.Time
}

func (s *backoffState) policy() Policy { return s.p }

func (s *backoffState) wait(now time.Time) time.Duration {
	if now.Before(s.until) {
		return s.until.Sub(now)
	}
	return 0
}

func (s *backoffState) count(now time.Time) {
	if s.n == 0 || now.Sub(s.first) > s.p.Span {
		*s = backoffState{p: s.p, first: now}
	}
	s.n++
	if s.n >= s.p.Max {
		s.until = now.Add(s.p.delay(s.n - s.p.Max))
	}
}

func (s *backoffState) idle(now time.Time) bool {
	return now.Sub(s.first) > s.p.Span && !now.Before(s.until)
}

type rateState struct {
	p    Rate
	l    *rate.Limiter
	last time.Time
}

func (s *rateState) policy() Policy { return s.p }

func (s *rateState) wait(now time.Time) time.Duration {
	short := 1 - s.l.TokensAt(now)
	if short <= 1e-9 { // what is left of rounding a wait to the nanosecond
		return 0
	}
	return time.Duration(math.Ceil(short / s.p.PerSecond * float64(time.Second)))
}

func (s *rateState) count(now time.Time) {
	s.l.ReserveN(now, 1)
	s.last = now
}

// idle: a bucket untouched for as long as it takes to fill is full.
func (s *rateState) idle(now time.Time) bool {
	full := time.Duration(float64(max(1, s.p.Burst)) / s.p.PerSecond * float64(time.Second))
	return now.Sub(s.last) >= full
}
