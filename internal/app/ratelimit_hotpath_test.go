package app

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/tenant"
)

// TestSettingsHitReadsNoDatabase: the per-request read of a tenant's
// security.rate_limit_per_user (the HTTP layer's allowCaller, through
// Settings) and the platform's auth.lockout_threshold is a cache hit once
// loaded: with the database closed it still answers, while a key not yet
// loaded fails. So the rate limit adds no query to a request.
func TestSettingsHitReadsNoDatabase(t *testing.T) {
	ctx := context.Background()
	db := testDB(t)
	a := startApp(t, db, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{LoginMaxFail: 7})
	first, err := a.Settings(ctx, tenant.PublicID, "")
	if err != nil {
		t.Fatal(err)
	}
	if n := first.Int(setting.LockoutThreshold); n != 7 {
		t.Fatalf("lockout threshold %d, want the installation's 7", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		s, err := a.Settings(ctx, tenant.PublicID, "prod")
		if err != nil {
			t.Fatalf("a cached read touched the closed database: %v", err)
		}
		if s.Int(setting.RateLimitPerUser) != 0 || s.Int(setting.LockoutThreshold) != 7 {
			t.Fatalf("cached values changed: %v", s)
		}
		if n, err := a.lockoutThreshold(ctx, ""); err != nil || n != 7 {
			t.Fatalf("the platform's threshold: %d, %v", n, err)
		}
	}
	if _, err := a.Settings(ctx, tenant.PublicID, "staging"); err == nil {
		t.Fatal("a read not cached answered without the database: the test proves nothing")
	}
}
