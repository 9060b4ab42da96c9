package test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/credential"
)

// TestStripeConfig: a tenant's own Stripe keys (pers seed) are format
// checked, sealed and never answered; the answer says which are set; the
// publishable key appears in the public client configuration while
// enabled; a key left out is kept.
func TestStripeConfig(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Stripe Keys Spa")
		path := stripePath(tm.tenantID)
		sk, wh, pk := stripeKeys("Stripe Keys Spa")
		h.get(t, path, tm.owner).problem(http.StatusNotFound, "stripe_config_not_found")

		invalid := func(body any, want map[string]string) {
			t.Helper()
			got := h.put(t, path, tm.owner, body).problem(http.StatusUnprocessableEntity, "validation_failed").fieldErrors()
			if len(got) != len(want) {
				t.Errorf("PUT %v: fields %v, want %v", body, got, want)
			}
			for f, code := range want {
				if got[f] != code {
					t.Errorf("PUT %v: %s is %q, want %q", body, f, got[f], code)
				}
			}
		}
		invalid(map[string]any{"webhook_secret": wh}, map[string]string{"secret_key": "required", "publishable_key": "required"})
		invalid(map[string]any{"secret_key": sk}, map[string]string{"publishable_key": "required"})
		invalid(map[string]any{"secret_key": pk, "webhook_secret": sk, "publishable_key": wh}, map[string]string{
			"secret_key": "invalid_secret_key", "webhook_secret": "invalid_webhook_secret", "publishable_key": "invalid_publishable_key"})
		invalid(map[string]any{"secret_key": "rk_live_abcdefghijkl", "publishable_key": pk}, map[string]string{"secret_key": "invalid_secret_key"})
		invalid(map[string]any{"secret_key": sk, "publishable_key": "pk_live_abcdefghijklmnop"}, map[string]string{"publishable_key": "mode_mismatch"})
		h.get(t, path, tm.owner).problem(http.StatusNotFound, "stripe_config_not_found")

		put := h.put(t, path, tm.owner, map[string]any{"secret_key": sk, "publishable_key": pk}).expect(http.StatusOK)
		noLeak(t, string(put.body), sk, wh)
		o := put.obj()
		if got := keysOf(o); !slices.Equal(got, []string{"created_at", "enabled", "has_secret_key", "has_webhook_secret",
			"mode", "publishable_key", "secret_key_last4", "updated_at"}) {
			t.Fatalf("fields %v", got)
		}
		o.eq("publishable_key", pk)
		o.eq("mode", "test")
		o.eq("secret_key_last4", sk[len(sk)-4:])
		if !o.boolean("has_secret_key") || o.boolean("has_webhook_secret") || !o.boolean("enabled") {
			t.Fatalf("first PUT: %s", o)
		}
		clientConfig := func() map[string]any {
			return h.get(t, "/api/v1/public/tenants/"+tm.slug+"/client-config", "").expect(http.StatusOK).obj().sub("publishable_keys").m
		}
		if keys := clientConfig(); len(keys) != 1 || keys["stripe"] != pk {
			t.Fatalf("client config publishable keys: %v", keys)
		}
		if c := h.get(t, "/api/v1/tenants/me", tm.owner).expect(http.StatusOK).obj().sub("client_config").sub("publishable_keys"); c.str("stripe") != pk {
			t.Fatalf("tenant view client config: %s", c)
		}

		// The webhook secret comes later; the secret key stays.
		o = h.put(t, path, tm.owner, map[string]any{"webhook_secret": wh}).expect(http.StatusOK).obj()
		if !o.boolean("has_secret_key") || !o.boolean("has_webhook_secret") {
			t.Fatalf("after adding the webhook secret: %s", o)
		}
		if _, s := h.openedSecrets(t, tm.tenantID, credential.Stripe); s[credential.SecretKey] != sk || s[credential.WebhookSecret] != wh {
			t.Fatal("the secrets do not open to what was sent")
		}
		if got := h.get(t, path, tm.owner).expect(http.StatusOK).obj(); got.String() != o.String() {
			t.Fatalf("GET %s, PUT answered %s", got, o)
		}
		// A live secret key with the test publishable key is refused.
		invalid(map[string]any{"secret_key": "sk_live_abcdefghijklmnop"}, map[string]string{"publishable_key": "mode_mismatch"})
		// Both live: fine.
		o = h.put(t, path, tm.owner, map[string]any{"secret_key": "sk_live_abcdefghijklmnop", "publishable_key": "pk_live_abcdefghijklmnop"}).
			expect(http.StatusOK).obj()
		o.eq("mode", "live")
		o.eq("secret_key_last4", "mnop")
		if _, s := h.openedSecrets(t, tm.tenantID, credential.Stripe); s[credential.SecretKey] != "sk_live_abcdefghijklmnop" || s[credential.WebhookSecret] != wh {
			t.Fatal("replacing the secret key lost the webhook secret")
		}

		// Disabled: no publishable key for front ends; enabled again: back.
		h.put(t, path, tm.owner, map[string]any{"enabled": false}).expect(http.StatusOK)
		if keys := clientConfig(); len(keys) != 0 {
			t.Fatalf("a disabled key is published: %v", keys)
		}
		h.put(t, path, tm.owner, map[string]any{"enabled": true}).expect(http.StatusOK)
		if keys := clientConfig(); keys["stripe"] != "pk_live_abcdefghijklmnop" {
			t.Fatalf("re-enabled: %v", keys)
		}

		// Roles and other tenants as for Paper.id.
		_, staff := h.teammate(t, tm, "staff@stripe-keys.example.com", "staff")
		h.get(t, path, staff).problem(http.StatusForbidden, "forbidden")
		h.put(t, path, staff, map[string]any{"enabled": false}).problem(http.StatusForbidden, "forbidden")
		other := h.newTeam(t, "Stripe Neighbour Spa")
		h.get(t, path, other.owner).problem(http.StatusNotFound, "tenant_not_found")
		h.put(t, path, other.owner, map[string]any{"enabled": false}).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, stripePath(other.tenantID), other.owner).problem(http.StatusNotFound, "stripe_config_not_found")
		h.get(t, path, h.admin(t)).expect(http.StatusOK)
		if keys := h.get(t, "/api/v1/public/tenants/"+other.slug+"/client-config", "").expect(http.StatusOK).obj().sub("publishable_keys").m; len(keys) != 0 {
			t.Fatalf("another tenant's client config: %v", keys)
		}
	})
}
