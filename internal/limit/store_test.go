package limit

import (
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// eachStore runs test on Memory and on Redis as two processes: two Redis
// stores on one Redis and one prefix, the checks of a key alternating
// between them, so every rule holds across processes or the test fails.
func eachStore(t *testing.T, test func(t *testing.T, newStore func() Store)) {
	t.Run("memory", func(t *testing.T) { test(t, func() Store { return NewMemory() }) })
	t.Run("redis", func(t *testing.T) {
		url := redistest.URL(t)
		test(t, func() Store {
			prefix := redistest.Prefix(t)
			a, b := newRedis(t, url, prefix, time.Second), newRedis(t, url, prefix, time.Second)
			t.Cleanup(func() {
				if n := a.Fallbacks() + b.Fallbacks(); n > 0 {
					t.Errorf("%d checks answered in memory: Redis failed", n)
				}
			})
			return &twoProcesses{a: a, b: b}
		})
	})
}

// newRedis returns a Redis store of url and prefix, closed when t ends,
// failing t unless it is up.
func newRedis(t *testing.T, url, prefix string, timeout time.Duration) *Redis {
	t.Helper()
	r, err := NewRedis(context.Background(), RedisOptions{URL: url, Prefix: prefix, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	if !r.Up() {
		t.Fatalf("redis at %s is down", url)
	}
	return r
}

// twoProcesses alternates its checks and resets between two stores; its
// broadcasts are a's.
type twoProcesses struct {
	a, b *Redis
	n    atomic.Uint64
}

func (s *twoProcesses) next() *Redis {
	if s.n.Add(1)%2 == 0 {
		return s.a
	}
	return s.b
}

func (s *twoProcesses) Do(ctx context.Context, key string, p Policy, op Op, now time.Time) (time.Duration, error) {
	return s.next().Do(ctx, key, p, op, now)
}

func (s *twoProcesses) Reset(ctx context.Context, key string) error {
	return s.next().Reset(ctx, key)
}

func (s *twoProcesses) Publish(ctx context.Context, topic string) error {
	return s.a.Publish(ctx, topic)
}

func (s *twoProcesses) Subscribe(topic string, fn func()) func() { return s.a.Subscribe(topic, fn) }
