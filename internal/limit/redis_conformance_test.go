package limit

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/tenantry/tenantry/internal/redistest"
)

// TestRedisMatchesMemory: a long random sequence of Takes, Peeks, Hits
// and Resets — keys switching policies within a kind and across kinds,
// time moving on by random steps — gets the same answers from Redis as from
// Memory (to the microsecond Redis counts in).
func TestRedisMatchesMemory(t *testing.T) {
	ctx := context.Background()
	url := redistest.URL(t)
	prefix := redistest.Prefix(t)
	m, r := NewMemory(), &twoProcesses{a: newRedis(t, url, prefix, time.Second), b: newRedis(t, url, prefix, time.Second)}
	policies := []Policy{
		Window{Max: 1, Span: time.Minute}, Window{Max: 3, Span: time.Minute}, Window{Max: 2, Span: 10 * time.Second},
		Backoff{Max: 3, Span: time.Minute, First: time.Second}, Backoff{Max: 5, Span: 15 * time.Minute, First: time.Second},
		Rate{PerSecond: 3, Burst: 6}, Rate{PerSecond: 0.05, Burst: 3}, Rate{PerSecond: 100, Burst: 1}, Rate{PerSecond: 7.5},
	}
	rng := rand.New(rand.NewPCG(14, 1))
	now := t0
	for i := range 4000 {
		key := []string{"a", "b", "c"}[rng.IntN(3)]
		p := policies[rng.IntN(len(policies))]
		if rng.IntN(4) > 0 { // mostly one kind per key, as callers do
			p = policies[map[string]int{"a": 0, "b": 3, "c": 5}[key]+rng.IntN(3)]
		}
		now = now.Add(time.Duration(rng.IntN(400_000)) * time.Microsecond)
		if rng.IntN(50) == 0 {
			must(t, m.Reset(ctx, key))
			must(t, r.Reset(ctx, key))
			continue
		}
		op := Op(rng.IntN(3))
		wm, err := m.Do(ctx, key, p, op, now)
		must(t, err)
		wr, err := r.Do(ctx, key, p, op, now)
		must(t, err)
		if d := wr - wm; d < -time.Microsecond || d > time.Microsecond || (wm == 0) != (wr == 0) {
			t.Fatalf("step %d: %v op %d on %q at +%s: memory waits %s, redis %s", i, p, op, key, now.Sub(t0), wm, wr)
		}
	}
	if n := r.a.Fallbacks() + r.b.Fallbacks(); n > 0 {
		t.Fatalf("%d checks answered in memory", n)
	}
}

// TestRedisOneRoundTrip: a check is one command to Redis, the first one
// included.
func TestRedisOneRoundTrip(t *testing.T) {
	ctx := context.Background()
	url, prefix := redistest.URL(t), redistest.Prefix(t)
	r := newRedis(t, url, prefix, time.Second)
	var cmds atomic.Int64
	r.client.AddHook(countHook{&cmds})
	for i, p := range []Policy{Window{Max: 1, Span: time.Minute}, Backoff{Max: 1, Span: time.Minute, First: time.Second}, Rate{PerSecond: 1, Burst: 1}} {
		for op := range 3 {
			before := cmds.Load()
			if _, err := r.Do(ctx, "k"+string(rune('0'+i)), p, Op(op), t0); err != nil {
				t.Fatal(err)
			}
			if n := cmds.Load() - before; n != 1 {
				t.Fatalf("%T op %d: %d commands, want 1", p, op, n)
			}
		}
	}
}

type countHook struct{ n *atomic.Int64 }

func (h countHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkTake is one rate-limit check per iteration, in memory and in
// Redis, from 8 goroutines over 1,000 keys.
func BenchmarkTake(b *testing.B) {
	url := redistest.URL(b)
	r, err := NewRedis(context.Background(), RedisOptions{URL: url, Prefix: redistest.Prefix(b), Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for _, s := range []struct {
		name  string
		store Store
	}{{"memory", NewMemory()}, {"redis", r}} {
		b.Run(s.name, func(b *testing.B) {
			l := New(s.store, "bench", Rate{PerSecond: 1e6, Burst: 1e6})
			var n atomic.Int64
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					i := n.Add(1)
					if _, err := l.Take(ctx, strconv.FormatInt(i%1000, 10), t0.Add(time.Duration(i))); err != nil {
						b.Error(err)
					}
				}
			})
		})
	}
	if r.Fallbacks() > 0 {
		b.Fatalf("%d fallbacks", r.Fallbacks())
	}
}
