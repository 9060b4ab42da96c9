package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestPlatformKeys: platform admins make, list and revoke platform keys;
// the secret is shown once; nobody else may manage them; both are audited.
func TestPlatformKeys(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		made := h.post(t, "/api/v1/admin/platform-keys", admin, map[string]any{"name": "core"}).expect(http.StatusCreated).obj()
		secret, keyID := made.str("key"), made.str("id")
		if !strings.HasPrefix(secret, "tnt_plat_") || !strings.HasPrefix(secret, made.str("prefix")) || !strings.HasPrefix(keyID, "pkey_") {
			t.Fatalf("issued key: %s", made)
		}
		res := h.get(t, "/api/v1/admin/platform-keys", admin).expect(http.StatusOK)
		if strings.Contains(string(res.body), secret) {
			t.Fatal("the listing shows a secret")
		}
		listed := res.list()
		if len(listed) != 1 || listed[0].str("status") != "active" || listed[0].has("key") {
			t.Fatalf("listing: %s", res.body)
		}
		h.post(t, "/api/v1/admin/platform-keys", admin, map[string]any{"name": " "}).expect(http.StatusUnprocessableEntity)
		h.post(t, "/api/v1/admin/platform-keys", admin, map[string]any{"name": "x", "scopes": []string{}}).problem(http.StatusBadRequest, "unknown_field")

		// Tenant members may not manage platform keys; the key is no bearer token.
		tm := h.newTeam(t, "Key Curious")
		h.get(t, "/api/v1/admin/platform-keys", tm.owner).problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/admin/platform-keys", tm.owner, map[string]any{"name": "mine"}).problem(http.StatusForbidden, "forbidden")
		h.do(t, "GET", "/api/v1/admin/platform-keys", req{header: map[string]string{"X-API-Key": secret}}).expect(http.StatusUnauthorized)

		// The key works on a seed route until it is revoked.
		h.do(t, "GET", "/recipe/multitenancy/tenant/list", req{header: map[string]string{"api-key": secret}}).expect(http.StatusOK)
		h.del(t, "/api/v1/admin/platform-keys/"+keyID, admin).expect(http.StatusNoContent)
		h.del(t, "/api/v1/admin/platform-keys/"+keyID, admin).expect(http.StatusNoContent) // idempotent
		h.del(t, "/api/v1/admin/platform-keys/pkey_missing", admin).problem(http.StatusNotFound, "platform_key_not_found")
		h.do(t, "GET", "/recipe/multitenancy/tenant/list", req{header: map[string]string{"api-key": secret}}).
			problem(http.StatusUnauthorized, "invalid_platform_key")
		h.get(t, "/api/v1/admin/platform-keys", admin).expect(http.StatusOK).list()[0].eq("status", "revoked")

		// Audited on the public tenant's trail.
		for _, action := range []string{"platform_key.create", "platform_key.revoke"} {
			if n := h.get(t, "/api/v1/audit-logs?tenant_id=public&action="+action, admin).expect(http.StatusOK).total(); n != 1 {
				t.Errorf("%s: %d audit events, want 1", action, n)
			}
		}
	})
}
