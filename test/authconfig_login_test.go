package test

import (
	"net/http"
	"slices"
	"testing"
	"time"
)

// TestLoginHonoursMethods: a tenant that turns email and password off (or
// leaves it out of its first factors) refuses password logins naming it and
// tenant selection by password sessions, with login_method_disabled; global
// logins follow the public tenant's configuration.
func TestLoginHonoursMethods(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Methods Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		login := map[string]any{"email": acc.email, "password": acc.password, "tenant_id": acc.tenantID}

		h.authConfig(t, owner, acc.tenantID, map[string]any{"email_password_enabled": false})
		h.post(t, "/api/v1/auth/login", "", login).problem(http.StatusForbidden, "login_method_disabled")
		global := h.login(t, acc.email, acc.password) // the public tenant still allows it
		if got := amr(t, global.str("access_token")); !slices.Equal(got, []string{"pwd"}) {
			t.Fatalf("amr of a password login: %v", got)
		}
		h.post(t, "/api/v1/auth/select-tenant", global.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).
			problem(http.StatusForbidden, "login_method_disabled")
		// Refreshing the global session keeps its amr.
		ref := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": global.str("refresh_token")}).expect(http.StatusOK).obj()
		if got := amr(t, ref.str("access_token")); !slices.Equal(got, []string{"pwd"}) {
			t.Fatalf("amr after refresh: %v", got)
		}

		// Switched on, but not among the first factors: still refused.
		h.authConfig(t, h.admin(t), acc.tenantID, map[string]any{"email_password_enabled": true, "first_factors": []string{"otp-email"}})
		h.post(t, "/api/v1/auth/login", "", login).problem(http.StatusForbidden, "login_method_disabled")
		h.authConfig(t, h.admin(t), acc.tenantID, map[string]any{"first_factors": []string{"otp-email", "emailpassword"}})
		h.post(t, "/api/v1/auth/login", "", login).expect(http.StatusOK)
		h.post(t, "/api/v1/auth/select-tenant", global.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).expect(http.StatusOK)

		actions, _ := h.auditActions(t, acc.tenantID)
		if actions["auth.login:failure"] != 2 {
			t.Errorf("refused logins audited %d times, want 2: %v", actions["auth.login:failure"], actions)
		}

		// The public tenant's configuration is the platform default: off there,
		// password logins without a tenant are refused, and tenants inherit it
		// unless they set the field themselves.
		other := h.register(t, "Inheriting Spa")
		h.authConfig(t, h.admin(t), "public", map[string]any{"email_password_enabled": false})
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": other.email, "password": other.password}).
			problem(http.StatusForbidden, "login_method_disabled")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": other.email, "password": other.password, "tenant_id": other.tenantID}).
			problem(http.StatusForbidden, "login_method_disabled")
		h.authConfig(t, h.admin(t), other.tenantID, map[string]any{"email_password_enabled": true})
		h.loginBody(t, other.email, other.password, other.tenantID)
		h.authConfig(t, h.admin(t), "public", map[string]any{"email_password_enabled": true})
		h.login(t, other.email, other.password)
	})
}

// TestTokenLifetimesFollowCoreConfig: scoped sessions get the tenant's
// access and refresh validities (expires_in, exp, the stored refresh
// expiry); global sessions keep the platform's.
func TestTokenLifetimesFollowCoreConfig(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Lifetime Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		h.authConfig(t, owner, acc.tenantID, map[string]any{"core_config": map[string]any{"access_token_validity": 600, "refresh_token_validity": 7200}})

		lifetime := func(tok string) float64 {
			c := claims(t, tok)
			return c.num("exp") - c.num("iat")
		}
		s := h.loginBody(t, acc.email, acc.password, acc.tenantID)
		if s.num("expires_in") != 600 || lifetime(s.str("access_token")) != 600 {
			t.Fatalf("scoped login: expires_in %v, token lifetime %v, want 600", s.num("expires_in"), lifetime(s.str("access_token")))
		}
		r := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s.str("refresh_token")}).expect(http.StatusOK).obj()
		if r.num("expires_in") != 600 || lifetime(r.str("access_token")) != 600 {
			t.Fatalf("scoped refresh: %s", r)
		}
		var created, expires string
		row := h.rawDB(t).QueryRow(`SELECT r.created_at, r.expires_at FROM refresh_tokens r JOIN users u ON u.id = r.user_id
			WHERE u.email = '` + acc.email + `' AND r.tenant_id = '` + acc.tenantID + `' ORDER BY r.id DESC LIMIT 1`)
		if err := row.Scan(&created, &expires); err != nil {
			t.Fatal(err)
		}
		if d := parseTime(t, expires).Sub(parseTime(t, created)); d != 2*time.Hour {
			t.Fatalf("scoped refresh token lives %v, want 2h", d)
		}
		g := h.login(t, acc.email, acc.password)
		if g.num("expires_in") != 1800 || lifetime(g.str("access_token")) != 1800 {
			t.Fatalf("global login: %s", g)
		}
		sel := h.post(t, "/api/v1/auth/select-tenant", g.str("access_token"), map[string]any{"tenant_id": acc.tenantID}).expect(http.StatusOK).obj()
		if sel.num("expires_in") != 600 || lifetime(sel.str("access_token")) != 600 {
			t.Fatalf("select-tenant: %s", sel)
		}
	})
}

// parseTime reads a timestamp as either engine returns it through database/sql.
func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999-07", "2006-01-02 15:04:05.999999Z07:00"} {
		if v, err := time.Parse(layout, s); err == nil {
			return v
		}
	}
	t.Fatalf("cannot parse time %q", s)
	return time.Time{}
}
