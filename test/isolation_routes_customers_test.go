package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// customerEntries cover a tenant's customers (tenant-wide: no role is bound
// to its outlets for them). Each side's customer is made on first use, one
// per matrix run.
func customerEntries() map[string]entry {
	type pair struct{ a, b string }
	made := map[*matrix]*pair{}
	customers := func(t *testing.T, m *matrix) *pair {
		if p, ok := made[m]; ok {
			return p
		}
		p := &pair{a: m.h.createCustomer(t, m.a.owner, "Alpha Customer", "customer@alpha-iso.example.com").str("id"),
			b: m.h.createCustomer(t, m.b.owner, "Beta Customer", "customer@beta-iso.example.com").str("id")}
		made[m] = p
		return p
	}
	at := func(body any, destroys bool) callFunc {
		return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
			p := customers(t, m)
			c := pick(tg, p.a, p.b, id.Customer)
			if destroys && tg == own && w.code == "" {
				c = m.h.createCustomer(t, m.a.owner, "Temp Customer "+m.unique(), "").str("id")
			}
			return call{vals: map[string]string{"customer_id": c}, body: body}
		}
	}
	return map[string]entry{
		"GET /api/v1/customers": {want: inTenant(""),
			call: func(t *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				customers(t, m)
				return call{query: "limit=500"}
			},
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				p := customers(t, m)
				var ids []string
				for _, x := range r.obj().objs("items") {
					ids = append(ids, x.str("id"))
				}
				if !contains(ids, p.a) || contains(ids, p.b) {
					t.Errorf("GET /api/v1/customers as %s: %.400s", c.name, r.body)
				}
			}},
		"POST /api/v1/customers": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"name": "Isolation Customer " + m.unique()}}
			}},
		"GET /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"), call: at(nil, false),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) { r.obj().eq("id", customers(t, m).a) }},
		"PUT /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"),
			call: at(map[string]any{"phone": "+63 2 555 0177"}, false)},
		"DELETE /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"), call: at(nil, true)},
	}
}
