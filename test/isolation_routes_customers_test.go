package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// atCustomer names the customer a target says; a successful deletion gets
// a throwaway customer instead of A's.
func atCustomer(body any, destroys bool) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		c := pick(tg, m.a.customerID, m.b.customerID, id.Customer)
		if destroys && tg == own && w.code == "" {
			c = m.h.createCustomer(t, m.a.owner, "Temp Customer "+m.unique(), "").str("id")
		}
		return call{vals: map[string]string{"customer_id": c}, body: body}
	}
}

// customerEntries cover a tenant's customers (tenant-wide: no role is bound
// to its outlets for them, so there is no own-other target).
func customerEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/customers": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
				var ids []string
				for _, x := range r.obj().objs("items") {
					ids = append(ids, x.str("id"))
				}
				if !contains(ids, m.a.customerID) || contains(ids, m.b.customerID) {
					t.Errorf("GET /api/v1/customers as %s: %.400s", c.name, r.body)
				}
			}},
		"POST /api/v1/customers": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"name": "Isolation Customer " + m.unique()}}
			}},
		"GET /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"), call: atCustomer(nil, false),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) { r.obj().eq("id", m.a.customerID) }},
		"PUT /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"),
			call: atCustomer(map[string]any{"phone": "+63 2 555 0177"}, false)},
		"DELETE /api/v1/customers/{customer_id}": {targets: tenantTargets, want: inTenant("customer_not_found"), call: atCustomer(nil, true)},
	}
}
