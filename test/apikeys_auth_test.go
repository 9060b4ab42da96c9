package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/apikey"
)

// TestAPIKeyAuthentication: X-API-Key authenticates a machine client as its
// tenant and environment, with its scopes and nothing more.
func TestAPIKeyAuthentication(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Machine Shop")
		other := h.register(t, "Other Shop")
		key := h.createKey(t, owner, "Reader", "prod")
		secret := key.str("key")

		me := h.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).expect(http.StatusOK).obj()
		me.eq("access_level", "client")
		me.eq("id", acc.tenantID)
		me.eq("slug", acc.slug)
		me.eq("name", "Machine Shop")
		me.eq("environment", "prod")
		me.eq("email", "contact@machine-shop.example.com")
		me.sub("client_config").eq("tenant_id", acc.tenantID)
		if me.has("tenant") {
			t.Errorf("a key sees the full tenant document: %s", me)
		}

		h.withKey(t, "GET", "/api/v1/tenants/"+acc.tenantID, secret, nil).expect(http.StatusOK).obj().eq("id", acc.tenantID)
		h.withKey(t, "GET", "/api/v1/tenants/"+acc.tenantID+"/staff-position-templates", secret, nil).expect(http.StatusOK)
		h.withKey(t, "GET", "/api/v1/tenants/"+other.tenantID, secret, nil).problem(http.StatusNotFound, "tenant_not_found")
		h.withKey(t, "PUT", "/api/v1/tenants/"+acc.tenantID, secret, map[string]any{"name": "Hijacked"}).
			problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "GET", "/api/v1/tenants/"+acc.tenantID+"/auth-config", secret, nil).problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "GET", "/api/v1/api-keys", secret, nil).problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "POST", "/api/v1/api-keys", secret, map[string]any{"name": "child", "environment": "prod"}).
			problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "GET", "/api/v1/audit-logs", secret, nil).problem(http.StatusForbidden, "insufficient_scope")
		for _, path := range []string{"/api/v1/me", "/api/v1/me/tenants", "/api/v1/tenants"} {
			h.withKey(t, "GET", path, secret, nil).problem(http.StatusForbidden, "user_token_required")
		}
		h.withKey(t, "POST", "/api/v1/auth/logout", secret, nil).problem(http.StatusForbidden, "user_token_required")
		h.withKey(t, "POST", "/api/v1/me/password/stamp", secret, nil).problem(http.StatusForbidden, "user_token_required")
		if got := h.get(t, "/api/v1/tenants/"+acc.tenantID, owner).expect(http.StatusOK).obj().str("name"); got != "Machine Shop" {
			t.Fatalf("tenant renamed to %q", got)
		}

		// Both kinds of credentials at once, and bad keys.
		h.do(t, "GET", "/api/v1/tenants/me", req{token: owner, header: map[string]string{"X-API-Key": secret}}).
			problem(http.StatusBadRequest, "ambiguous_credentials")
		forged := secret[:20] + strings.Repeat("A", len(secret)-20)
		unknown, err := apikey.NewSecret("prod") // well formed, never issued
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"nonsense", forged, "tnt_live_" + strings.Repeat("0", 49), secret + "x", unknown} {
			h.withKey(t, "GET", "/api/v1/tenants/me", bad, nil).problem(http.StatusUnauthorized, "invalid_api_key")
		}

		// Scopes other than tenant:read do not read the tenant; the
		// environment is the key's.
		staging := h.createKey(t, owner, "Outlet sync", "staging", "outlets:read")
		h.withKey(t, "GET", "/api/v1/tenants/me", staging.str("key"), nil).problem(http.StatusForbidden, "insufficient_scope")
		dev := h.createKey(t, owner, "Dev", "staging")
		h.withKey(t, "GET", "/api/v1/tenants/me", dev.str("key"), nil).expect(http.StatusOK).obj().eq("environment", "staging")

		// The key's use is recorded.
		if h.listedKey(t, owner, key.str("id")).str("last_used_at") == "" {
			t.Error("last_used_at not recorded after use")
		}

		// A tenant that is not active refuses its keys.
		h.del(t, "/api/v1/tenants/"+acc.tenantID, h.admin(t)).expect(http.StatusNoContent)
		h.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).problem(http.StatusForbidden, "tenant_inactive")
		h.post(t, "/api/v1/tenants/"+acc.tenantID+"/reactivate", h.admin(t), nil).expect(http.StatusOK)
		h.withKey(t, "GET", "/api/v1/tenants/me", secret, nil).expect(http.StatusOK)
	})
}

// TestTenantsMeWithTokens: GET /tenants/me also answers a tenant-scoped user
// token (at the level its role allows) and needs one or a key.
func TestTenantsMeWithTokens(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Token Shop")
		o := h.get(t, "/api/v1/tenants/me", owner).expect(http.StatusOK).obj()
		o.eq("access_level", "admin")
		o.sub("tenant").eq("status", "active")
		viewer := h.member(t, acc.tenantID, "viewer@token-shop.example.com", "viewer")
		v := h.get(t, "/api/v1/tenants/me", viewer).expect(http.StatusOK).obj()
		v.eq("access_level", "client")
		if v.has("tenant") {
			t.Errorf("a viewer sees the admin level: %s", v)
		}
		h.get(t, "/api/v1/tenants/me", h.token(t, acc.email, acc.password)).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		h.get(t, "/api/v1/tenants/me", "").problem(http.StatusUnauthorized, "missing_token")
	})
}

// TestAPIKeyRateLimits: failed key guesses spend the client address's
// public allowance; each valid key has a bucket of its own.
func TestAPIKeyRateLimits(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{rateLimit: 10}, func(t *testing.T, h *harness) {
		_, owner := h.keyOwner(t, "Limited Keys")
		first := h.createKey(t, owner, "first", "prod").str("key")
		second := h.createKey(t, owner, "second", "prod").str("key")

		guesses := 0
		for guesses < 30 {
			guesses++
			r := h.withKey(t, "GET", "/api/v1/tenants/me", "tnt_live_guess"+strings.Repeat("x", guesses), nil)
			if r.status == http.StatusTooManyRequests {
				r.problem(http.StatusTooManyRequests, "rate_limited")
				break
			}
			r.problem(http.StatusUnauthorized, "invalid_api_key")
		}
		if guesses == 30 {
			t.Fatal("no 429 within 30 bad keys")
		}
		// Per key: 10/s with a burst of 20.
		limited := false
		for i := 0; i < 200 && !limited; i++ {
			r := h.withKey(t, "GET", "/api/v1/tenants/me", first, nil)
			switch r.status {
			case http.StatusOK:
			case http.StatusTooManyRequests:
				r.problem(http.StatusTooManyRequests, "rate_limited")
				limited = true
			default:
				t.Fatalf("key request: %d %s", r.status, r.body)
			}
		}
		if !limited {
			t.Fatal("no 429 within 200 quick requests of one key")
		}
		h.withKey(t, "GET", "/api/v1/tenants/me", second, nil).expect(http.StatusOK)
	})
}
