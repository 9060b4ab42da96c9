package test

import (
	"net/http"
	"testing"
	"time"
)

// TestConfigLockoutThreshold: auth.lockout_threshold of the tenant a login
// names decides after how many failures the account is throttled (429
// login_throttled even with the right password), when lower than the
// platform's; logins naming no tenant,
// or a tenant that does not exist, get the platform's (default 5, a
// platform GLOBAL value when one is set); the server's clock releases the
// lock.
func TestConfigLockoutThreshold(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		strict, owner := h.keyOwner(t, "Strict Lockout Spa")
		lax := h.register(t, "Default Lockout Spa")
		h.put(t, "/api/v1/configs/auth.lockout_threshold", owner, map[string]any{"value": 3}).expect(http.StatusOK)
		login := func(email, password, tenantID string) *response {
			body := map[string]any{"email": email, "password": password}
			if tenantID != "" {
				body["tenant_id"] = tenantID
			}
			return h.post(t, "/api/v1/auth/login", "", body)
		}
		const wrong = "Wrong-Passw0rd"

		// the strict tenant locks after three failures
		for range 3 {
			login(strict.email, wrong, strict.tenantID).problem(http.StatusUnauthorized, "invalid_credentials")
		}
		r := login(strict.email, strict.password, strict.tenantID)
		r.problem(http.StatusTooManyRequests, "login_throttled")
		if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
			t.Errorf("Retry-After %q, want a positive number of seconds", ra)
		}
		// the account is locked, whatever tenant the next attempt names
		login(strict.email, strict.password, "").problem(http.StatusTooManyRequests, "login_throttled")
		// the lock (1 s) ends on the server's clock
		h.clock.advance(2 * time.Second)
		if o := h.loginBody(t, strict.email, strict.password, strict.tenantID); !o.has("access_token") {
			t.Errorf("after the lock: %s", o)
		}

		// elsewhere the default, 5: three failures do not lock
		for range 3 {
			login(lax.email, wrong, lax.tenantID).problem(http.StatusUnauthorized, "invalid_credentials")
		}
		h.loginBody(t, lax.email, lax.password, lax.tenantID) // a success clears the count
		for range 5 {
			login(lax.email, wrong, lax.tenantID).problem(http.StatusUnauthorized, "invalid_credentials")
		}
		login(lax.email, lax.password, lax.tenantID).problem(http.StatusTooManyRequests, "login_throttled")

		// past the address's span (its 20 failures), a fresh start: a
		// tenant that does not exist gets the platform's 5
		h.clock.advance(16 * time.Minute)
		for range 4 {
			login("ghost@nowhere.example.com", wrong, "ten_nothing").problem(http.StatusUnauthorized, "invalid_credentials")
		}
		// a platform GLOBAL value applies to logins naming no tenant
		h.adminConfig(t, "auth.lockout_threshold", map[string]any{"value": 4, "scope": "GLOBAL"})
		for range 4 {
			login("ghost2@nowhere.example.com", wrong, "").problem(http.StatusUnauthorized, "invalid_credentials")
		}
		login("ghost2@nowhere.example.com", wrong, "").problem(http.StatusTooManyRequests, "login_throttled")

		// a tenant may make the lockout stricter, never looser: naming a
		// tenant set to 100 buys no extra guesses at an account
		laxOwner := h.scoped(t, lax.email, lax.password, lax.tenantID)
		h.put(t, "/api/v1/configs/auth.lockout_threshold", laxOwner, map[string]any{"value": 100}).expect(http.StatusOK)
		for range 4 {
			login(strict.email, wrong, lax.tenantID).problem(http.StatusUnauthorized, "invalid_credentials")
		}
		login(strict.email, strict.password, lax.tenantID).problem(http.StatusTooManyRequests, "login_throttled")
	})
}
