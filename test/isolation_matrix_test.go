package test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestIsolationMatrix is the proof of issue 4: with two tenants A and B that
// hold a member of every role and one resource of every type, it calls
// every route of the route table as every caller of A (each role's
// tenant-scoped token, an API key with every scope, no credentials),
// aimed at A's own resources and at B's and at missing ones. B's resources
// answer exactly like missing ones, forbidden actions 403, allowed ones
// succeed, and no answer carries anything that identifies B (except B's
// public profile where it is public by design). A route of the table
// without an expectation, or an expectation without a route, fails the test.
func TestIsolationMatrix(t *testing.T) {
	// X-Forwarded-For is trusted, so that the cases of the seed surfaces'
	// mail requests come from another client address than the native
	// ones' (the per-address limit of sign-in codes and reset links).
	forEachEngine(t, options{trustProxy: true}, func(t *testing.T, h *harness) {
		start := time.Now()
		m := &matrix{h: h, keyScopes: apikey.Scopes(), problems: map[string]map[string]any{}}
		var tokens map[membership.Role]string
		m.a, tokens = m.newSide(t, "Isolation Alpha Spa", true)
		m.b, _ = m.newSide(t, "Isolation Beta Spa", false)
		m.callers = m.newCallers(tokens)
		m.refresh = m.a.refresh

		table := expectations()
		routes := m.plan(t, h.srv.API.Routes(), table)
		for _, rt := range routes {
			e := table[routeKey(rt)]
			for _, c := range m.callers {
				for _, tg := range e.aims() {
					m.run(t, rt, e, c, tg)
				}
				m.compare(t, rt, c, e)
			}
		}
		line := fmt.Sprintf("isolation matrix (%s): %d routes, %d callers, %d cases checked in %s",
			h.engine, len(routes), len(m.callers), m.cases, time.Since(start).Round(time.Millisecond))
		t.Log(line)
		fmt.Println(line)
	})
}

// matrix is the state of one engine's run.
type matrix struct {
	h         *harness
	a, b      *side
	callers   []*caller
	keyScopes []string                  // the scopes of A's API key
	refresh   string                    // the owner of A's current refresh token (the refresh cases rotate it)
	problems  map[string]map[string]any // the problem each (route, caller, target) answered, to compare foreign with missing
	seq       int
	ended     string // the token a logout case ended
	recovery  string // a recovery code of the TOTP a case enabled
	low       string // the lowest plan, which the downgrade cases move to (isolation_routes_billing_test.go)
	cases     int
}

// target is what one case aims at.
type target string

// The targets. A route that names no resource is called with own only.
const (
	own         target = "own"          // tenant A's resource (for outlets: A1, the bound roles' outlet)
	ownOther    target = "own-other"    // A's outlet A2, outside the bound roles' outlet_ids
	foreign     target = "foreign"      // tenant B's resource
	missing     target = "missing"      // a well-formed id that nothing has
	foreignUser target = "foreign-user" // association: A in the path, one of B's users in the body
	missingUser target = "missing-user" // association: A in the path, an unknown user id in the body
)

// likeMissing pairs each foreign target with the missing one it must answer exactly like.
var likeMissing = map[target]target{foreign: missing, foreignUser: missingUser}

// caller is one way of calling the API as tenant A.
type caller struct {
	name   string
	role   membership.Role // "" for the API key and the anonymous caller
	token  string          // a member's tenant-scoped access token
	key    string          // the API key's secret
	userID string
	email  string
}

func (c *caller) member() bool    { return c.token != "" }
func (c *caller) anonymous() bool { return c.token == "" && c.key == "" }

// call is the request of one case, on its route's method and path.
type call struct {
	vals   map[string]string // the path's parameters
	query  string
	body   any
	token  string // sent instead of the member's own token
	header map[string]string
}

// want is the answer a case expects.
type want struct {
	status int
	code   string // the problem's code; "" for a success
	public bool   // B's public profile (id, name, slug) may appear: public by design
}

// entry is the hand-written expectation of one route.
type entry struct {
	// targets are what the route can aim at; nil means own only.
	targets []target
	// want is the answer of a case.
	want func(m *matrix, rt api.Route, c *caller, tg target) want
	// call builds the request of a case expected to answer w; it may first
	// create a throwaway target for a call that destroys it.
	call func(t *testing.T, m *matrix, c *caller, tg target, w want) call
	// check, when set, inspects a successful answer further.
	check func(t *testing.T, m *matrix, c *caller, tg target, r *response)
	// phase orders routes that change the callers themselves after all
	// others (1: ownership transfer, 2: password change).
	phase int
}

func (e entry) aims() []target {
	if e.targets == nil {
		return []target{own}
	}
	return e.targets
}

func routeKey(rt api.Route) string { return rt.Method + " " + rt.Path }

// plan checks that the route table and the expectations cover each other
// exactly, and returns the routes in the order to call them: the table's,
// with the later phases at the end.
func (m *matrix) plan(t *testing.T, routes []api.Route, table map[string]entry) []api.Route {
	t.Helper()
	seen := map[string]bool{}
	for _, rt := range routes {
		// A seed's route standing for a native one is another door to the
		// same room: it meets the native route's expectations unless it
		// has its own.
		if _, ok := table[routeKey(rt)]; !ok && rt.Native != "" {
			if e, ok := table[rt.Native]; ok {
				table[routeKey(rt)] = e
			}
		}
	}
	for _, rt := range routes {
		k := routeKey(rt)
		seen[k] = true
		if _, ok := table[k]; !ok {
			t.Errorf("route %s has no entry in the isolation matrix's expectations", k)
		}
	}
	for k := range table {
		if !seen[k] {
			t.Errorf("the isolation matrix expects route %s, which the route table no longer has", k)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	out := slices.Clone(routes)
	sort.SliceStable(out, func(i, j int) bool { return table[routeKey(out[i])].phase < table[routeKey(out[j])].phase })
	return out
}

// path fills the route's path parameters.
func (cl call) path(t *testing.T, rt api.Route) string {
	t.Helper()
	p := rt.Path
	for k, v := range cl.vals {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "{"+k+"}", v), "{"+k+"...}", v)
	}
	if strings.Contains(p, "{") {
		t.Fatalf("%s: path parameters left unfilled in %s", routeKey(rt), p)
	}
	if cl.query != "" {
		p += "?" + cl.query
	}
	return p
}
