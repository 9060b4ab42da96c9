package test

import (
	"maps"
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/id"
)

// callFunc builds the request of a case.
type callFunc = func(t *testing.T, m *matrix, c *caller, tg target, w want) call

// expectations is the matrix's table: one hand-written entry per route of
// the route table, keyed "METHOD /path" exactly as the table has it.
func expectations() map[string]entry {
	out := map[string]entry{}
	for _, area := range []map[string]entry{tenantEntries(), operationEntries(), identityEntries(), mfaEntries(),
		memberEntries(), outletEntries(), bookingEntries(), apiKeyEntries(), billingEntries(), pageEntries(), consoleEntries(), credentialEntries(), limitEntries(), statsEntries(), auditEntries(),
		partnerEntries(), webhookEntries(), webhookEndpointEntries(), settingEntries(), storageEntries(), adminEntries(), customerEntries(), appointmentEntries(),
		compatTrueportEntries(), erasureEntries(), exchangeEntries(),
		platformKeyEntries(), supertokensEntries(), persEntries()} {
		maps.Copy(out, area)
	}
	return out
}

// fixed always sends the same request.
func fixed(cl call) callFunc {
	return func(*testing.T, *matrix, *caller, target, want) call { return cl }
}

// pick is the resource a target names: A's, B's, or a fresh id with
// prefix that nothing has.
func pick(tg target, a, b, prefix string) string {
	switch tg {
	case foreign:
		return b
	case missing:
		return id.New(prefix)
	}
	return a
}

// atTenant sends body to the tenant the target names, in the path.
func atTenant(body any) callFunc {
	return func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
		return call{vals: map[string]string{"tenant_id": pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)}, body: body}
	}
}

var tenantTargets = []target{own, foreign, missing}

// tenantEntries cover registration, sessions, tenants and the audit log.
func tenantEntries() map[string]entry {
	return map[string]entry{
		"POST /api/v1/public/register": {want: always(ok(http.StatusCreated)),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: registration("Isolation Walkin " + m.unique())}
			}},
		// Judgment: whether a slug is taken is public by design (registration
		// needs it), so B's slug answers "taken" like A's; the answer names
		// nothing but the slug asked about.
		"GET /api/v1/tenants/check-availability": {targets: tenantTargets, want: always(ok(http.StatusOK)),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{query: "slug=" + map[target]string{own: m.a.slug, foreign: m.b.slug, missing: "free-slug-" + m.unique()}[tg]}
			},
			check: func(t *testing.T, _ *matrix, _ *caller, tg target, r *response) {
				if got := r.obj().boolean("available"); got != (tg == missing) {
					t.Errorf("check-availability (%s): available = %v", tg, got)
				}
			}},
		"POST /api/v1/auth/login": {targets: tenantTargets,
			want: per(map[target]want{own: ok(http.StatusOK), foreign: notFound("tenant_not_found"), missing: notFound("tenant_not_found")}),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"email": m.a.emails["owner"], "password": goodPassword,
					"tenant_id": pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)}}
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				claims(t, r.obj().str("access_token")).eq("tenant_id", m.a.tenantID)
			}},
		"POST /api/v1/auth/select-tenant": {targets: tenantTargets, want: self,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				return call{body: map[string]any{"tenant_id": pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)}}
			},
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				o := r.obj()
				o.eq("tenant_id", m.a.tenantID)
				o.eq("role", string(c.role))
			}},
		"POST /api/v1/auth/refresh": {want: always(ok(http.StatusOK)),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"refresh_token": m.refresh}}
			},
			check: func(_ *testing.T, m *matrix, _ *caller, _ target, r *response) {
				m.refresh = r.obj().str("refresh_token")
			}},
		// Logging out with B's refresh token answers like an unknown one
		// (204: the caller's own token ends) and B's session lives on.
		"POST /api/v1/auth/logout": {targets: []target{foreign, missing},
			want: func(m *matrix, rt api.Route, c *caller, _ target) want {
				if w, done := gate(m, rt, c); done {
					return w
				}
				return ok(http.StatusNoContent)
			},
			call: func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
				cl := call{body: map[string]any{"refresh_token": pick(tg, "", m.b.refresh, id.Session)}}
				if w.code == "" {
					cl.token = m.freshToken(t, c)
					m.ended = cl.token
				}
				return cl
			},
			check: endedNotB},

		"GET /api/v1/tenants": {want: self, call: fixed(call{}),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				if !listed(r, m.a.tenantID) {
					t.Errorf("GET /api/v1/tenants does not list tenant A: %.300s", r.body)
				}
			}},
		"POST /api/v1/tenants": {want: self,
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"name": "Isolation Org " + m.unique()}}
			}},
		"GET /api/v1/tenants/{tenant_id}":             {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		"PUT /api/v1/tenants/{tenant_id}":             {targets: tenantTargets, want: onTenant, call: atTenant(map[string]any{"description": "Checked by the isolation matrix"})},
		"DELETE /api/v1/tenants/{tenant_id}":          {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		"POST /api/v1/tenants/{tenant_id}/reactivate": {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		"PUT /api/v1/admin/tenants/{tenant_id}/status": {targets: tenantTargets, want: onTenant,
			call: atTenant(map[string]any{"status": "active", "reason": "isolation matrix"})},
		"GET /api/v1/tenants/{tenant_id}/staff-position-templates":   {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		"GET /api/v1/tenants/{tenant_id}/service-category-templates": {targets: tenantTargets, want: onTenant, call: atTenant(nil)},
		// The audit log names its tenant in the query; without it, the token's.
		"GET /api/v1/audit-logs": {targets: tenantTargets, want: onTenant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				if tg == own {
					return call{query: "limit=500"}
				}
				return call{query: "limit=500&tenant_id=" + pick(tg, "", m.b.tenantID, id.Tenant)}
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				if !listed(r, m.a.tenantID) {
					t.Errorf("tenant A's audit log lists no event of A: %.300s", r.body)
				}
			}},
	}
}

// operationEntries cover probes, metrics and the API reference: the same
// for every caller, and nothing of B in them.
func operationEntries() map[string]entry {
	out := map[string]entry{}
	for _, p := range []string{"/.well-known/jwks.json", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"} {
		out["GET "+p] = entry{want: always(ok(http.StatusOK)), call: fixed(call{})}
	}
	out["GET /docs/{file}"] = entry{want: always(ok(http.StatusOK)), call: fixed(call{vals: map[string]string{"file": "docs.css"}})}
	return out
}

// endedNotB checks a sign-out that named B's session: the caller's own
// token has ended, and B's session lives on (its refresh token still
// refreshes).
func endedNotB(t *testing.T, m *matrix, _ *caller, _ target, _ *response) {
	m.h.get(t, "/api/v1/me", m.ended).problem(http.StatusUnauthorized, "invalid_token")
	o := m.h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": m.b.refresh}).expect(http.StatusOK).obj()
	m.b.refresh = o.str("refresh_token")
}
