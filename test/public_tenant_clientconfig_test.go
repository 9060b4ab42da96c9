package test

import (
	"net/http"
	"slices"
	"testing"
)

// TestClientConfigFollowsAuthConfig: the public client configuration says
// which login methods a front end should offer, straight from the tenant's
// effective authentication configuration, and never a provider's secret or
// client id.
func TestClientConfigFollowsAuthConfig(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Front End Spa")
		path := "/api/v1/public/tenants/" + acc.slug + "/client-config"

		c := h.get(t, path, "").expect(http.StatusOK).obj()
		c.eq("tenant_id", acc.tenantID)
		c.eq("name", "Front End Spa")
		c.eq("slug", acc.slug)
		m := c.sub("login_methods")
		tp := m.sub("third_party")
		if !m.boolean("email_password") || !m.boolean("passwordless") || tp.boolean("enabled") || len(tp.objs("providers")) != 0 ||
			!slices.Equal(c.strs("first_factors"), []string{"emailpassword", "otp-email"}) ||
			len(c.strs("required_secondary_factors")) != 0 || len(c.sub("publishable_keys").m) != 0 {
			t.Fatalf("defaults: %s", c)
		}
		if byID := h.get(t, "/api/v1/public/tenants/"+acc.tenantID+"/client-config", "").expect(http.StatusOK).obj(); byID.String() != c.String() {
			t.Errorf("by id %s, by slug %s", byID, c)
		}

		h.authConfig(t, owner, acc.tenantID, map[string]any{"passwordless_enabled": false, "third_party_enabled": true,
			"providers": []any{map[string]any{"id": "google", "name": "Google", "client_id": "google-client-id-123",
				"client_secret": "Very-Secret-Value-9"}},
			"first_factors": []string{"emailpassword", "thirdparty"}, "required_secondary_factors": []string{"totp"}})
		r := h.get(t, path, "").expect(http.StatusOK)
		noLeak(t, string(r.body), "google-client-id-123", "Very-Secret-Value-9")
		c = r.obj()
		m = c.sub("login_methods")
		tp = m.sub("third_party")
		providers := tp.objs("providers")
		if !m.boolean("email_password") || m.boolean("passwordless") || !tp.boolean("enabled") || len(providers) != 1 ||
			providers[0].str("id") != "google" || providers[0].str("name") != "Google" ||
			!slices.Equal(c.strs("first_factors"), []string{"emailpassword", "thirdparty"}) ||
			!slices.Equal(c.strs("required_secondary_factors"), []string{"totp"}) {
			t.Fatalf("after the change: %s", c)
		}

		// A key's view carries the same client configuration; the platform
		// default (the public tenant's) shows through fields the tenant
		// never set.
		key := h.createKey(t, owner, "Front end", "prod").str("key")
		me := h.withKey(t, "GET", "/api/v1/tenants/me", key, nil).expect(http.StatusOK).obj()
		if me.sub("client_config").String() != c.String() {
			t.Errorf("key view client_config %s, want %s", me.sub("client_config"), c)
		}
		h.authConfig(t, h.admin(t), "public", map[string]any{"email_password_enabled": false, "passwordless_enabled": true,
			"first_factors": []string{"otp-email"}})
		c = h.get(t, path, "").expect(http.StatusOK).obj()
		if m := c.sub("login_methods"); m.boolean("email_password") || m.boolean("passwordless") {
			t.Errorf("tenant's own first factors with the platform's methods: %s", c)
		}
		pub := h.get(t, "/api/v1/public/tenants/public/client-config", "").expect(http.StatusOK).obj()
		if m := pub.sub("login_methods"); m.boolean("email_password") || !m.boolean("passwordless") ||
			!slices.Equal(pub.strs("first_factors"), []string{"otp-email"}) {
			t.Errorf("platform client config: %s", pub)
		}
		h.get(t, "/api/v1/public/tenants/nobody-here/client-config", "").problem(http.StatusNotFound, "tenant_not_found")
	})
}
