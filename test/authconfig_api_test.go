package test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestAuthConfigInheritance: a tenant's configuration starts as the
// platform default (the public tenant's), PUT creates then updates it
// field by field, and fields it never set keep following the public tenant.
func TestAuthConfigInheritance(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Config Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		path := "/api/v1/tenants/" + acc.tenantID + "/auth-config"

		o := h.get(t, path, owner).expect(http.StatusOK).obj()
		o.eq("status", "OK")
		o.eq("tenant_id", acc.tenantID)
		if o.has("created_new") || !o.sub("email_password").boolean("enabled") || !o.sub("passwordless").boolean("enabled") ||
			o.sub("third_party").boolean("enabled") || len(o.sub("third_party").objs("providers")) != 0 ||
			!slices.Equal(o.strs("first_factors"), []string{"emailpassword", "otp-email"}) ||
			len(o.strs("required_secondary_factors")) != 0 || len(o.strs("overrides")) != 0 {
			t.Fatalf("defaults: %s", o)
		}
		if c := o.sub("core_config"); c.num("access_token_validity") != 1800 || c.num("refresh_token_validity") != 2592000 {
			t.Fatalf("default core_config: %s", c)
		}

		// The platform default changes: the tenant follows.
		pub := h.authConfig(t, h.admin(t), "public", map[string]any{"core_config": map[string]any{"access_token_validity": 600}})
		if !pub.boolean("created_new") || pub.sub("core_config").num("access_token_validity") != 600 {
			t.Fatalf("public config: %s", pub)
		}
		o = h.get(t, path, owner).expect(http.StatusOK).obj()
		if o.sub("core_config").num("access_token_validity") != 600 || len(o.strs("overrides")) != 0 {
			t.Fatalf("inherited from public: %s", o)
		}

		// The tenant's own fields win; a second PUT updates, keeping the first's fields.
		o = h.authConfig(t, owner, acc.tenantID, map[string]any{"tenant_id": acc.tenantID, "passwordless_enabled": false,
			"core_config": map[string]any{"access_token_validity": 3600, "refresh_token_validity": 86400}})
		if !o.boolean("created_new") || o.sub("passwordless").boolean("enabled") || o.sub("core_config").num("access_token_validity") != 3600 {
			t.Fatalf("first PUT: %s", o)
		}
		o = h.authConfig(t, owner, acc.tenantID, map[string]any{"third_party_enabled": true,
			"providers": []any{map[string]any{"id": "google", "name": "Google", "client_id": "google-client", "client_secret": "Sup3r-Secret-Value"}}})
		if o.boolean("created_new") || o.sub("passwordless").boolean("enabled") || o.sub("core_config").num("access_token_validity") != 3600 {
			t.Fatalf("second PUT lost the first's fields: %s", o)
		}
		tp := o.sub("third_party")
		if p := tp.objs("providers"); !tp.boolean("enabled") || len(p) != 1 || p[0].str("client_id") != "google-client" || !p[0].boolean("client_secret_set") {
			t.Fatalf("providers: %s", tp)
		}
		wantOverrides := []string{"passwordless_enabled", "third_party_enabled", "providers",
			"core_config.access_token_validity", "core_config.refresh_token_validity"}
		if got := o.strs("overrides"); !slices.Equal(got, wantOverrides) {
			t.Fatalf("overrides %v, want %v", got, wantOverrides)
		}
		// Given again without its secret, the provider keeps it.
		o = h.authConfig(t, owner, acc.tenantID, map[string]any{
			"providers": []any{map[string]any{"id": "google", "name": "Google Workspace", "client_id": "google-client"}}})
		if p := o.sub("third_party").objs("providers")[0]; !p.boolean("client_secret_set") || p.str("name") != "Google Workspace" {
			t.Fatalf("provider after an update without its secret: %s", p)
		}
		// A fresh GET says the same as the last PUT (less created_new).
		g := h.get(t, path, owner).expect(http.StatusOK).obj()
		delete(o.m, "created_new")
		if g.String() != o.String() {
			t.Fatalf("GET %s\ndiffers from PUT %s", g, o)
		}

		// The client secret is stored sealed and never shown or audited.
		noLeak(t, g.String(), "Sup3r-Secret-Value")
		actions, body := h.auditActions(t, acc.tenantID)
		noLeak(t, body, "Sup3r-Secret-Value")
		if actions["auth_config.update:success"] != 3 {
			t.Errorf("auth_config.update events: %v", actions)
		}
		var stored string
		if err := h.rawDB(t).QueryRow(`SELECT providers FROM auth_configs WHERE tenant_id = '` + acc.tenantID + `'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		noLeak(t, stored, "Sup3r-Secret-Value")
		if !strings.Contains(stored, "google-client") {
			t.Fatalf("providers stored as %s", stored)
		}
	})
}

// TestAuthConfigValidation: every bad field at once (422), a configuration
// under which nobody could log in (422), and malformed bodies (400).
func TestAuthConfigValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Strict Spa")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		path := "/api/v1/tenants/" + acc.tenantID + "/auth-config"

		fe := h.put(t, path, owner, map[string]any{
			"tenant_id":                  "someone-else",
			"first_factors":              []string{"emailpassword", "sms"},
			"required_secondary_factors": []string{"webauthn"},
			"core_config":                map[string]any{"access_token_validity": 30, "refresh_token_validity": 40000000},
			"providers":                  []any{map[string]any{"id": "Bad Id!", "name": "", "client_id": ""}, map[string]any{"id": "x", "name": "X", "client_id": "c"}, map[string]any{"id": "x", "name": "X", "client_id": "c"}},
		}).problem(http.StatusUnprocessableEntity, "validation_failed").fieldErrors()
		want := map[string]string{
			"tenant_id": "mismatch", "first_factors": "unknown_factor", "required_secondary_factors": "unknown_factor",
			"core_config.access_token_validity": "out_of_range", "core_config.refresh_token_validity": "out_of_range",
			"providers[0].id": "invalid_format", "providers[0].name": "required", "providers[0].client_id": "required",
			"providers[2].id": "duplicate",
		}
		for f, code := range want {
			if fe[f] != code {
				t.Errorf("field %s: %q, want %q (all: %v)", f, fe[f], code, fe)
			}
		}
		if len(fe) != len(want) {
			t.Errorf("field errors %v, want exactly %v", fe, want)
		}

		for name, body := range map[string]map[string]any{
			"both methods off":     {"email_password_enabled": false, "passwordless_enabled": false},
			"only third party":     {"third_party_enabled": true, "first_factors": []string{"thirdparty"}, "providers": []any{map[string]any{"id": "google", "name": "Google", "client_id": "c"}}},
			"first factors empty":  {"first_factors": []string{}},
			"listed method is off": {"first_factors": []string{"otp-email"}, "passwordless_enabled": false},
		} {
			p := h.put(t, path, owner, body).problem(http.StatusUnprocessableEntity, "validation_failed")
			if p.fieldError("first_factors").str("code") != "no_login_method" {
				t.Errorf("%s: %s", name, p)
			}
		}
		p := h.put(t, path, owner, map[string]any{"core_config": map[string]any{"access_token_validity": 7200, "refresh_token_validity": 3600}}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if p.fieldError("core_config.refresh_token_validity").str("code") != "shorter_than_access" {
			t.Errorf("refresh shorter than access: %s", p)
		}
		// Nothing of the refused updates was stored.
		if o := h.get(t, path, owner).expect(http.StatusOK).obj(); len(o.strs("overrides")) != 0 {
			t.Fatalf("a refused update was stored: %s", o)
		}
		// An inherited access validity counts too: refresh below the platform's 1800 s.
		h.put(t, path, owner, map[string]any{"core_config": map[string]any{"refresh_token_validity": 600}}).
			problem(http.StatusUnprocessableEntity, "validation_failed")

		h.put(t, path, owner, map[string]any{"mfa": true}).problem(http.StatusBadRequest, "unknown_field")
		h.put(t, path, owner, map[string]any{"first_factors": "emailpassword"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, path, owner, raw(`{"passwordless_enabled":`)).problem(http.StatusBadRequest, "malformed_json")
	})
}

// TestAuthConfigAccess: tenant admins of the tenant, platform admins for any
// tenant (the public one included); others see 404, anonymous callers 401.
func TestAuthConfigAccess(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a := h.register(t, "Access Alpha")
		b := h.register(t, "Access Beta")
		ownerA := h.scoped(t, a.email, a.password, a.tenantID)
		globalA := h.token(t, a.email, a.password)
		body := map[string]any{"passwordless_enabled": false}

		h.get(t, "/api/v1/tenants/"+a.tenantID+"/auth-config", "").problem(http.StatusUnauthorized, "missing_token")
		h.get(t, "/api/v1/tenants/"+a.tenantID+"/auth-config", globalA).expect(http.StatusOK)
		for _, other := range []string{b.tenantID, "public", "ten_doesnotexist"} {
			h.get(t, "/api/v1/tenants/"+other+"/auth-config", ownerA).problem(http.StatusNotFound, "tenant_not_found")
			h.get(t, "/api/v1/tenants/"+other+"/auth-config", globalA).problem(http.StatusNotFound, "tenant_not_found")
			h.put(t, "/api/v1/tenants/"+other+"/auth-config", globalA, body).problem(http.StatusNotFound, "tenant_not_found")
		}
		// A platform admin configures any tenant, and a missing one is 404.
		if o := h.authConfig(t, h.admin(t), b.tenantID, body); !o.boolean("created_new") {
			t.Fatalf("admin PUT: %s", o)
		}
		h.get(t, "/api/v1/tenants/"+b.tenantID+"/auth-config", h.admin(t)).expect(http.StatusOK)
		h.put(t, "/api/v1/tenants/ten_doesnotexist/auth-config", h.admin(t), body).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/tenants/public/auth-config", h.admin(t)).expect(http.StatusOK).obj().eq("tenant_id", "public")
	})
}
