package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/limit"
)

// TestCacheBounds: a sized cache keeps at most its size; when full it
// first drops expired entries, and while every entry is fresh it leaves a
// new one uncached rather than growing. A replaced key does not count.
func TestCacheBounds(t *testing.T) {
	now := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c := newCache[int]("t", time.Second, clock, limit.NewMemory(), slog.New(slog.NewTextHandler(io.Discard, nil))).sized(2)
	put := func(k string, v int) { _, _, gen := c.get(k); c.put(k, v, gen) }
	has := func(k string) bool { _, ok, _ := c.get(k); return ok }
	put("a", 1)
	put("b", 2)
	put("c", 3) // full of fresh entries
	if !has("a") || !has("b") || has("c") {
		t.Fatalf("full cache: a %v b %v c %v, want a and b kept, c uncached", has("a"), has("b"), has("c"))
	}
	put("a", 10) // a replacement fits
	if v, _, _ := c.get("a"); v != 10 {
		t.Fatalf("a = %d after its replacement, want 10", v)
	}
	now = now.Add(2 * time.Second) // a and b expire
	put("c", 3)
	if !has("c") || len(c.m) != 1 {
		t.Fatalf("after expiry: c kept %v, %d entries, want c alone", has("c"), len(c.m))
	}
}

// TestCacheTopics: a broadcast of the cache's topic, or of one it also
// listens to, clears it, and a value loaded while one went by is dropped.
func TestCacheTopics(t *testing.T) {
	now := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	s := limit.NewMemory()
	c := newCache[int]("tenants", time.Minute, func() time.Time { return now }, s, slog.New(slog.NewTextHandler(io.Discard, nil))).
		alsoOn("config")
	for _, topic := range []string{"tenants", "config"} {
		_, _, gen := c.get("k")
		c.put("k", 1, gen)
		if err := s.Publish(context.Background(), topic); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := c.get("k"); ok {
			t.Errorf("a broadcast of %s left the entry", topic)
		}
	}
	_, _, gen := c.get("k")
	if err := s.Publish(context.Background(), "tenants"); err != nil { // while "k" loads
		t.Fatal(err)
	}
	c.put("k", 1, gen)
	if _, ok, _ := c.get("k"); ok {
		t.Error("a value loaded across a broadcast was kept")
	}
}

// TestMemo: the encoding of a cached value is computed by its first reader
// only.
func TestMemo(t *testing.T) {
	var m memo
	calls := 0
	for range 3 {
		b, err := m.do(func() ([]byte, error) { calls++; return []byte("x"), nil })
		if err != nil || string(b) != "x" {
			t.Fatalf("do = %q, %v", b, err)
		}
	}
	if calls != 1 {
		t.Fatalf("encoded %d times, want 1", calls)
	}
}
