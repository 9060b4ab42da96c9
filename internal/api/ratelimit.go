package api

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/limit"
)

// limiters gives each key (an IP address or a caller) a token bucket of
// perSecond requests, in bursts of twice that, on the server's clock. A rate
// of zero limits nothing.
type limiters struct {
	l   *limit.Limiter
	now func() time.Time
}

// rateLimits returns the limiters of opt's rate: per caller, and per IP
// address at 30% of it.
func rateLimits(opt Options) (users, ips *limiters) {
	store, now := opt.Limits, opt.Now
	if store == nil {
		store = limit.NewMemory()
	}
	if now == nil {
		now = time.Now
	}
	return newLimiters(store, "rate-caller", opt.RateLimit, now), newLimiters(store, "rate-ip", opt.RateLimit*0.3, now)
}

func newLimiters(s limit.Store, name string, perSecond float64, now func() time.Time) *limiters {
	p := limit.Rate{PerSecond: perSecond, Burst: max(1, int(perSecond*2))}
	return &limiters{l: limit.New(s, name, p), now: now}
}

// allow takes a request of key, or answers 429 rate_limited with how long
// until key may send one.
func (l *limiters) allow(ctx context.Context, key string) error {
	wait, err := l.l.Take(ctx, key, l.now())
	switch {
	case err != nil:
		return err
	case wait > 0:
		return rateLimited(wait)
	}
	return nil
}

func rateLimited(wait time.Duration) error {
	e := errs.E(errs.RateLimited, "rate_limited", "Too many requests; slow down.")
	e.RetryAfter = wait
	return e
}
