package test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/credential"
)

// paperIDSeed is the reserva seed's request example.
func paperIDSeed() map[string]any {
	return map[string]any{"client_id": "tenant_client_id_12345", "client_secret": "your_secret_key_here",
		"is_production": true, "enabled": true}
}

func paperIDPath(tenantID string) string { return "/api/v1/tenants/" + tenantID + "/paper-id-config" }
func stripePath(tenantID string) string  { return "/api/v1/tenants/" + tenantID + "/stripe-config" }

// keysOf returns the sorted field names of o.
func keysOf(o obj) []string {
	var out []string
	for k := range o.m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// paperIDShape checks that o has exactly the fields of the reserva seed's
// answer.
func paperIDShape(t testing.TB, o obj) {
	t.Helper()
	if got := keysOf(o); !slices.Equal(got, []string{"client_id", "created_at", "enabled", "is_production", "updated_at"}) {
		t.Fatalf("paper-id-config answer has fields %v: %s", got, o)
	}
}

// openedSecrets returns the sealed secrets of tenantID's credential for p,
// opened by the server, as the code calling the gateway gets them.
func (h *harness) openedSecrets(t testing.TB, tenantID string, p credential.Provider) (enabled bool, secrets credential.Fields) {
	t.Helper()
	v, s, err := h.srv.App.OpenGatewayCredential(context.Background(), tenantID, p)
	if err != nil {
		t.Fatalf("open %s credential of %s: %v", p, tenantID, err)
	}
	return v.Enabled, s
}

// stripeKeys are well-formed Stripe test keys, distinct per name.
func stripeKeys(name string) (secretKey, webhook, publishable string) {
	k := key(name)
	pad := func(s string) string {
		out := []byte{}
		for _, r := range s {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				out = append(out, byte(r))
			}
		}
		return string(out) + "0123456789abcdef"
	}
	return "sk_test_Sec" + pad(k), "whsec_Hook" + pad(k), "pk_test_Pub" + pad(k)
}

// deactivate deactivates tenantID as the platform admin.
func (h *harness) deactivate(t testing.TB, tenantID string) {
	t.Helper()
	h.del(t, "/api/v1/tenants/"+tenantID, h.admin(t)).expect(http.StatusNoContent)
}
