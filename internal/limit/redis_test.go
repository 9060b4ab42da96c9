package limit

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/tenantry/tenantry/internal/redistest"
)

// TestRedisShared: one limit across two processes, and its key expires in
// Redis about when it would be idle.
func TestRedisShared(t *testing.T) {
	ctx, must := context.Background(), mustOf(t)
	url, prefix := redistest.URL(t), redistest.Prefix(t)
	a, b := newRedis(t, url, prefix, time.Second), newRedis(t, url, prefix, time.Second)
	p := Window{Max: 3, Span: time.Minute}
	la, lb := New(a, "mail", p), New(b, "mail", p)
	must(la.Take(ctx, "e", t0))
	must(lb.Take(ctx, "e", at(time.Second)))
	must(la.Take(ctx, "e", at(2*time.Second)))
	if w := must(lb.Take(ctx, "e", at(10*time.Second))); w != 50*time.Second {
		t.Fatalf("the fourth event, in the other process: wait %s, want 50s", w)
	}
	if err := la.Reset(ctx, "e"); err != nil {
		t.Fatal(err)
	}
	if w := must(lb.Take(ctx, "e", at(10*time.Second))); w != 0 {
		t.Fatalf("a reset in one process does not reach the other: wait %s", w)
	}
	ttl := client(t, url).PTTL(ctx, prefix+"limit:mail:e").Val()
	if ttl < 59*time.Second || ttl > 61*time.Second {
		t.Fatalf("the key expires in %s, want the window's minute and a second", ttl)
	}
}

