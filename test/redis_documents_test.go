package test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/redistest"
)

// TestRedisSharedDocuments: the tenant document, the tenant as its API
// keys see it and pages of outlets are cached for a moment by each
// process; a change made through one process reaches the other's next
// requests through the commit's broadcast, long before the cache's 2 s of
// the shared clock run out.
func TestRedisSharedDocuments(t *testing.T) {
	t.Parallel()
	opt := options{redisURL: redistest.URL(t), redisPfx: redistest.Prefix(t), databaseURL: pgtest.NewDatabase(t),
		dataDir: t.TempDir(), redisWait: 10 * time.Second, clock: newTestClock()}
	a, b := boot(t, "postgres", opt), boot(t, "postgres", opt)
	acc, onA := a.keyOwner(t, "Cached Spa")
	onB := b.scoped(t, acc.email, acc.password, acc.tenantID)
	secret := a.createKey(t, onA, "ci", "prod").str("key")
	tenantPath := "/api/v1/tenants/" + acc.tenantID
	// b caches all three.
	b.get(t, tenantPath, onB).expect(http.StatusOK).obj().eq("description", "Luxury spa and wellness center")
	b.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).expect(http.StatusOK).obj().eq("description", "Luxury spa and wellness center")
	if n := b.get(t, "/api/v1/outlets", onB).expect(http.StatusOK).header.Get("X-Total-Count"); n != "0" {
		t.Fatalf("outlets before any: %s", n)
	}
	a.put(t, tenantPath, onA, map[string]any{"description": "Changed on a"}).expect(http.StatusOK)
	outletID := a.createOutlet(t, onA, "Downtown", "Jakarta")

	// Each request moves the shared clock a millisecond: 200 of them stay
	// far inside the caches' 2 s, so the new answers are the broadcast's.
	until := func(what string, fresh func() bool) {
		t.Helper()
		start := time.Now()
		for i := 0; !fresh(); i++ {
			if i == 200 {
				t.Fatalf("b still serves the old %s %s after the change on a", what, time.Since(start))
			}
		}
		t.Logf("b serves the new %s %s after the change on a", what, time.Since(start).Round(time.Microsecond))
	}
	until("tenant document", func() bool {
		return b.get(t, tenantPath, onB).expect(http.StatusOK).obj().str("description") == "Changed on a"
	})
	until("tenant of the API key", func() bool {
		return b.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).expect(http.StatusOK).obj().str("description") == "Changed on a"
	})
	until("page of outlets", func() bool {
		list := b.get(t, "/api/v1/outlets", onB).expect(http.StatusOK).list()
		return len(list) == 1 && list[0].str("id") == outletID
	})
}
