package api

import (
	"context"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/setting"
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
	return l.take(ctx, l.l, key)
}

// allowPerMinute is allow under a rate of perMinute requests a minute, in
// bursts of a minute's worth, instead of the limiters' own.
func (l *limiters) allowPerMinute(ctx context.Context, key string, perMinute int64) error {
	return l.take(ctx, l.l.With(limit.Rate{PerSecond: float64(perMinute) / 60, Burst: int(perMinute)}), key)
}

func (l *limiters) take(ctx context.Context, lim *limit.Limiter, key string) error {
	wait, err := lim.Take(ctx, key, l.now())
	switch {
	case err != nil:
		return err
	case wait > 0:
		return rateLimited(wait)
	}
	return nil
}

// allowCaller takes a request of the authenticated caller p. A caller
// acting in a tenant (a tenant-scoped token, an API key) whose resolved
// security.rate_limit_per_user is above 0 gets that many requests a minute,
// in a bucket of its own per tenant; every other caller gets the server's
// rate. The tenant's value is read per request from the App's cache of
// resolved configuration (a map lookup; one read of the database per tenant
// and environment when the cache has expired or a commit changed a
// setting), so a change applies to the next request.
func (s *Server) allowCaller(ctx context.Context, p *auth.Principal) error {
	key := callerID(p)
	if p.TenantID != "" {
		cfg, err := s.app.Settings(ctx, p.TenantID, p.Env)
		if err != nil {
			return fmt.Errorf("api: rate limit of tenant %s: %w", p.TenantID, err)
		}
		if n := cfg.Int(setting.RateLimitPerUser); n > 0 {
			return s.users.allowPerMinute(ctx, key+"@"+p.TenantID, n)
		}
	}
	return s.users.allow(ctx, key)
}

func rateLimited(wait time.Duration) error {
	e := errs.E(errs.RateLimited, "rate_limited", "Too many requests; slow down.")
	e.RetryAfter = wait
	return e
}
