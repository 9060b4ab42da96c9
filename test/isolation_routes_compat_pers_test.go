package test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/membership"
)

// persAnonymous is pers's refusal of a caller without credentials.
var persAnonymous = problem(http.StatusUnauthorized, "missing_credentials")

// persEntries cover the pers seed surface: another door to the same
// tenants. The matrix's API key arrives in X-API-Key, pers's x-api-key,
// which takes a project key as well as the platform's: it acts as the
// tenant's key there. Another tenant's project answers like the native
// public view: its public profile, or 404 when missing.
func persEntries() map[string]entry {
	needs := func(action membership.Action, denied want) wantFunc {
		return func(m *matrix, _ api.Route, c *caller, _ target) want {
			rule, _ := membership.RuleOf(action)
			switch {
			case c.anonymous():
				return persAnonymous
			case c.key != "" && !slices.Contains(m.keyScopes, rule.Scope):
				return problem(http.StatusForbidden, "insufficient_scope")
			case c.key == "" && !slices.Contains(rule.Roles, c.role):
				return denied
			}
			return ok(http.StatusOK)
		}
	}
	return map[string]entry{
		// Only the platform's key (or a platform admin) creates projects.
		"POST /tenants": {want: func(_ *matrix, _ api.Route, c *caller, _ target) want {
			if c.anonymous() {
				return persAnonymous
			}
			return problem(http.StatusForbidden, "platform_admin_required")
		}, call: fixed(call{body: map[string]any{"projectName": "Isolation Project"}})},
		// The caller's own project only: no tenant is named.
		"PUT /tenants": {want: needs(membership.TenantUpdate, forbidden),
			call: fixed(call{body: map[string]any{"projectDescription": "Updated through pers"}}),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				r.obj().eq("id", m.a.tenantID)
			}},
		"GET /tenants/client-config": {want: func(_ *matrix, _ api.Route, c *caller, _ target) want {
			if c.anonymous() {
				return persAnonymous
			}
			return ok(http.StatusOK)
		}, call: fixed(call{}),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) { r.obj().eq("id", m.a.tenantID) }},
		"GET /tenants/me": {want: needs(membership.TenantRead, forbidden), call: fixed(call{}),
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				o := r.obj()
				o.eq("id", m.a.tenantID)
				o.eq("accessLevel", levelOf(c))
			}},
		// A login token of the caller's own project: no tenant is named.
		"GET /tenants/login-token": {want: needs(membership.LoginTokenIssue, forbidden), call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				var tok string
				if err := json.Unmarshal(r.body, &tok); err != nil || !strings.HasPrefix(tok, "ltk_") {
					t.Errorf("login token %s (%v)", r.body, err)
				}
			}},
		"GET /tenants/{id}": {targets: tenantTargets, want: publicView(ok(http.StatusOK)),
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				ref := map[target]string{own: m.a.tenantID, foreign: m.b.slug, missing: "no-such-project-" + m.unique()}[tg]
				return call{vals: map[string]string{"id": ref}}
			},
			check: func(t *testing.T, m *matrix, c *caller, tg target, r *response) {
				o := r.obj()
				if tg == own {
					o.eq("accessLevel", levelOf(c))
					return
				}
				o.eq("accessLevel", "public")
				if o.has("projectEmail") {
					t.Errorf("another project's email shows: %s", o)
				}
			}},
	}
}
