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
	// adopt makes p the state's policy from now on, keeping what it has
	// counted, when p is of the state's kind; it reports whether it was.
	adopt(p Policy, now time.Time) bool
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

func (s *windowState) adopt(p Policy, _ time.Time) bool {
	w, ok := p.(Window)
	if ok {
		s.p = w
	}
	return ok
}

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

// adopt keeps the failures counted and the wait they imposed: a lower Max
// locks at the next failure when as many have been counted already.
func (s *backoffState) adopt(p Policy, _ time.Time) bool {
	b, ok := p.(Backoff)
	if ok {
		s.p = b
	}
	return ok
}

type rateState struct {
	p Rate
	l *rate.Limiter
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
}

// idle: a full bucket is no different from a new one. (Not "untouched
// for burst/rate": Hits may have left it below empty.)
func (s *rateState) idle(now time.Time) bool {
	return s.l.TokensAt(now) >= float64(s.l.Burst())
}

// adopt keeps the bucket's tokens at now, up to the new burst, and refills
// it at the new rate from now on. Do never passes a rate of zero.
func (s *rateState) adopt(p Policy, now time.Time) bool {
	r, ok := p.(Rate)
	if ok {
		s.p = r
		s.l.SetLimitAt(now, rate.Limit(r.PerSecond))
		s.l.SetBurstAt(now, max(1, r.Burst))
	}
	return ok
}
