package test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/credential"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestPaperIDConfigSeed walks the reserva seed's "Tenant Paper.id
// Configuration": 404 before any configuration, PUT answers exactly the
// seed's shape, GET the same, DELETE is a soft disable (204) keeping the
// secret, and PUT {"enabled": true} re-enables without it.
func TestPaperIDConfigSeed(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Paper Config Spa")
		path := paperIDPath(tm.tenantID)
		h.get(t, path, tm.owner).problem(http.StatusNotFound, "paper_id_config_not_found")
		h.del(t, path, tm.owner).problem(http.StatusNotFound, "paper_id_config_not_found")

		put := h.put(t, path, tm.owner, paperIDSeed()).expect(http.StatusOK).obj()
		paperIDShape(t, put)
		put.eq("client_id", "tenant_client_id_12345")
		if !put.boolean("is_production") || !put.boolean("enabled") || put.str("created_at") != put.str("updated_at") {
			t.Fatalf("PUT: %s", put)
		}
		created, err := time.Parse(time.RFC3339Nano, put.str("created_at"))
		if err != nil || created.Location() != time.UTC {
			t.Fatalf("created_at %q: %v", put.str("created_at"), err)
		}
		got := h.get(t, path, tm.owner).expect(http.StatusOK).obj()
		if got.String() != put.String() {
			t.Fatalf("GET %s, PUT answered %s", got, put)
		}

		// Soft disable: the configuration stays, secret included.
		h.del(t, path, tm.owner).expect(http.StatusNoContent)
		off := h.get(t, path, tm.owner).expect(http.StatusOK).obj()
		paperIDShape(t, off)
		off.eq("client_id", "tenant_client_id_12345")
		off.eq("created_at", put.str("created_at"))
		if off.boolean("enabled") || !off.boolean("is_production") || off.str("updated_at") <= put.str("updated_at") {
			t.Fatalf("after DELETE: %s", off)
		}
		if enabled, s := h.openedSecrets(t, tm.tenantID, credential.PaperID); enabled || s[credential.ClientSecret] != "your_secret_key_here" {
			t.Fatalf("after DELETE: enabled %v, secret kept %v", enabled, s[credential.ClientSecret] == "your_secret_key_here")
		}
		h.del(t, path, tm.owner).expect(http.StatusNoContent) // disabling again changes nothing

		// Re-enabled without re-entering the secret.
		on := h.put(t, path, tm.owner, map[string]any{"enabled": true}).expect(http.StatusOK).obj()
		paperIDShape(t, on)
		on.eq("client_id", "tenant_client_id_12345")
		on.eq("created_at", put.str("created_at"))
		if !on.boolean("enabled") || !on.boolean("is_production") {
			t.Fatalf("re-enabled: %s", on)
		}
		if enabled, s := h.openedSecrets(t, tm.tenantID, credential.PaperID); !enabled || s[credential.ClientSecret] != "your_secret_key_here" {
			t.Fatal("re-enabling lost the secret")
		}

		// Sandbox mode, a new secret, and a new client id with its secret.
		h.put(t, path, tm.owner, map[string]any{"is_production": false, "client_secret": "second-secret-value"}).expect(http.StatusOK).
			obj().eq("client_id", "tenant_client_id_12345")
		if _, s := h.openedSecrets(t, tm.tenantID, credential.PaperID); s[credential.ClientSecret] != "second-secret-value" {
			t.Fatal("the new secret was not stored")
		}
		moved := h.put(t, path, tm.owner, map[string]any{"client_id": "other.client-2", "client_secret": "third-secret-value"}).
			expect(http.StatusOK).obj()
		moved.eq("client_id", "other.client-2")
		if moved.boolean("is_production") || !moved.boolean("enabled") {
			t.Fatalf("after moving: %s", moved)
		}
		// The same client id again without a secret is no change of client.
		h.put(t, path, tm.owner, map[string]any{"client_id": "other.client-2"}).expect(http.StatusOK)

		// A first configuration may leave out is_production (sandbox) and enabled (on).
		second := h.newTeam(t, "Paper Defaults Spa")
		d := h.put(t, paperIDPath(second.tenantID), second.owner, map[string]any{"client_id": "abc", "client_secret": "12345678"}).
			expect(http.StatusOK).obj()
		if d.boolean("is_production") || !d.boolean("enabled") {
			t.Fatalf("defaults: %s", d)
		}

		actions, _ := h.auditActions(t, tm.tenantID)
		if actions["credential.update:success"] != 5 || actions["credential.disable:success"] != 2 {
			t.Errorf("audit: %v", actions)
		}
	})
}

