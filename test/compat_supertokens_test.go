package test

import (
	"fmt"
	"net/http"
	"testing"
)

// platformKey makes a platform key as the platform admin and returns its secret.
func (h *harness) platformKey(t testing.TB, name string) (id, secret string) {
	t.Helper()
	o := h.post(t, "/api/v1/admin/platform-keys", h.admin(t), map[string]any{"name": name}).expect(http.StatusCreated).obj()
	return o.str("id"), o.str("key")
}

// isTrue checks that the boolean field k is want.
func (o obj) isTrue(k string, want bool) {
	o.t.Helper()
	if got := o.boolean(k); got != want {
		o.t.Errorf("%s = %v, want %v in %s", k, got, want, o)
	}
}

// TestCompatSupertokensExamples replays every request example of the
// supertokens document, unchanged but for the core's api-key header (the
// document's examples leave it out; Tenantry always asks for it) and a real
// account's id where the document writes "string".
func TestCompatSupertokensExamples(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "core")
		user := h.newTeam(t, "Associated Person")
		list := examples(t, "supertokens")
		for _, e := range list {
			h.replay(t, e, map[string]string{"user_id": user.ownerID}, map[string]string{"api-key": secret})
		}
		line := fmt.Sprintf("compat supertokens (%s): %d examples replayed", h.engine, len(list))
		t.Log(line)
		fmt.Println(line)
	})
}

