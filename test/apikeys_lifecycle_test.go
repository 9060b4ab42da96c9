package test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var secretShape = regexp.MustCompile(`^tnt_(live|test)_[0-9A-Za-z]{49}$`)

// TestAPIKeyCreateShowsSecretOnce: the secret is in the creation answer with
// its recognisable marker and nowhere else afterwards — not in the listing,
// not in the audit log.
func TestAPIKeyCreateShowsSecretOnce(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Keyed Spa")
		userID := h.get(t, "/api/v1/me", owner).expect(http.StatusOK).obj().str("id")

		created := h.createKey(t, owner, "Website", "prod")
		secret := created.str("key")
		if !strings.HasPrefix(created.str("id"), "key_") || !secretShape.MatchString(secret) || !strings.HasPrefix(secret, "tnt_live_") {
			t.Fatalf("created: %s", created)
		}
		created.eq("name", "Website")
		created.eq("environment", "prod")
		created.eq("prefix", secret[:16])
		if got := created.strs("scopes"); !slices.Equal(got, []string{"tenant:read"}) {
			t.Errorf("default scopes %v", got)
		}
		created.str("created_at")
		created.null("rotated_at")

		for env, marker := range map[string]string{"staging": "tnt_test_", "dev": "tnt_test_"} {
			k := h.createKey(t, owner, "CI "+env, env, "outlets:read", "tenant:read", "outlets:read")
			k.eq("environment", env)
			if !strings.HasPrefix(k.str("key"), marker) || !slices.Equal(k.strs("scopes"), []string{"outlets:read", "tenant:read"}) {
				t.Errorf("%s key: %s", env, k)
			}
		}

		list := h.get(t, "/api/v1/api-keys", owner).expect(http.StatusOK)
		noLeak(t, string(list.body), secret)
		keys := list.list()
		if len(keys) != 3 || keys[2].str("id") != created.str("id") {
			t.Fatalf("listing (newest first): %s", list.body)
		}
		k := keys[2]
		if k.has("key") {
			t.Errorf("listing carries a key field: %s", k)
		}
		k.eq("prefix", secret[:16])
		k.eq("status", "active")
		k.eq("created_by", userID)
		k.null("last_used_at")
		k.null("revoked_at")

		details := h.auditDetails(t, owner, "apikey.create", created.str("id"))
		details.eq("prefix", secret[:16])
		details.eq("environment", "prod")
		_, body := h.auditActions(t, acc.tenantID)
		noLeak(t, body, secret, secret[16:])
	})
}

// TestAPIKeyValidation: every bad field at once, with stable codes; only a
// tenant-scoped token of an owner or tenant admin makes keys.
func TestAPIKeyValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Strict Keys")
		p := h.post(t, "/api/v1/api-keys", owner, map[string]any{"name": " ", "environment": "qa",
			"scopes": []string{"tenant:read", "admin:all", "*"}}).problem(http.StatusUnprocessableEntity, "validation_failed")
		want := map[string]string{"name": "required", "environment": "invalid_environment", "scopes[1]": "unknown_scope", "scopes[2]": "unknown_scope"}
		if got := p.fieldErrors(); len(got) != len(want) {
			t.Errorf("field errors %v, want %v", got, want)
		} else {
			for f, code := range want {
				if got[f] != code {
					t.Errorf("field %s: %q, want %q", f, got[f], code)
				}
			}
		}
		h.post(t, "/api/v1/api-keys", owner, map[string]any{"name": "x"}).problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("environment").eq("code", "required")
		h.post(t, "/api/v1/api-keys", owner, map[string]any{"name": "x", "environment": "prod", "secret": "mine"}).
			problem(http.StatusBadRequest, "unknown_field")

		global := h.token(t, acc.email, acc.password)
		h.post(t, "/api/v1/api-keys", global, map[string]any{"name": "x", "environment": "prod"}).
			problem(http.StatusUnprocessableEntity, "scoped_token_required")
		h.get(t, "/api/v1/api-keys", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		viewer := h.member(t, acc.tenantID, "viewer@strict-keys.example.com", "viewer")
		h.post(t, "/api/v1/api-keys", viewer, map[string]any{"name": "x", "environment": "prod"}).problem(http.StatusForbidden, "forbidden")
		h.get(t, "/api/v1/api-keys", viewer).problem(http.StatusForbidden, "forbidden")
		h.get(t, "/api/v1/api-keys", "").problem(http.StatusUnauthorized, "missing_token")
		if n := len(h.get(t, "/api/v1/api-keys", owner).expect(http.StatusOK).list()); n != 0 {
			t.Errorf("%d keys after refused creations", n)
		}
	})
}