// TestPaperIDConfigValidation: what the first configuration needs, the
// formats, a new client id without its secret, and bodies that cannot be
// read, each a problem with a stable code on both engines.
func TestPaperIDConfigValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Paper Checks Spa")
		path := paperIDPath(tm.tenantID)
		invalid := func(body any, want map[string]string) {
			t.Helper()
			p := h.put(t, path, tm.owner, body).problem(http.StatusUnprocessableEntity, "validation_failed")
			got := p.fieldErrors()
			for f, code := range want {
				if got[f] != code {
					t.Errorf("PUT %v: %s is %q, want %q (%s)", body, f, got[f], code, p)
				}
			}
			if len(got) != len(want) {
				t.Errorf("PUT %v: fields %v, want %v", body, got, want)
			}
		}
		invalid(map[string]any{}, map[string]string{"client_id": "required", "client_secret": "required"})
		invalid(map[string]any{"enabled": true}, map[string]string{"client_id": "required", "client_secret": "required"})
		invalid(map[string]any{"client_id": "tenant_client_id_12345"}, map[string]string{"client_secret": "required"})
		invalid(map[string]any{"client_id": "has spaces", "client_secret": "short"},
			map[string]string{"client_id": "invalid_client_id", "client_secret": "invalid_client_secret"})
		invalid(map[string]any{"client_id": "", "client_secret": ""},
			map[string]string{"client_id": "invalid_client_id", "client_secret": "invalid_client_secret"})
		invalid(map[string]any{"client_id": 12}, map[string]string{"client_id": "invalid_type"})
		invalid(map[string]any{"enabled": "yes"}, map[string]string{"enabled": "invalid_type"})
		h.put(t, path, tm.owner, map[string]any{"client_id": "x", "secret": "y"}).problem(http.StatusBadRequest, "unknown_field")
		h.put(t, path, tm.owner, raw(`{"client_id": "abc"`)).problem(http.StatusBadRequest, "malformed_json")
		h.get(t, path, tm.owner).problem(http.StatusNotFound, "paper_id_config_not_found")

		h.put(t, path, tm.owner, paperIDSeed()).expect(http.StatusOK)
		invalid(map[string]any{"client_id": "another_client"}, map[string]string{"client_secret": "required"})
		invalid(map[string]any{"client_secret": "bad secret with spaces"}, map[string]string{"client_secret": "invalid_client_secret"})
		if got := h.get(t, path, tm.owner).expect(http.StatusOK).obj(); got.str("client_id") != "tenant_client_id_12345" {
			t.Errorf("a refused PUT changed the configuration: %s", got)
		}
	})
}

// TestPaperIDConfigAccess: owner, tenant_admin and platform admins may;
// the other roles and API keys are refused 403; another tenant's
// configuration answers 404 like a missing tenant; an inactive tenant's
// configuration cannot change.
func TestPaperIDConfigAccess(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Paper Access Spa")
		other := h.newTeam(t, "Paper Neighbour Spa")
		path := paperIDPath(tm.tenantID)

		_, admin := h.teammate(t, tm, "admin@paper-access.example.com", "tenant_admin")
		h.put(t, path, admin, paperIDSeed()).expect(http.StatusOK)
		h.get(t, path, admin).expect(http.StatusOK)
		h.get(t, path, h.admin(t)).expect(http.StatusOK)
		h.put(t, path, h.admin(t), map[string]any{"is_production": false}).expect(http.StatusOK)

		for _, role := range []membership.Role{membership.OutletManager, membership.Staff, membership.Receptionist, membership.Viewer} {
			_, tok := h.teammate(t, tm, string(role)+"@paper-access.example.com", string(role))
			h.get(t, path, tok).problem(http.StatusForbidden, "forbidden")
			h.put(t, path, tok, paperIDSeed()).problem(http.StatusForbidden, "forbidden")
			h.put(t, path, tok, map[string]any{"client_id": "bad id"}).problem(http.StatusForbidden, "forbidden") // refused before validation
			h.del(t, path, tok).problem(http.StatusForbidden, "forbidden")
		}
		apiKey := h.createKey(t, tm.owner, "Gateway key", "prod", "tenant:read", "outlets:read", "outlets:write").str("key")
		h.withKey(t, "GET", path, apiKey, nil).problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "PUT", path, apiKey, paperIDSeed()).problem(http.StatusForbidden, "insufficient_scope")

		// Another tenant's owner: 404 like a tenant that does not exist.
		for _, p := range []string{path, paperIDPath("ten_01JZZZZZZZZZZZZZZZZZZZZZZZ")} {
			h.get(t, p, other.owner).problem(http.StatusNotFound, "tenant_not_found")
			h.put(t, p, other.owner, paperIDSeed()).problem(http.StatusNotFound, "tenant_not_found")
			h.put(t, p, other.owner, map[string]any{"client_id": "bad id"}).problem(http.StatusNotFound, "tenant_not_found")
			h.del(t, p, other.owner).problem(http.StatusNotFound, "tenant_not_found")
		}
		h.get(t, paperIDPath("ten_01JZZZZZZZZZZZZZZZZZZZZZZZ"), h.admin(t)).problem(http.StatusNotFound, "tenant_not_found")

		// An inactive tenant (its members' sessions end with it): not even a
		// platform admin may change its credentials.
		h.deactivate(t, tm.tenantID)
		h.put(t, path, h.admin(t), map[string]any{"enabled": true}).problem(http.StatusForbidden, "tenant_inactive")
		h.del(t, path, h.admin(t)).problem(http.StatusForbidden, "tenant_inactive")
		h.put(t, stripePath(tm.tenantID), h.admin(t), map[string]any{"enabled": true}).problem(http.StatusForbidden, "tenant_inactive")
		if got := h.get(t, path, h.admin(t)).expect(http.StatusOK).obj(); !got.boolean("enabled") {
			t.Errorf("a refused change applied: %s", got)
		}
	})
}
