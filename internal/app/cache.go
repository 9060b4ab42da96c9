package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/tenantry/tenantry/internal/limit"
)

// cache remembers values for a few seconds of the App's clock and forgets
// them all on every broadcast of its topic in the limit store — from this
// process at once, from the others as soon as they hear it — so a burst of
// requests costs one lookup and a change applies to the next request.
//
// A value loaded while a broadcast went by is not kept: load takes the
// generation before reading the database, and put drops the value when the
// generation moved meanwhile, so a stale read never outlives the change
// that made it stale.
type cache[V any] struct {
	topic string
	ttl   time.Duration
	max   int // entries kept at most
	now   func() time.Time
	store limit.Store
	log   *slog.Logger

	mu  sync.Mutex
	gen uint64
	m   map[string]cached[V]
}

type cached[V any] struct {
	v   V
	exp time.Time
}

// newCache returns a cache whose entries live for ttl and which clears on
// every broadcast of topic in s. It keeps up to 50,000 entries; sized
// changes that.
func newCache[V any](topic string, ttl time.Duration, now func() time.Time, s limit.Store, log *slog.Logger) *cache[V] {
	c := &cache[V]{topic: topic, ttl: ttl, max: 50000, now: now, store: s, log: log, m: map[string]cached[V]{}}
	s.Subscribe(topic, c.clear)
	return c
}

// alsoOn makes c clear on every broadcast of topics too.
func (c *cache[V]) alsoOn(topics ...string) *cache[V] {
	for _, t := range topics {
		c.store.Subscribe(t, c.clear)
	}
	return c
}

// sized makes c keep at most max entries.
func (c *cache[V]) sized(max int) *cache[V] {
	c.max = max
	return c
}

// get returns key's value when one is fresh, and otherwise the generation
// to hand to put with the value the caller loads.
func (c *cache[V]) get(key string) (v V, ok bool, gen uint64) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, found := c.m[key]
	if !found || now.After(e.exp) {
		return v, false, c.gen
	}
	return e.v, true, c.gen
}

// put keeps v for key unless the cache was cleared since gen.
func (c *cache[V]) put(key string, v V, gen uint64) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if _, replaces := c.m[key]; !replaces && len(c.m) >= c.max {
		for k, e := range c.m {
			if now.After(e.exp) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max { // full of fresh entries: this one goes uncached
			return
		}
	}
	c.m[key] = cached[V]{v: v, exp: now.Add(c.ttl)}
}

// forget drops every cached value, after a change that affects them: at
// once in this process, and in the others that share the store as soon as
// they hear the broadcast.
func (c *cache[V]) forget() {
	if err := c.store.Publish(context.Background(), c.topic); err != nil {
		c.log.Error("broadcast cache invalidation", "topic", c.topic, "err", err)
	}
}

func (c *cache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
}

// memo keeps the answer of the first call of do, for the value it belongs
// to: what every reader of a cached value would compute alike.
type memo struct {
	once sync.Once
	b    []byte
	err  error
}

func (m *memo) do(f func() ([]byte, error)) ([]byte, error) {
	m.once.Do(func() { m.b, m.err = f() })
	return m.b, m.err
}
