package test

import (
	"net/http"
	"slices"
	"testing"
)

// TestAuthConfigIsConfiguration: the supertokens auth-config, its
// core_config and /configs read and write the same keys — one source of
// truth — with the same rules (locks, nobody-could-log-in), and logins
// obey what either wrote.
func TestAuthConfigIsConfiguration(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Single Source Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		path := "/api/v1/tenants/" + acc.tenantID + "/auth-config"

		// Written through the auth-config, read through /configs.
		h.authConfig(t, owner, acc.tenantID, map[string]any{"passwordless_enabled": false,
			"core_config": map[string]any{"access_token_validity": 3600}})
		flat := h.flatConfigs(t, owner)
		if flat.boolean("auth.passwordless_enabled") || flat.str("auth.access_token_validity") != "1h0m0s" {
			t.Fatalf("/configs after the auth-config PUT: %s", flat)
		}
		if e := h.configEntry(t, owner, "auth.access_token_validity"); !e.boolean("mod") || e.boolean("is_locked") {
			t.Fatalf("tree entry: %s", e)
		}
		// The login obeys: its access token lives an hour.
		if got := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password,
			"tenant_id": acc.tenantID}).expect(http.StatusOK).obj().num("expires_in"); got != 3600 {
			t.Fatalf("expires_in %v after core_config access_token_validity 3600", got)
		}

		// Written through /configs, read through the auth-config.
		h.put(t, "/api/v1/configs/auth.refresh_token_validity", owner, map[string]any{"value": "48h"}).expect(http.StatusOK)
		h.put(t, "/api/v1/configs/auth.required_secondary_factors", owner, map[string]any{"value": []string{"totp"}}).
			expect(http.StatusOK)
		o := h.get(t, path, owner).expect(http.StatusOK).obj()
		if o.sub("core_config").num("refresh_token_validity") != 172800 ||
			!slices.Equal(o.strs("required_secondary_factors"), []string{"totp"}) {
			t.Fatalf("auth-config after /configs PUTs: %s", o)
		}
		want := []string{"passwordless_enabled", "required_secondary_factors", "core_config.access_token_validity",
			"core_config.refresh_token_validity"}
		if got := o.strs("overrides"); !slices.Equal(got, want) {
			t.Fatalf("overrides %v, want %v", got, want)
		}
		// DELETE returns a key to what it inherits, in both views.
		h.del(t, "/api/v1/configs/auth.required_secondary_factors", owner).expect(http.StatusNoContent)
		if o := h.get(t, path, owner).expect(http.StatusOK).obj(); len(o.strs("required_secondary_factors")) != 0 {
			t.Fatalf("after DELETE: %s", o)
		}

		// The rule that someone must be able to log in holds on /configs too.
		p := h.put(t, "/api/v1/configs/auth.email_password_enabled", owner, map[string]any{"value": false}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if p.fieldError("first_factors").str("code") != "no_login_method" {
			t.Fatalf("both methods off through /configs: %s", p)
		}
		h.put(t, "/api/v1/configs/auth.refresh_token_validity", owner, map[string]any{"value": "30m"}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/configs/auth.access_token_validity", owner, map[string]any{"value": "10s"}).
			problem(http.StatusUnprocessableEntity, "validation_failed")

		// A platform lock holds on the auth-config as on /configs.
		h.adminConfig(t, "auth.access_token_validity", map[string]any{"value": "15m", "scope": "GLOBAL", "is_locked": true})
		h.put(t, path, owner, map[string]any{"core_config": map[string]any{"access_token_validity": 900}}).
			problem(http.StatusForbidden, "config_locked")
		if o := h.get(t, path, owner).expect(http.StatusOK).obj(); o.sub("core_config").num("access_token_validity") != 900 {
			t.Fatalf("locked global value does not apply: %s", o)
		}
		other := h.register(t, "Other Source Spa")
		if got := h.login(t, other.email, other.password).num("expires_in"); got != 900 {
			t.Fatalf("global locked lifetime: expires_in %v, want 900", got)
		}
	})
}
