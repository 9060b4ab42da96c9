package test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestCompatPersExamples replays every request example of the pers
// document's tenant endpoints in order: the platform key where the document
// writes YOUR_API_KEY_HERE for the business key, the new project's key and
// admin token for the project key and the bearer JWT.
func TestCompatPersExamples(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "business")
		vars := map[string]string{"platform_key": secret}
		list := examples(t, "pers")
		for i, e := range list {
			res := h.replay(t, e, vars, nil)
			if i == 0 {
				o := res.obj()
				vars["id"], vars["jwt"], vars["project_key"] = o.str("id"), o.str("jwt"), o.str("projectApiKey")
			}
		}
		line := fmt.Sprintf("compat pers (%s): %d examples replayed", h.engine, len(list))
		t.Log(line)
		fmt.Println(line)
	})
}

// TestCompatPersRules: the secrets of a new project, the context levels,
// the credentials each endpoint takes, and the same project through the
// native API.
func TestCompatPersRules(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, secret := h.platformKey(t, "business")
		biz := map[string]string{"x-api-key": secret}
		made := h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "Loyal Coffee Club"}, header: biz}).
			expect(http.StatusCreated).obj()
		made.eq("acronym", "LCC")
		id, jwt, prod, dev := made.str("id"), made.str("jwt"), made.str("projectApiKey"), made.str("testnetProjectApiKey")
		if len(prod) < 9 || prod[:9] != "tnt_live_" || len(dev) < 9 || dev[:9] != "tnt_test_" {
			t.Fatalf("keys: prod %q dev %q", prod, dev)
		}
		// The jwt is a tenant-admin (owner) token of the new tenant.
		c := claims(t, jwt)
		c.eq("tenant_id", id)
		h.get(t, "/api/v1/tenants/"+id, jwt).expect(http.StatusOK).obj().eq("name", "Loyal Coffee Club")
		// The keys are the tenant's native API keys, by environment.
		keys := h.get(t, "/api/v1/api-keys", jwt).expect(http.StatusOK).list()
		if len(keys) != 2 {
			t.Fatalf("keys: %v", keys)
		}
		h.do(t, "GET", "/api/v1/tenants/me", req{header: map[string]string{"X-API-Key": dev}}).expect(http.StatusOK).obj().eq("environment", "dev")

		// Creating needs the platform key: nothing, a project key or a member's token do not do.
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "X"}}).problem(http.StatusUnauthorized, "missing_credentials")
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "X"}, header: map[string]string{"x-project-key": prod}}).
			expect(http.StatusForbidden)
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "X"}, token: jwt}).expect(http.StatusForbidden)
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "X"}, header: map[string]string{"x-api-key": "tnt_plat_bad"}}).
			problem(http.StatusUnauthorized, "invalid_platform_key")
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": ""}, header: biz}).expect(http.StatusUnprocessableEntity)
		h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "X", "extra": 1}, header: biz}).problem(http.StatusBadRequest, "unknown_field")
		h.do(t, "POST", "/tenants", req{body: raw(`{"projectName":"a\u0000b"}`), header: biz}).expect(http.StatusUnprocessableEntity).obj().fieldError("projectName")
		h.do(t, "PUT", "/tenants", req{body: raw(`{"firebaseTenantId":"a\u0000b"}`), token: jwt}).expect(http.StatusUnprocessableEntity).obj().fieldError("firebaseTenantId")

		// Context-aware reads: anonymous sees the public level, the project key the client level.
		h.get(t, "/tenants/"+id, "").expect(http.StatusOK).obj().eq("accessLevel", "public")
		h.do(t, "GET", "/tenants/"+id, req{header: map[string]string{"x-project-key": prod}}).expect(http.StatusOK).obj().eq("accessLevel", "client")
		h.get(t, "/tenants/"+id, jwt).expect(http.StatusOK).obj().eq("accessLevel", "admin")
		h.get(t, "/tenants/ten_missing", "").problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/tenants/me", "").problem(http.StatusUnauthorized, "missing_credentials")
		h.do(t, "GET", "/tenants/me", req{header: map[string]string{"x-project-key": "tnt_live_bogus"}}).problem(http.StatusUnauthorized, "invalid_api_key")

		// Another project's credentials see this one at the public level only, and update only their own.
		other := h.do(t, "POST", "/tenants", req{body: map[string]any{"projectName": "Other Shop"}, header: biz}).expect(http.StatusCreated).obj()
		h.do(t, "GET", "/tenants/"+id, req{header: map[string]string{"x-project-key": other.str("projectApiKey")}}).
			expect(http.StatusOK).obj().eq("accessLevel", "public")
		h.do(t, "PUT", "/tenants", req{body: map[string]any{"projectName": "Renamed"}, token: other.str("jwt")}).expect(http.StatusOK)
		h.get(t, "/tenants/"+id, "").expect(http.StatusOK).obj().eq("projectName", "Loyal Coffee Club")

		// PUT: a project key may not update; a bad Stripe key is refused; the Stripe secret is sealed.
		h.do(t, "PUT", "/tenants", req{body: map[string]any{"projectName": "N"}, header: map[string]string{"x-project-key": prod}}).
			expect(http.StatusForbidden)
		h.do(t, "PUT", "/tenants", req{body: map[string]any{"stripeApiKey": "nope"}, token: jwt}).expect(http.StatusUnprocessableEntity)
		h.do(t, "PUT", "/tenants", req{body: map[string]any{"stripeApiKey": "sk_test_a1a1a1a1a1a1a1a1a1a1a1a1",
			"stripePublishableKey": "pk_test_b2b2b2b2b2b2b2b2b2b2b2b2"}, token: jwt}).expect(http.StatusOK)
		h.get(t, "/api/v1/tenants/"+id+"/stripe-config", jwt).expect(http.StatusOK)
	})
}
