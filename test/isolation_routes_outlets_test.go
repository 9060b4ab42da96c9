package test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// outletTargets aim at A1 (the bound roles' outlet), A2 (outside it), B1
// and a missing outlet.
var outletTargets = []target{own, ownOther, foreign, missing}

// atOutlet names the outlet a target says; a successful deletion gets a
// throwaway outlet instead of A's.
func atOutlet(body any, destroys bool) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		o := pick(tg, m.a.outlets[0], m.b.outlets[0], id.Outlet)
		if tg == ownOther {
			o = m.a.outlets[1]
		}
		if destroys && (tg == own || tg == ownOther) && w.code == "" {
			o = m.throwawayOutlet(t)
		}
		return call{vals: map[string]string{"outlet_id": o}, body: body}
	}
}

// outletEntries cover a tenant's outlets.
func outletEntries() map[string]entry {
	return map[string]entry{
		// Bound roles list their own outlet only; the others list both.
		"GET /api/v1/outlets": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				bound := slices.Contains(boundRoles, c.role)
				if !listed(r, m.a.outlets[0]) || listed(r, m.a.outlets[1]) == bound {
					t.Errorf("GET /api/v1/outlets as %s (bound %v): %.400s", c.name, bound, r.body)
				}
			}},
		"POST /api/v1/outlets": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: outletBody("Isolation Outlet "+m.unique(), "Iloilo")}
			}},
		"GET /api/v1/outlets/stats":       {want: inTenant(""), call: fixed(call{})},
		"GET /api/v1/outlets/{outlet_id}": {targets: outletTargets, want: inTenant("outlet_not_found"), call: atOutlet(nil, false)},
		"PUT /api/v1/outlets/{outlet_id}": {targets: outletTargets, want: inTenant("outlet_not_found"),
			call: atOutlet(map[string]any{"phone": "+63 2 555 0199"}, false)},
		"DELETE /api/v1/outlets/{outlet_id}": {targets: outletTargets, want: inTenant("outlet_not_found"), call: atOutlet(nil, true)},
	}
}

// publicView expects the context-aware tenant view: A at the caller's
// level, B at the public level whoever asks (its public profile is public
// by design), a missing tenant 404.
func publicView(want200 want) wantFunc {
	return per(map[target]want{own: want200, foreign: {status: http.StatusOK, public: true}, missing: notFound("tenant_not_found")})
}

// levelOf is the level at which c sees tenant A (pers seed): admin for
// those who manage it, client for other members and the API key, public
// for anyone else.
func levelOf(c *caller) string {
	switch {
	case c.role == "owner" || c.role == "tenant_admin":
		return "admin"
	case c.member() || c.key != "":
		return "client"
	}
	return "public"
}

// apiKeyEntries cover a tenant's API keys and the tenant as machine
// clients and front ends see it.
func apiKeyEntries() map[string]entry {
	keyCall := func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		k := pick(tg, m.a.keyID, m.b.keyID, id.APIKey)
		if tg == own && w.code == "" {
			k = m.throwawayKey(t)
		}
		return call{vals: map[string]string{"key_id": k}}
	}
	return map[string]entry{
		"POST /api/v1/api-keys": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"name": "Isolation key " + m.unique(), "environment": "dev"}}
			}},
		"GET /api/v1/api-keys": {want: inTenant(""), call: fixed(call{}),
			check: lists("API key", func(m *matrix) string { return m.a.keyID })},
		"POST /api/v1/api-keys/{key_id}/rotate": {targets: tenantTargets, want: inTenant("api_key_not_found"), call: keyCall},
		"DELETE /api/v1/api-keys/{key_id}":      {targets: tenantTargets, want: inTenant("api_key_not_found"), call: keyCall},
		// A login token of the caller's tenant: no tenant is named.
		"POST /api/v1/login-tokens": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); !strings.HasPrefix(o.str("login_token"), "ltk_") {
					t.Errorf("login token %s", o)
				}
			}},

		"GET /api/v1/tenants/me": {want: inTenant(""), call: fixed(call{}),
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				o := r.obj()
				o.eq("id", m.a.tenantID)
				o.eq("access_level", levelOf(c))
			}},
		"GET /api/v1/public/tenants/{slug_or_id}": {targets: tenantTargets, want: publicView(ok(http.StatusOK)),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				ref := map[target]string{own: m.a.tenantID, foreign: m.b.slug, missing: "no-such-spa-" + m.unique()}[tg]
				return call{vals: map[string]string{"slug_or_id": ref}}
			},
			check: func(t *testing.T, m *matrix, c *caller, tg target, r *response) {
				o := r.obj()
				if tg == own {
					o.eq("access_level", levelOf(c))
					return
				}
				o.eq("access_level", "public")
				for _, k := range []string{"email", "client_config", "tenant", "environment"} {
					if o.has(k) {
						t.Errorf("tenant B's public view shows %q to A's %s: %s", k, c.name, r.body)
					}
				}
			}},
		"GET /api/v1/public/tenants/{slug_or_id}/client-config": {targets: tenantTargets, want: publicView(ok(http.StatusOK)),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				ref := map[target]string{own: m.a.slug, foreign: m.b.tenantID, missing: "no-such-spa-" + m.unique()}[tg]
				return call{vals: map[string]string{"slug_or_id": ref}}
			}},
	}
}
