package test

import (
	"net/http"
	"slices"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/membership"
)

// The answers the expectations are made of.
func ok(status int) want                   { return want{status: status} }
func problem(status int, code string) want { return want{status: status, code: code} }
func notFound(code string) want            { return problem(http.StatusNotFound, code) }

var forbidden = problem(http.StatusForbidden, "forbidden")

// wantFunc computes the answer of a case.
type wantFunc = func(m *matrix, rt api.Route, c *caller, tg target) want

// gate is what the route table answers before any use case runs: 401 to an
// anonymous caller of an authenticated route, and 403 to an API key on a
// route that acts for a signed-in user (no action) or whose action's scope
// the key does not hold. The key is refused by the route before anything
// is looked up, so it gets the same 403 for own, foreign and missing
// targets. Judgment: like the 401 of a missing credential, a refusal of the
// kind of credential says nothing about tenant B, so it is not turned into
// a 404 (the foreign and missing answers are still compared).
func gate(m *matrix, rt api.Route, c *caller) (want, bool) {
	if rt.Access != api.Authenticated {
		return want{}, false
	}
	switch {
	case c.anonymous():
		return problem(http.StatusUnauthorized, "missing_token"), true
	case c.key == "":
		return want{}, false
	case rt.Action == "":
		return problem(http.StatusForbidden, "user_token_required"), true
	}
	if !may(m, rt, c) {
		return problem(http.StatusForbidden, "insufficient_scope"), true
	}
	return want{}, false
}

// may reports whether the permission table lets c perform rt's action: a
// member by its role, the API key by its scopes.
func may(m *matrix, rt api.Route, c *caller) bool {
	rule, _ := membership.RuleOf(rt.Action)
	if c.key != "" {
		return rule.Scope != "" && slices.Contains(m.keyScopes, rule.Scope)
	}
	return slices.Contains(rule.Roles, c.role)
}

// inTenant expects a route acting on a resource of the token's tenant
// (outlets, users, members, invitations, API keys; or none, for a listing
// or a creation): a foreign or missing resource answers 404 with code nf to
// every member, whether or not its role may act, since the resource is
// looked up before a refusal; an outlet outside a bound role's outlet_ids
// answers 404 as well ("bound"); otherwise the table decides.
func inTenant(nf string) wantFunc {
	return func(m *matrix, rt api.Route, c *caller, tg target) want {
		if w, done := gate(m, rt, c); done {
			return w
		}
		switch {
		case tg == foreign || tg == missing:
			return notFound(nf)
		case tg == ownOther && slices.Contains(boundRoles, c.role):
			return notFound(nf) // bound
		case !may(m, rt, c):
			return forbidden
		}
		return ok(rt.Status)
	}
}

// onTenant expects a route naming a tenant (in the path, or the audit
// log's tenant_id): another tenant answers like a missing one, 404
// tenant_not_found, to every member, before its role is considered.
func onTenant(m *matrix, rt api.Route, c *caller, tg target) want {
	if w, done := gate(m, rt, c); done {
		return w
	}
	switch {
	case tg == foreign || tg == missing:
		return notFound("tenant_not_found")
	case !may(m, rt, c):
		return forbidden
	}
	return ok(rt.Status)
}

// association expects the supertokens association routes: a foreign or
// missing tenant in the path answers tenant_not_found; in A's path, one of
// B's users answers exactly like an unknown id, unknown_user_id, to every
// member of A (B's users are not A's to pull in, nor to probe for).
func association(m *matrix, rt api.Route, c *caller, tg target) want {
	if w, done := gate(m, rt, c); done {
		return w
	}
	switch {
	case tg == foreign || tg == missing:
		return notFound("tenant_not_found")
	case tg == foreignUser || tg == missingUser:
		return notFound("unknown_user_id")
	case !may(m, rt, c):
		return forbidden
	}
	return ok(rt.Status)
}

// self expects a route acting for the signed-in user (no permission
// action): every member succeeds; a tenant named in the body that is not
// one of theirs answers 404 tenant_not_found.
func self(m *matrix, rt api.Route, c *caller, tg target) want {
	if w, done := gate(m, rt, c); done {
		return w
	}
	if tg == foreign || tg == missing {
		return notFound("tenant_not_found")
	}
	return ok(rt.Status)
}

// always expects the same answer whoever calls: a public or operations
// route ignores credentials.
func always(w want) wantFunc {
	return func(*matrix, api.Route, *caller, target) want { return w }
}

// per expects, whoever calls, the answer given for each target.
func per(ws map[target]want) wantFunc {
	return func(_ *matrix, _ api.Route, _ *caller, tg target) want { return ws[tg] }
}
