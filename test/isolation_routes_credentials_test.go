package test

import (
	"net/http"
	"testing"
)

// configured makes sure tenants A and B both have Paper.id and Stripe
// credentials (as the platform admin, once), so that a foreign target
// names a configuration that exists and own reads succeed.
func (m *matrix) configured(t *testing.T) {
	t.Helper()
	for _, s := range []*side{m.a, m.b} {
		if m.h.get(t, paperIDPath(s.tenantID), m.h.admin(t)).status == http.StatusOK {
			continue
		}
		m.h.put(t, paperIDPath(s.tenantID), m.h.admin(t), map[string]any{"client_id": "iso_client_" + s.slug,
			"client_secret": "iso-secret-" + s.slug}).expect(http.StatusOK)
		sk, wh, pk := stripeKeys(s.name)
		m.h.put(t, stripePath(s.tenantID), m.h.admin(t), map[string]any{"secret_key": sk, "webhook_secret": wh,
			"publishable_key": pk}).expect(http.StatusOK)
	}
}

// atConfigured names the tenant a target says in the path, once both
// tenants have their gateway credentials.
func atConfigured(body any) callFunc {
	return func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
		m.configured(t)
		return atTenant(body)(t, m, c, tg, w)
	}
}

// credentialEntries cover a tenant's gateway credentials: owner and
// tenant_admin only, never an API key; another tenant answers like a
// missing one (tenant_not_found), before any role is considered.
func credentialEntries() map[string]entry {
	const paper, stripe = "/api/v1/tenants/{tenant_id}/paper-id-config", "/api/v1/tenants/{tenant_id}/stripe-config"
	return map[string]entry{
		"PUT " + paper: {targets: tenantTargets, want: onTenant,
			call: atConfigured(map[string]any{"is_production": false, "enabled": true})},
		"GET " + paper: {targets: tenantTargets, want: onTenant, call: atConfigured(nil),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) { paperIDShape(t, r.obj()) }},
		"DELETE " + paper: {targets: tenantTargets, want: onTenant, call: atConfigured(nil)},
		"PUT " + stripe: {targets: tenantTargets, want: onTenant,
			call: atConfigured(map[string]any{"enabled": true})},
		"GET " + stripe: {targets: tenantTargets, want: onTenant, call: atConfigured(nil),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); !o.boolean("has_secret_key") || o.has("secret_key") || o.has("webhook_secret") {
					t.Errorf("stripe-config: %s", o)
				}
			}},
	}
}