// TestCompatSupertokensRules: the platform key, create-or-update, the
// public tenant, deletion as soft deactivation, and the seed's statuses.
func TestCompatSupertokensRules(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		keyID, secret := h.platformKey(t, "core")
		st := func(method, path string, body any, header map[string]string) *response {
			hd := map[string]string{"api-key": secret}
			for k, v := range header {
				hd[k] = v
			}
			return h.do(t, method, path, req{body: body, header: hd})
		}
		const tenantPath = "/recipe/multitenancy/tenant"

		// Credentials: none, a tenant's API key, a bearer token, a made-up key: 401.
		tm := h.newTeam(t, "Supertokens Owner")
		tenantKey := h.createKey(t, tm.owner, "k", "prod").str("key")
		h.do(t, "GET", tenantPath+"/list", req{}).problem(http.StatusUnauthorized, "invalid_platform_key")
		h.do(t, "GET", tenantPath+"/list", req{header: map[string]string{"api-key": tenantKey}}).problem(http.StatusUnauthorized, "invalid_platform_key")
		h.do(t, "GET", tenantPath+"/list", req{token: h.admin(t)}).problem(http.StatusUnauthorized, "invalid_platform_key")
		h.do(t, "GET", tenantPath+"/list", req{header: map[string]string{"api-key": "tnt_plat_nope"}}).problem(http.StatusUnauthorized, "invalid_platform_key")

		// Create, then update: createdNew true then false; the config applies.
		st("PUT", tenantPath, map[string]any{"tenantId": "acme-corp", "passwordlessEnabled": true}, nil).
			expect(http.StatusOK).obj().isTrue("createdNew", true)
		st("PUT", tenantPath, map[string]any{"tenantId": "acme-corp", "firstFactors": []string{"emailpassword"}}, nil).
			expect(http.StatusOK).obj().isTrue("createdNew", false)
		got := st("GET", tenantPath, nil, map[string]string{"tenantId": "acme-corp"}).expect(http.StatusOK).obj()
		got.eq("tenantId", "acme-corp")
		if !got.sub("passwordless").boolean("enabled") {
			t.Errorf("passwordless not enabled: %s", got)
		}
		// The same tenant through the native API, by its slug.
		native := h.get(t, "/api/v1/public/tenants/acme-corp", h.admin(t)).expect(http.StatusOK).obj()
		acmeID := native.str("id")
		h.get(t, "/api/v1/tenants/"+acmeID+"/auth-config", h.admin(t)).expect(http.StatusOK).obj().sub("passwordless").isTrue("enabled", true)

		// The public tenant: PUT without tenantId updates it; GET without a
		// header answers it; it cannot be deleted.
		st("PUT", tenantPath, map[string]any{"emailPasswordEnabled": true}, nil).expect(http.StatusOK).obj().isTrue("createdNew", false)
		st("GET", tenantPath, nil, nil).expect(http.StatusOK).obj().eq("tenantId", "public")
		st("DELETE", tenantPath, map[string]any{"tenantId": "public"}, nil).problem(http.StatusForbidden, "public_tenant_protected")

		// Listing only from the public tenant's context.
		st("GET", tenantPath+"/list", nil, map[string]string{"tenantId": "acme-corp"}).problem(http.StatusForbidden, "public_tenant_required")
		listed := st("GET", tenantPath+"/list", nil, map[string]string{"tenantId": "public"}).expect(http.StatusOK).obj()
		if n := len(listed.objs("tenants")); n < 3 { // public, the team's tenant, acme-corp
			t.Errorf("listed %d tenants: %s", n, listed)
		}

		// Association statuses.
		st("POST", tenantPath+"/user", map[string]any{"tenantId": "acme-corp", "recipeUserId": "usr_unknown"}, nil).
			expect(http.StatusOK).obj().eq("status", "UNKNOWN_USER_ID_ERROR")
		st("POST", tenantPath+"/user", map[string]any{"tenantId": "no-such-tenant", "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().eq("status", "TENANT_NOT_FOUND_ERROR")
		st("POST", tenantPath+"/user", map[string]any{"tenantId": "acme-corp", "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().isTrue("wasAlreadyAssociated", false)
		st("POST", tenantPath+"/user", map[string]any{"tenantId": "acme-corp", "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().isTrue("wasAlreadyAssociated", true)
		st("POST", tenantPath+"/user/remove", map[string]any{"tenantId": "acme-corp", "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().isTrue("wasAssociated", true)
		st("POST", tenantPath+"/user/remove", map[string]any{"tenantId": "acme-corp", "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().isTrue("wasAssociated", false)
		// The owner of a tenant cannot be removed from it.
		st("POST", tenantPath+"/user/remove", map[string]any{"tenantId": tm.slug, "recipeUserId": tm.ownerID}, nil).
			expect(http.StatusOK).obj().eq("status", "ASSOCIATION_NOT_ALLOWED_ERROR")

		// Deletion is the native soft deactivation; a second one finds nothing;
		// PUT brings the tenant back (createdNew).
		st("DELETE", tenantPath, map[string]any{"tenantId": "acme-corp"}, nil).expect(http.StatusOK).obj().isTrue("didExist", true)
		h.get(t, "/api/v1/tenants/"+acmeID, h.admin(t)).expect(http.StatusOK).obj().eq("status", "inactive")
		st("DELETE", tenantPath, map[string]any{"tenantId": "acme-corp"}, nil).expect(http.StatusOK).obj().isTrue("didExist", false)
		st("GET", tenantPath, nil, map[string]string{"tenantId": "acme-corp"}).expect(http.StatusOK).obj().eq("status", "TENANT_NOT_FOUND_ERROR")
		st("PUT", tenantPath, map[string]any{"tenantId": "acme-corp"}, nil).expect(http.StatusOK).obj().isTrue("createdNew", true)
		h.get(t, "/api/v1/tenants/"+acmeID, h.admin(t)).expect(http.StatusOK).obj().eq("status", "active")

		// Bad input: problems, never 5xx; unknown fields refused.
		st("PUT", tenantPath, map[string]any{"tenantId": "acme-corp", "bogus": 1}, nil).problem(http.StatusBadRequest, "unknown_field")
		st("PUT", tenantPath, map[string]any{"tenantId": "Not A Slug!"}, nil).expect(http.StatusUnprocessableEntity)
		st("DELETE", tenantPath, map[string]any{}, nil).expect(http.StatusUnprocessableEntity)
		for _, path := range []string{tenantPath, tenantPath + "/user", tenantPath + "/user/remove"} {
			method := map[string]string{tenantPath: "PUT"}[path]
			if method == "" {
				method = "POST"
			}
			st(method, path, raw(`{"tenantId":"acme\u0000corp"}`), nil).expect(http.StatusUnprocessableEntity).obj().fieldError("tenantId")
		}

		// A revoked platform key is refused at once.
		h.del(t, "/api/v1/admin/platform-keys/"+keyID, h.admin(t)).expect(http.StatusNoContent)
		st("GET", tenantPath+"/list", nil, nil).problem(http.StatusUnauthorized, "invalid_platform_key")
	})
}

// TestCompatSeedsSwitchedOff: TENANTRY_COMPAT without a seed leaves its paths 404.
func TestCompatSeedsSwitchedOff(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{compat: []string{"trueport"}}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "core")
		for _, c := range []struct{ method, path string }{
			{"PUT", "/recipe/multitenancy/tenant"}, {"GET", "/recipe/multitenancy/tenant"},
			{"GET", "/recipe/multitenancy/tenant/list"}, {"DELETE", "/recipe/multitenancy/tenant"},
			{"POST", "/recipe/multitenancy/tenant/user"}, {"POST", "/recipe/multitenancy/tenant/user/remove"},
			{"POST", "/tenants"}, {"PUT", "/tenants"}, {"GET", "/tenants/client-config"}, {"GET", "/tenants/me"},
			{"GET", "/tenants/login-token"}, {"GET", "/tenants/some-id"},
		} {
			h.do(t, c.method, c.path, req{header: map[string]string{"api-key": secret, "x-api-key": secret}}).
				problem(http.StatusNotFound, "route_not_found")
		}
		h.get(t, "/api/v1/admin/platform-keys", h.admin(t)).expect(http.StatusOK) // the native API stays
	})
}
