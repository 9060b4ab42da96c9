package test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// TestSettingsAcrossProcesses: two servers on one database. A change made
// through one applies to its next request at once (its cache clears on
// commit); the other, which cached the old value, serves it no longer than
// its cache lifetime (2 s of its clock) and then the new one.
func TestSettingsAcrossProcesses(t *testing.T) {
	t.Parallel()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			opt := sharedDatabase(t, eng)
			a, b := boot(t, eng, opt), boot(t, eng, opt)
			acc := a.register(t, "Two Process Spa")
			onA := a.scoped(t, acc.email, acc.password, acc.tenantID)
			onB := b.scoped(t, acc.email, acc.password, acc.tenantID)
			if a.flatConfigs(t, onA).str("branding.primary_color") != "" || b.flatConfigs(t, onB).str("branding.primary_color") != "" {
				t.Fatal("a colour before any was set")
			}
			a.put(t, "/api/v1/configs/branding.primary_color?environment=all", onA, map[string]any{"value": "#112233"}).
				expect(http.StatusOK)
			if got := a.flatConfigs(t, onA).str("branding.primary_color"); got != "#112233" {
				t.Fatalf("server a after its own change: %q", got)
			}
			b.clock.advance(2*time.Second + time.Millisecond)
			if got := b.flatConfigs(t, onB).str("branding.primary_color"); got != "#112233" {
				t.Fatalf("server b after its cache lifetime: %q", got)
			}
			// A plan change is a configuration change: the enterprise plan's
			// white label reaches the tenant on the next request.
			if a.flatConfigs(t, onA).boolean("features.white_label") {
				t.Fatal("white label before enterprise")
			}
			a.onPlan(t, acc.tenantID, "enterprise")
			if !a.flatConfigs(t, onA).boolean("features.white_label") {
				t.Fatal("white label not on at once after the upgrade to enterprise")
			}
		})
	}
}

// sharedDatabase is the options of servers that share one database of
// engine eng, as processes of one installation do.
func sharedDatabase(t *testing.T, eng string) options {
	opt := options{dataDir: t.TempDir()}
	if eng == "postgres" {
		opt.databaseURL = pgtest.NewDatabase(t)
	}
	return opt
}
