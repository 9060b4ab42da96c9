package test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
)

// TestAuthorizeBeforeValidate (issue 7, defect 9): a caller learns nothing
// about a route it may not use. Generated from the route table and the
// permission table: for every route with a permission action, every caller
// the table refuses (each role not allowed, an API key without the scope)
// sends invalid requests — bad query parameters, a missing, malformed or
// empty body, unknown fields, wrong types — aimed at its own tenant's
// resources, and gets 403, never a 400 or 422 about its input; aimed at
// another tenant's resources or missing ones it gets 403 or the 404 of
// concealment, the same for both.
func TestAuthorizeBeforeValidate(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		m := &matrix{h: h, keyScopes: []string{apikey.ScopeTenantRead}}
		a, tokens := m.newSide(t, "Authorize First Spa", true)
		b, _ := m.newSide(t, "Authorize Other Spa", false)
		key := h.createKey(t, a.owner, "tenant:read only", "prod", apikey.ScopeTenantRead).str("key")
		callers := []*caller{{name: "api_key", key: key}}
		for _, r := range membership.Roles() {
			callers = append(callers, &caller{name: string(r), role: r, token: tokens[r]})
		}
		cases := 0
		for _, rt := range h.srv.API.Routes() {
			if rt.Action == "" {
				continue
			}
			for _, c := range callers {
				if may(m, rt, c) {
					continue
				}
				for _, in := range invalidInputs(rt) {
					where := fmt.Sprintf("%s as %s with %s", routeKey(rt), c.name, in.name)
					cl := call{vals: pathValues(t, rt, a, "own"), query: in.query, body: in.body}
					r := m.send(t, rt, c, cl, cl.path(t, rt))
					cases++
					if r.status != http.StatusForbidden {
						t.Errorf("%s, own target: status %d, want 403; body: %.300s", where, r.status, r.body)
					}
					if !pathNamesResource(rt) {
						continue
					}
					var answers []string
					for _, tg := range []string{"foreign", "missing"} {
						side := b
						if tg == "missing" {
							side = nil
						}
						cl := call{vals: pathValues(t, rt, side, tg), query: in.query, body: in.body}
						r := m.send(t, rt, c, cl, cl.path(t, rt))
						cases++
						if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
							t.Errorf("%s, %s target: status %d, want 403 or 404; body: %.300s", where, tg, r.status, r.body)
						}
						answers = append(answers, fmt.Sprintf("%d %s", r.status, problemCode(r)))
					}
					if answers[0] != answers[1] {
						t.Errorf("%s: the foreign target answered %s, the missing one %s", where, answers[0], answers[1])
					}
				}
			}
		}
		t.Logf("authorize first (%s): %d refused requests checked", h.engine, cases)
	})
}

// invalidInput is one way of sending a route a request it must refuse.
type invalidInput struct {
	name  string
	query string
	body  any
}

// badQuery breaks every query parameter the routes read.
const badQuery = "skip=-1&limit=x&role=bogus&status=bogus&action=&actor_id=&environment=mars"

// invalidInputs lists the invalid requests for rt: bad query parameters,
// and for a route with a body an empty, malformed, empty-object,
// unknown-field, wrong-typed and zero-valued one.
func invalidInputs(rt api.Route) []invalidInput {
	out := []invalidInput{{name: "bad query", query: badQuery}}
	if rt.Body == nil || rt.BodyType != "" {
		return out
	}
	return append(out,
		invalidInput{name: "an empty body", query: badQuery, body: raw("")},
		invalidInput{name: "malformed JSON", body: raw(`{"name": `)},
		invalidInput{name: "an empty object", body: raw(`{}`)},
		invalidInput{name: "an unknown field", body: map[string]any{"definitely_not_a_field": 1}},
		invalidInput{name: "wrong types", body: bodyOf(rt.Body, wrongType)},
		invalidInput{name: "zero values", body: bodyOf(rt.Body, zeroValue)},
	)
}

// bodyOf builds a JSON object with every field of the wire type v, each
// given the value of.
func bodyOf(v any, of func(reflect.Type) any) map[string]any {
	out := map[string]any{}
	t := reflect.TypeOf(v)
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		out[name] = of(ft)
	}
	return out
}

// wrongType is a JSON value of another type than t.
func wrongType(t reflect.Type) any {
	if t.Kind() == reflect.String {
		return 12345
	}
	return "not of this type"
}

// zeroValue is an empty or out-of-range value of t.
func zeroValue(t reflect.Type) any {
	switch t.Kind() {
	case reflect.String:
		return ""
	case reflect.Slice:
		return []string{""}
	case reflect.Bool:
		return false
	case reflect.Struct, reflect.Map:
		return map[string]any{}
	}
	return -1
}

// pathNamesResource reports whether rt's path names a tenant or one of its
// resources.
func pathNamesResource(rt api.Route) bool { return strings.Contains(rt.Path, "{") }

// pathValues fills rt's path parameters with s's resources, or well-formed
// ids nothing has when s is nil.
func pathValues(t *testing.T, rt api.Route, s *side, what string) map[string]string {
	t.Helper()
	vals := map[string]string{}
	for _, seg := range strings.Split(rt.Path, "/") {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Trim(seg, "{}")
		v := ""
		switch {
		case s == nil:
			v = map[string]string{"tenant_id": id.New(id.Tenant), "user_id": id.New(id.User), "outlet_id": id.New(id.Outlet),
				"invite_id": id.New(id.Invite), "key_id": id.New(id.APIKey), "plan_id": id.New(id.Plan),
				"service_id": id.New(id.Service), "staff_id": id.New(id.StaffMember), "key": "features.missing_key",
				"customer_id": id.New(id.Customer), "appointment_id": id.New(id.Appointment), "webhook_id": id.New("whk"),
				"delivery_id": id.New("msg")}[name]
		default:
			v = map[string]string{"tenant_id": s.tenantID, "user_id": s.users[membership.Viewer], "outlet_id": s.outlets[0],
				"invite_id": s.inviteID, "key_id": s.keyID, "plan_id": "plan_basic",
				"service_id": s.services[0], "staff_id": s.staff[0], "key": "branding.primary_color", "customer_id": s.customerID,
				"appointment_id": s.appointments[0], "webhook_id": s.hookID, "delivery_id": s.deliveryID}[name]
		}
		if v == "" {
			t.Fatalf("%s: no %s value for the path parameter %s", routeKey(rt), what, name)
		}
		vals[name] = v
	}
	return vals
}

// problemCode returns the code of a problem answer, or "".
func problemCode(r *response) string {
	var p struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.body, &p)
	return p.Code
}
