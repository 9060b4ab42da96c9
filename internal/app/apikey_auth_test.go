package app

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestKeyUsageDebounce: a key's use is written at most once a minute, and
// concurrent requests claim the write once.
func TestKeyUsageDebounce(t *testing.T) {
	u := newKeyUsage(limit.NewMemory())
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	due := func(key string, now time.Time) bool {
		ok, err := u.due(context.Background(), key, now)
		if err != nil {
			t.Error(err)
		}
		return ok
	}
	if !due("key_a", t0) {
		t.Fatal("first use not written")
	}
	for _, d := range []time.Duration{0, time.Second, 59 * time.Second} {
		if due("key_a", t0.Add(d)) {
			t.Fatalf("use %s after a write written again", d)
		}
	}
	if !due("key_b", t0) {
		t.Fatal("another key waits for the first")
	}
	if !due("key_a", t0.Add(time.Minute)) {
		t.Fatal("use a minute later not written")
	}
	var writes atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if due("key_c", t0) {
				writes.Add(1)
			}
		}()
	}
	wg.Wait()
	if writes.Load() != 1 {
		t.Fatalf("%d concurrent writes, want 1", writes.Load())
	}
}

// TestKeyMay: a key may do what the permission table gives a scope it
// holds, and nothing else, whatever roles the action allows.
func TestKeyMay(t *testing.T) {
	reader := &auth.Principal{APIKeyID: "key_1", TenantID: "ten_1", Scopes: []string{"tenant:read"}}
	cases := []struct {
		p      *auth.Principal
		action membership.Action
		ok     bool
	}{
		{reader, membership.TenantRead, true},
		{reader, membership.TemplatesRead, true},
		{reader, membership.TenantUpdate, false},
		{reader, membership.APIKeyCreate, false},
		{reader, membership.TenantDeactivate, false},
		{reader, membership.Action("no.such.action"), false},
		{&auth.Principal{APIKeyID: "key_2", Scopes: nil}, membership.TenantRead, false},
	}
	for _, c := range cases {
		err := keyMay(c.p, c.action)
		if (err == nil) != c.ok || (err != nil && (!errs.Is(err, errs.Forbidden) || errs.CodeOf(err) != "insufficient_scope")) {
			t.Errorf("key %v on %s: %v, want allowed=%v", c.p.Scopes, c.action, err, c.ok)
		}
	}
}
