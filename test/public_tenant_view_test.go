package test

import (
	"net/http"
	"testing"
)

// profileFields are what anyone may see of a tenant.
var profileFields = []string{"id", "name", "slug", "description", "website", "logo_url"}

// checkLevel checks a tenant view's access level and that it carries
// exactly the parts of that level.
func checkLevel(t testing.TB, o obj, level, tenantID string) {
	t.Helper()
	o.eq("access_level", level)
	o.eq("id", tenantID)
	for _, f := range profileFields {
		o.str(f)
	}
	wantClient, wantFull := level != "public", level == "admin"
	if o.has("email") != wantClient || o.has("client_config") != wantClient || o.has("tenant") != wantFull {
		t.Errorf("%s level view: %s", level, o)
	}
	if wantFull {
		full := o.sub("tenant")
		full.eq("id", tenantID)
		full.sub("subscription").str("plan")
		full.sub("settings")
	}
}

// TestPublicTenantLevels: the public tenant view answers anonymous callers
// with the public profile, an API key with the client configuration too, an
// admin with everything, and another tenant's credentials like anonymous.
func TestPublicTenantLevels(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Open Door Spa")
		h.put(t, "/api/v1/tenants/"+acc.tenantID, owner, map[string]any{"website": "opendoor.example.com",
			"logo_url": "https://cdn.example.com/opendoor.png"}).expect(http.StatusOK)
		key := h.createKey(t, owner, "Site", "dev").str("key")
		otherAcc, otherOwner := h.keyOwner(t, "Closed Door Spa")
		otherKey := h.createKey(t, otherOwner, "Other", "prod").str("key")
		path := "/api/v1/public/tenants/" + acc.slug

		anon := h.get(t, path, "").expect(http.StatusOK).obj()
		checkLevel(t, anon, "public", acc.tenantID)
		anon.eq("slug", acc.slug)
		anon.eq("name", "Open Door Spa")
		anon.eq("website", "https://opendoor.example.com")
		anon.eq("logo_url", "https://cdn.example.com/opendoor.png")
		anon.eq("description", "Luxury spa and wellness center")
		if byID := h.get(t, "/api/v1/public/tenants/"+acc.tenantID, "").expect(http.StatusOK).obj(); byID.String() != anon.String() {
			t.Errorf("by id %s, by slug %s", byID, anon)
		}

		withKey := h.withKey(t, "GET", path, key, nil).expect(http.StatusOK).obj()
		checkLevel(t, withKey, "client", acc.tenantID)
		withKey.eq("environment", "dev")
		withKey.eq("email", "contact@open-door-spa.example.com")
		withKey.sub("client_config").eq("slug", acc.slug)

		checkLevel(t, h.get(t, path, owner).expect(http.StatusOK).obj(), "admin", acc.tenantID)
		checkLevel(t, h.get(t, path, h.token(t, acc.email, acc.password)).expect(http.StatusOK).obj(), "admin", acc.tenantID)
		checkLevel(t, h.get(t, path, h.admin(t)).expect(http.StatusOK).obj(), "admin", acc.tenantID)
		viewer := h.member(t, acc.tenantID, "viewer@open-door-spa.example.com", "viewer")
		checkLevel(t, h.get(t, path, viewer).expect(http.StatusOK).obj(), "client", acc.tenantID)

		// Another tenant's key or token is treated as anonymous: no error, no more data.
		for name, r := range map[string]*response{
			"other key":           h.withKey(t, "GET", path, otherKey, nil),
			"other owner":         h.get(t, path, otherOwner),
			"other owner, global": h.get(t, path, h.token(t, otherAcc.email, otherAcc.password)),
		} {
			if r.expect(http.StatusOK).obj().String() != anon.String() {
				t.Errorf("%s sees %s, want the anonymous view", name, r.body)
			}
		}

		// Bad credentials are refused rather than ignored; unknown tenants are 404.
		h.withKey(t, "GET", path, "tnt_live_nope", nil).problem(http.StatusUnauthorized, "invalid_api_key")
		h.get(t, path, "not-a-token").problem(http.StatusUnauthorized, "invalid_token")
		h.do(t, "GET", path, req{token: owner, header: map[string]string{"X-API-Key": key}}).problem(http.StatusBadRequest, "ambiguous_credentials")
		h.get(t, "/api/v1/public/tenants/no-such-spa", "").problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/public/tenants/ten_01jz0000000000000000000000", "").problem(http.StatusNotFound, "tenant_not_found")
	})
}

// TestPublicTenantInactive: a tenant that is not active does not exist for
// anonymous callers; a platform admin still sees it.
func TestPublicTenantInactive(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Sleepy Spa")
		path := "/api/v1/public/tenants/" + acc.slug
		h.put(t, "/api/v1/admin/tenants/"+acc.tenantID+"/status", h.admin(t), map[string]any{"status": "suspended", "reason": "Payment overdue"}).
			expect(http.StatusOK)
		h.get(t, path, "").problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, path+"/client-config", "").problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, path, owner).problem(http.StatusForbidden, "tenant_suspended")
		full := h.get(t, path, h.admin(t)).expect(http.StatusOK).obj()
		checkLevel(t, full, "admin", acc.tenantID)
		full.sub("tenant").eq("status", "suspended")
	})
}
