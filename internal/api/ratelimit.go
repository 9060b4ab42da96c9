package api

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiters hands out one token bucket per key (an IP address or a user),
// forgetting keys idle for ten minutes.
type limiters struct {
	rate  rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*limiterEntry
	sweep time.Time
}

type limiterEntry struct {
	l    *rate.Limiter
	seen time.Time
}

func newLimiters(perSecond float64) *limiters {
	return &limiters{rate: rate.Limit(perSecond), burst: max(1, int(perSecond*2)), m: map[string]*limiterEntry{}}
}

// allow reports whether key may make a request now, and otherwise how long
// until it may.
func (l *limiters) allow(key string) (bool, time.Duration) {
	if l.rate <= 0 {
		return true, 0
	}
	now := time.Now()
	l.mu.Lock()
	e := l.m[key]
	if e == nil {
		e = &limiterEntry{l: rate.NewLimiter(l.rate, l.burst)}
		l.m[key] = e
	}
	e.seen = now
	if now.Sub(l.sweep) > time.Minute {
		for k, v := range l.m {
			if now.Sub(v.seen) > 10*time.Minute {
				delete(l.m, k)
			}
		}
		l.sweep = now
	}
	l.mu.Unlock()
	r := e.l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}
