package test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
)

// run performs one case of the matrix and checks its answer: the status and
// problem code expected, no identifier of B, and the entry's own checks.
func (m *matrix) run(t *testing.T, rt api.Route, e entry, c *caller, tg target) {
	t.Helper()
	w := e.want(m, rt, c, tg)
	cl := e.call(t, m, c, tg, w)
	path := cl.path(t, rt)
	r := m.send(t, rt, c, cl, path)
	m.cases++
	where := fmt.Sprintf("%s as %s, %s target", routeKey(rt), c.name, tg)
	m.noLeak(t, where, r, path, cl.body, w.public)
	if r.status != w.status {
		t.Errorf("%s: status %d, want %d %s; body: %.400s", where, r.status, w.status, w.code, r.body)
		return
	}
	if w.code != "" {
		if p, ok := problemOf(t, where, r, w.code); ok {
			m.problems[where] = p
		}
		return
	}
	if e.check != nil {
		e.check(t, m, c, tg, r)
	}
}

// send makes the request of a case with the caller's credentials: the
// member's token (or the one the call names), the API key, or none.
func (m *matrix) send(t *testing.T, rt api.Route, c *caller, cl call, path string) *response {
	t.Helper()
	hdr := map[string]string{}
	token := ""
	switch {
	case c.key != "":
		hdr["X-API-Key"] = c.key
	case c.member() && cl.token != "":
		token = cl.token
	case c.member():
		token = c.token
	}
	for k, v := range cl.header {
		hdr[k] = v
	}
	return m.h.do(t, rt.Method, path, req{body: cl.body, token: token, header: hdr})
}

// problemOf checks that r is a problem document with code and returns it.
func problemOf(t *testing.T, where string, r *response, code string) (map[string]any, bool) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", where, ct)
	}
	var p map[string]any
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Errorf("%s: the problem is not a JSON object: %v: %.300s", where, err, r.body)
		return nil, false
	}
	if p["code"] != code {
		t.Errorf("%s: problem code %v, want %s; body: %.400s", where, p["code"], code, r.body)
		return nil, false
	}
	return p, true
}

// compare checks that, for one route and caller, each foreign target was
// answered exactly like its missing counterpart: the same problem, field
// for field, but for where it was asked (instance) and the request id.
func (m *matrix) compare(t *testing.T, rt api.Route, c *caller, e entry) {
	t.Helper()
	for _, tg := range e.aims() {
		mt, paired := likeMissing[tg]
		if !paired {
			continue
		}
		key := func(tg target) string { return fmt.Sprintf("%s as %s, %s target", routeKey(rt), c.name, tg) }
		f, ok1 := m.problems[key(tg)]
		g, ok2 := m.problems[key(mt)]
		if !ok1 || !ok2 {
			continue // a success (public by design) or a failure already reported
		}
		for _, k := range []string{"instance", "request_id"} {
			delete(f, k)
			delete(g, k)
		}
		if !reflect.DeepEqual(f, g) {
			t.Errorf("%s as %s: the %s target answered %v, the %s one %v: a foreign resource must answer exactly like a missing one",
				routeKey(rt), c.name, tg, f, mt, g)
		}
	}
}

// noLeak fails when the answer (body or headers) carries anything that
// identifies tenant B, other than what the request itself sent and, when
// public, B's public profile.
func (m *matrix) noLeak(t *testing.T, where string, r *response, path string, body any, public bool) {
	t.Helper()
	sent := path
	switch b := body.(type) {
	case nil:
	case raw:
		sent += string(b)
	default:
		enc, _ := json.Marshal(b)
		sent += string(enc)
	}
	var hdr strings.Builder
	for k, vs := range r.header {
		hdr.WriteString(k + ": " + strings.Join(vs, ", ") + "\n")
	}
	for _, s := range m.b.identifiers() {
		switch {
		case s == "" || strings.Contains(sent, s):
		case public && (s == m.b.tenantID || s == m.b.name || s == m.b.slug):
		case bytes.Contains(r.body, []byte(s)):
			t.Errorf("%s: the answer carries tenant B's %q: %.400s", where, s, r.body)
		case strings.Contains(hdr.String(), s):
			t.Errorf("%s: a header of the answer carries tenant B's %q: %s", where, s, hdr.String())
		}
	}
}

// listed reports whether a listing's raw body names id.
func listed(r *response, id string) bool { return bytes.Contains(r.body, []byte(`"`+id+`"`)) }