// TestRedisBroadcast: a broadcast reaches the other process's subscribers
// through Redis, and this process's exactly once.
func TestRedisBroadcast(t *testing.T) {
	ctx := context.Background()
	url, prefix := redistest.URL(t), redistest.Prefix(t)
	a, b := newRedis(t, url, prefix, time.Second), newRedis(t, url, prefix, time.Second)
	var mu sync.Mutex
	heard := map[string]int{}
	hear := func(who string) func() {
		return func() { mu.Lock(); heard[who]++; mu.Unlock() }
	}
	a.Subscribe("callers", hear("a"))
	bHeard := make(chan struct{}, 1)
	b.Subscribe("callers", func() { hear("b")(); bHeard <- struct{}{} })
	aDone := make(chan struct{}, 1)
	a.Subscribe("done", func() { aDone <- struct{}{} })
	if err := a.Publish(ctx, "callers"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if heard["a"] != 1 {
		t.Fatalf("the publishing process heard %d broadcasts when Publish returned, want 1", heard["a"])
	}
	mu.Unlock()
	waitFor(t, bHeard, "the other process's subscriber")
	// b's broadcast comes after a's own on a's subscription: once a hears
	// it, a has skipped its own.
	if err := b.Publish(ctx, "done"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, aDone, "b's broadcast in a")
	mu.Lock()
	defer mu.Unlock()
	if heard["a"] != 1 || heard["b"] != 1 {
		t.Fatalf("heard %v, want a and b once each", heard)
	}
}

// TestRedisOutage: with Redis hanging and then gone, no check fails or
// waits for longer than the timeout more than once; the store answers from
// memory, says so once, and shares again once a probe finds Redis back.
func TestRedisOutage(t *testing.T) {
	for _, fail := range []string{"hang", "drop"} {
		t.Run(fail, func(t *testing.T) {
			ctx, must := context.Background(), mustOf(t)
			url, prefix := redistest.URL(t), redistest.Prefix(t)
			proxy := redistest.NewProxy(t, url)
			var logs syncBuffer
			r, err := NewRedis(ctx, RedisOptions{URL: proxy.URL, Prefix: prefix, Timeout: 50 * time.Millisecond,
				Log: slog.New(slog.NewTextHandler(&logs, nil))})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			other := newRedis(t, url, prefix, time.Second) // a process that reaches Redis directly
			p := Window{Max: 1, Span: time.Minute}
			l, lo := New(r, "w", p), New(other, "w", p)
			must(l.Take(ctx, "before", t0))
			if w := must(lo.Take(ctx, "before", t0)); w == 0 {
				t.Fatal("not shared before the outage")
			}
			must(l.Take(ctx, "reset", t0))

			if fail == "hang" {
				proxy.Freeze()
			} else {
				proxy.Drop()
			}
			start := time.Now()
			for i := range 50 {
				if w := must(l.Take(ctx, "k", t0)); (i == 0) != (w == 0) {
					t.Fatalf("check %d in the outage: wait %s (the per-process window of one must still hold)", i+1, w)
				}
			}
			must(0, l.Reset(ctx, "k"))
			must(0, l.Reset(ctx, "reset")) // reaches Redis once it is back
			must(0, r.Publish(ctx, "callers"))
			d := time.Since(start)
			if d > time.Second {
				t.Fatalf("53 calls in the outage took %s: they wait for Redis", d)
			}
			t.Logf("53 calls with Redis %s: %s (a hang costs the first one the 50 ms timeout)", fail, d.Round(time.Millisecond))
			if r.Up() || r.Fallbacks() != 50 {
				t.Fatalf("up %v, %d fallbacks, want down and 50", r.Up(), r.Fallbacks())
			}
			if err := r.Probe(ctx); err == nil {
				t.Fatal("the probe finds Redis in the outage")
			}
			if n := strings.Count(logs.String(), "redis unreachable"); n != 1 {
				t.Fatalf("%d warnings for one outage, want 1:\n%s", n, logs.String())
			}

			proxy.Thaw()
			if err := r.Probe(ctx); err != nil {
				t.Fatalf("the probe does not find Redis back: %v", err)
			}
			if !r.Up() || !strings.Contains(logs.String(), "redis answers again") {
				t.Fatalf("up %v after the probe; log:\n%s", r.Up(), logs.String())
			}
			must(l.Take(ctx, "after", t0))
			if w := must(lo.Take(ctx, "after", t0)); w == 0 {
				t.Fatal("not shared after the outage")
			}
			if w := must(lo.Take(ctx, "reset", t0)); w != 0 {
				t.Fatalf("the reset made in the outage did not reach Redis: wait %s", w)
			}
			if r.Fallbacks() != 50 {
				t.Fatalf("%d fallbacks after recovery, want still 50", r.Fallbacks())
			}
		})
	}
}

// TestRedisStartsDown: a Redis gone at start is no error; Watch, asked,
// finds it back.
func TestRedisStartsDown(t *testing.T) {
	ctx, must := context.Background(), mustOf(t)
	url, prefix := redistest.URL(t), redistest.Prefix(t)
	proxy := redistest.NewProxy(t, url)
	proxy.Drop()
	r, err := NewRedis(ctx, RedisOptions{URL: proxy.URL, Prefix: prefix, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Up() {
		t.Fatal("up with Redis gone")
	}
	l := New(r, "w", Window{Max: 1, Span: time.Minute})
	must(l.Take(ctx, "k", t0))
	if w := must(l.Take(ctx, "k", t0)); w == 0 {
		t.Fatal("no limit while down")
	}
	wctx, stop := context.WithCancel(ctx)
	asks, done := make(chan chan<- error), make(chan struct{})
	go func() { defer close(done); r.Watch(wctx, asks) }()
	defer func() { stop(); <-done }()
	ask := func() error {
		reply := make(chan error, 1)
		asks <- reply
		return <-reply
	}
	if err := ask(); err == nil {
		t.Fatal("Watch finds a Redis that is gone")
	}
	proxy.Thaw()
	if err := ask(); err != nil || !r.Up() {
		t.Fatalf("Watch does not find Redis back: %v", err)
	}
	if w := must(l.Take(ctx, "k", t0)); w != 0 {
		t.Fatalf("back in Redis, the key is limited by the memory's count: wait %s", w)
	}
}

func TestRedisBadURL(t *testing.T) {
	if _, err := NewRedis(context.Background(), RedisOptions{URL: "http://localhost"}); err == nil {
		t.Fatal("an http URL is accepted")
	}
}

func client(t *testing.T, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s heard nothing in 10 s", what)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRedisBroadcastAfterOutage: once Redis is back, the subscription is
// renewed: every cache of this process is cleared once (broadcasts may have
// been missed), and other processes' broadcasts are heard again.
func TestRedisBroadcastAfterOutage(t *testing.T) {
	ctx := context.Background()
	url, prefix := redistest.URL(t), redistest.Prefix(t)
	proxy := redistest.NewProxy(t, url)
	a, err := NewRedis(ctx, RedisOptions{URL: proxy.URL, Prefix: prefix, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := newRedis(t, url, prefix, time.Second)
	var calls atomic.Int64
	heard := make(chan struct{}, 100)
	a.Subscribe("callers", func() { calls.Add(1); heard <- struct{}{} })
	proxy.Drop()
	proxy.Thaw()
	waitFor(t, heard, "the cache clear on the renewed subscription")
	if a.renewals.Load() == 0 {
		t.Fatal("a cache was cleared with no renewal")
	}
	must(t, a.Probe(ctx))
	must(t, b.Publish(ctx, "callers"))
	// Every renewal calls the subscriber once too: b's broadcast is the
	// call beyond them.
	for calls.Load()-a.renewals.Load() < 1 {
		waitFor(t, heard, "b's broadcast after the outage")
	}
}
