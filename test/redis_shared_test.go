package test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/redistest"
)

// TestRedisSharedRateLimit: two processes on one Redis (and prefix) draw on
// one per-IP bucket: 3/s with a burst of 6 across both, as TestPublicRateLimit
// shows for one.
func TestRedisSharedRateLimit(t *testing.T) {
	t.Parallel()
	opt := options{rateLimit: 10, redisURL: redistest.URL(t), redisPfx: redistest.Prefix(t), redisWait: 10 * time.Second,
		clock: newTestClock()} // one time for both, as the wall clock is
	a, b := boot(t, "sqlite", opt), boot(t, "sqlite", opt)
	for n := 1; n <= 6; n++ {
		h := []*harness{a, b}[n%2]
		h.get(t, "/api/v1/tenants/check-availability?slug=x"+strconv.Itoa(n), "").expect(http.StatusOK)
	}
	a.get(t, "/api/v1/tenants/check-availability?slug=x7", "").problem(http.StatusTooManyRequests, "rate_limited")
	b.get(t, "/api/v1/tenants/check-availability?slug=x7", "").problem(http.StatusTooManyRequests, "rate_limited")
	for _, h := range []*harness{a, b} {
		metric(t, h, "tenantry_redis_up", "1")
		metric(t, h, "tenantry_redis_fallbacks_total", "0")
	}
}

// TestRedisSharedInvalidation: an API key revoked through one process is
// refused by the other at once, not when its 2 s cache of the caller
// expires: the revocation's invalidation reaches it through Redis.
func TestRedisSharedInvalidation(t *testing.T) {
	t.Parallel()
	opt := options{redisURL: redistest.URL(t), redisPfx: redistest.Prefix(t), databaseURL: pgtest.NewDatabase(t),
		dataDir: t.TempDir()} // one master key
	a := boot(t, "postgres", opt)
	b := boot(t, "postgres", opt)
	_, owner := a.keyOwner(t, "Shared Spa")
	k := a.createKey(t, owner, "ci", "prod")
	secret := k.str("key")
	b.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).expect(http.StatusOK) // b caches the caller
	a.do(t, http.MethodDelete, "/api/v1/api-keys/"+k.str("id"), req{token: owner}).expect(http.StatusNoContent)
	start := time.Now()
	// Each request moves b's clock a millisecond: 200 of them stay far
	// inside the cache's 2 s, so a refusal is the broadcast's doing.
	for i := 0; ; i++ {
		r := b.withKey(t, "GET", "/api/v1/tenants/me", secret, nil)
		if r.status == http.StatusUnauthorized {
			r.problem(http.StatusUnauthorized, "invalid_api_key")
			t.Logf("refused by the other process %s after the revocation (%d requests)", time.Since(start).Round(time.Millisecond), i+1)
			return
		}
		r.expect(http.StatusOK)
		if i == 200 {
			t.Fatalf("the other process still accepts the revoked key after %s", time.Since(start))
		}
	}
}

// TestRedisOutageServer: with Redis hanging, requests are answered (never
// a 5xx, never waiting for Redis more than once), limits hold per process,
// the metrics say so; a probe finds Redis back and the process shares
// again.
func TestRedisOutageServer(t *testing.T) {
	t.Parallel()
	proxy := redistest.NewProxy(t, redistest.URL(t))
	h := boot(t, "sqlite", options{rateLimit: 10, redisURL: proxy.URL, redisPfx: redistest.Prefix(t)})
	metric(t, h, "tenantry_redis_up", "1")
	proxy.Freeze()
	start := time.Now()
	for n := 1; n <= 6; n++ {
		h.get(t, "/api/v1/tenants/check-availability?slug=x"+strconv.Itoa(n), "").expect(http.StatusOK)
	}
	h.get(t, "/api/v1/tenants/check-availability?slug=x7", "").problem(http.StatusTooManyRequests, "rate_limited")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("7 requests took %s with Redis hanging", d)
	}
	metric(t, h, "tenantry_redis_up", "0")
	metric(t, h, "tenantry_redis_fallbacks_total", "7")
	h.get(t, "/readyz", "").expect(http.StatusOK).obj().eq("redis", "local") // ready all the same
	if !strings.Contains(h.log.String(), "redis unreachable") {
		t.Errorf("no warning in the log:\n%s", h.log.String())
	}
	proxy.Thaw()
	if err := h.srv.ProbeRedis(t.Context()); err != nil {
		t.Fatalf("probe after recovery: %v", err)
	}
	metric(t, h, "tenantry_redis_up", "1")
	h.get(t, "/readyz", "").expect(http.StatusOK).obj().eq("redis", "shared")
}

// metric fails t unless h's /metrics has the sample name with value.
func metric(t *testing.T, h *harness, name, value string) {
	t.Helper()
	body := string(h.get(t, "/metrics", "").expect(http.StatusOK).body)
	for _, line := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			if v != value {
				t.Errorf("%s is %s, want %s", name, v, value)
			}
			return
		}
	}
	t.Errorf("/metrics lacks %s", name)
}