// TestAPIKeyRotateAndRevoke: a rotated key keeps its record and refuses the
// old secret at once; a revoked key is refused at once and stays listed.
func TestAPIKeyRotateAndRevoke(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Rotating Keys")
		created := h.createKey(t, owner, "Backend", "prod", "tenant:read", "outlets:write")
		keyID, oldSecret := created.str("id"), created.str("key")
		h.withKey(t, "GET", "/api/v1/tenants/me", oldSecret, nil).expect(http.StatusOK)

		rotated := h.post(t, "/api/v1/api-keys/"+keyID+"/rotate", owner, nil).expect(http.StatusOK).obj()
		newSecret := rotated.str("key")
		rotated.eq("id", keyID)
		rotated.eq("name", "Backend")
		rotated.eq("created_at", created.str("created_at"))
		if newSecret == oldSecret || !secretShape.MatchString(newSecret) || rotated.str("prefix") != newSecret[:16] ||
			!slices.Equal(rotated.strs("scopes"), []string{"tenant:read", "outlets:write"}) || rotated.str("rotated_at") == "" {
			t.Fatalf("rotated: %s", rotated)
		}
		h.withKey(t, "GET", "/api/v1/tenants/me", oldSecret, nil).problem(http.StatusUnauthorized, "invalid_api_key")
		h.withKey(t, "GET", "/api/v1/tenants/me", newSecret, nil).expect(http.StatusOK)
		d := h.auditDetails(t, owner, "apikey.rotate", keyID)
		d.eq("prefix", newSecret[:16])
		d.eq("previous_prefix", oldSecret[:16])

		h.del(t, "/api/v1/api-keys/"+keyID, owner).expect(http.StatusNoContent)
		h.withKey(t, "GET", "/api/v1/tenants/me", newSecret, nil).problem(http.StatusUnauthorized, "invalid_api_key")
		listed := h.listedKey(t, owner, keyID)
		listed.eq("status", "revoked")
		if listed.str("revoked_at") == "" || listed.str("last_used_at") == "" {
			t.Errorf("revoked key listed as %s", listed)
		}
		h.post(t, "/api/v1/api-keys/"+keyID+"/rotate", owner, nil).problem(http.StatusConflict, "api_key_revoked")
		h.del(t, "/api/v1/api-keys/"+keyID, owner).expect(http.StatusNoContent) // again: no change
		h.del(t, "/api/v1/api-keys/key_01jz0000000000000000000000", owner).problem(http.StatusNotFound, "api_key_not_found")
		h.post(t, "/api/v1/api-keys/key_01jz0000000000000000000000/rotate", owner, nil).problem(http.StatusNotFound, "api_key_not_found")

		actions, body := h.auditActions(t, acc.tenantID)
		if actions["apikey.create:success"] != 1 || actions["apikey.rotate:success"] != 1 || actions["apikey.revoke:success"] != 1 {
			t.Errorf("audited: %v", actions)
		}
		noLeak(t, body, oldSecret, newSecret)
	})
}

// TestAPIKeyTenantIsolation: another tenant's admin can neither see, rotate
// nor revoke a tenant's keys; every attempt answers like a missing key.
func TestAPIKeyTenantIsolation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, ownerA := h.keyOwner(t, "Island A")
		_, ownerB := h.keyOwner(t, "Island B")
		a := h.createKey(t, ownerA, "A's key", "prod")
		h.createKey(t, ownerB, "B's key", "prod")

		for _, k := range h.get(t, "/api/v1/api-keys", ownerB).expect(http.StatusOK).list() {
			if k.str("id") == a.str("id") {
				t.Fatal("B lists A's key")
			}
		}
		h.post(t, "/api/v1/api-keys/"+a.str("id")+"/rotate", ownerB, nil).problem(http.StatusNotFound, "api_key_not_found")
		h.del(t, "/api/v1/api-keys/"+a.str("id"), ownerB).problem(http.StatusNotFound, "api_key_not_found")
		h.withKey(t, "GET", "/api/v1/tenants/me", a.str("key"), nil).expect(http.StatusOK)
		h.listedKey(t, ownerA, a.str("id")).eq("status", "active")
	})
}
