package test

import (
	"net/http"
	"testing"
	"time"
)

// TestConfigRateLimitPerUser: security.rate_limit_per_user limits each
// caller acting in the tenant (tenant-scoped tokens, API keys) to that many
// requests a minute from the next request on; other tenants' users and
// global tokens keep the server's rate; the bucket refills on the server's
// clock; a platform GLOBAL locked value applies to every tenant and refuses
// the tenant's own change.
func TestConfigRateLimitPerUser(t *testing.T) {
	t.Parallel()
	const key = "/api/v1/configs/security.rate_limit_per_user"
	forEachEngine(t, options{rateLimit: 10000}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Rate Limited Spa")
		_, otherTok := h.keyOwner(t, "Unlimited Rate Spa")
		apiKey := h.createKey(t, owner, "rate", "prod", "config:read").str("key")
		global := h.token(t, acc.email, acc.password)
		h.put(t, key, owner, map[string]any{"value": 3}).expect(http.StatusOK)

		// three requests a minute, from the next request on
		for i := range 3 {
			if got := h.flatConfigs(t, owner).num("security.rate_limit_per_user"); got != 3 {
				t.Fatalf("request %d: value %v, want 3", i+1, got)
			}
		}
		r := h.get(t, "/api/v1/configs?format=flat", owner)
		r.problem(http.StatusTooManyRequests, "rate_limited")
		if ra := r.header.Get("Retry-After"); ra != "20" {
			t.Errorf("Retry-After %q, want 20 (a minute for three requests)", ra)
		}
		// an API key of the tenant has a bucket of its own, at the same rate
		for range 3 {
			h.withKey(t, http.MethodGet, "/api/v1/configs?format=flat", apiKey, nil).expect(http.StatusOK)
		}
		h.withKey(t, http.MethodGet, "/api/v1/configs?format=flat", apiKey, nil).
			problem(http.StatusTooManyRequests, "rate_limited")
		// another tenant's user and the same user's global token are not limited
		for range 6 {
			h.flatConfigs(t, otherTok)
			h.get(t, "/api/v1/me", global).expect(http.StatusOK)
		}
		// a minute later, the bucket is full again
		h.clock.advance(time.Minute)
		for range 3 {
			h.flatConfigs(t, owner)
		}
		h.get(t, "/api/v1/configs?format=flat", owner).problem(http.StatusTooManyRequests, "rate_limited")

		// a platform GLOBAL locked value: every tenant gets it; the tenant may not change it
		h.adminConfig(t, "security.rate_limit_per_user", map[string]any{"value": 2, "scope": "GLOBAL", "is_locked": true})
		h.clock.advance(time.Minute)
		h.put(t, key, owner, map[string]any{"value": 50}).problem(http.StatusForbidden, "config_locked")
		for range 2 {
			if got := h.flatConfigs(t, otherTok).num("security.rate_limit_per_user"); got != 2 {
				t.Fatalf("the other tenant reads %v, want the locked 2", got)
			}
		}
		h.get(t, "/api/v1/configs?format=flat", otherTok).problem(http.StatusTooManyRequests, "rate_limited")
		h.flatConfigs(t, owner) // the refused PUT took one of the owner's two
		h.get(t, "/api/v1/configs?format=flat", owner).problem(http.StatusTooManyRequests, "rate_limited")
		// global tokens keep the server's rate
		for range 6 {
			h.get(t, "/api/v1/me", global).expect(http.StatusOK)
		}
	})
}
