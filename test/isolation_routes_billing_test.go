package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// atSubscription names, in the query, the tenant whose subscription a
// target says (none for A: the token's tenant), with body.
func atSubscription(body func(m *matrix, t *testing.T, tg target, w want) any) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		cl := call{}
		if tg != own {
			cl.query = "tenant_id=" + pick(tg, "", m.b.tenantID, id.Tenant)
		}
		if body != nil {
			cl.body = body(m, t, tg, w)
		}
		return cl
	}
}

// higherPlan creates, as the platform admin, a plan above any other
// (unlimited, no trial), so that each successful upgrade or activation of
// the matrix has a plan to move up to.
func (m *matrix) higherPlan(t *testing.T) string {
	t.Helper()
	n := m.unique()
	return m.h.post(t, "/api/v1/admin/plans", m.h.admin(t), map[string]any{"code": "iso-up-" + n, "name": "Isolation Up " + n,
		"price": 1000000 + m.seq, "sort_order": 1000 + m.seq}).expect(http.StatusCreated).obj().str("id")
}

// lowestPlan creates once, as the platform admin, a free unlimited plan
// below every other, which a downgrade always fits.
func (m *matrix) lowestPlan(t *testing.T) string {
	t.Helper()
	if m.low == "" {
		m.low = m.h.post(t, "/api/v1/admin/plans", m.h.admin(t), map[string]any{"code": "iso-lowest", "name": "Isolation Lowest",
			"price": 0, "sort_order": -1000}).expect(http.StatusCreated).obj().str("id")
	}
	return m.low
}

// planChange is the body of a plan change: for a change expected to
// succeed, to a plan it can move to (up: a new higher plan; down: the
// lowest), else to a seeded plan.
func planChange(up bool) func(m *matrix, t *testing.T, tg target, w want) any {
	return func(m *matrix, t *testing.T, tg target, w want) any {
		plan := "plan_pro"
		switch {
		case tg == own && w.code == "" && up:
			plan = m.higherPlan(t)
		case tg == own && w.code == "":
			plan = m.lowestPlan(t)
		}
		return map[string]any{"plan_id": plan}
	}
}

// billingEntries cover the plan catalog, its management (platform admins
// only: every caller of tenant A is refused) and a tenant's subscription
// and payments (owner and tenant_admin of the token's tenant; another
// tenant named in the query answers like a missing one).
func billingEntries() map[string]entry {
	return map[string]entry{
		"GET /api/v1/catalog/plans": {want: always(ok(http.StatusOK)), call: fixed(call{}),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if !listed(r, "plan_basic") {
					t.Errorf("the catalog lacks plan_basic: %.300s", r.body)
				}
			}},
		"GET /api/v1/admin/plans": {want: inTenant(""), call: fixed(call{})},
		"POST /api/v1/admin/plans": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				n := m.unique()
				return call{body: map[string]any{"code": "iso-planted-" + n, "name": "Planted " + n, "price": 100}}
			}},
		"PUT /api/v1/admin/plans/{plan_id}": {want: inTenant(""),
			call: fixed(call{vals: map[string]string{"plan_id": "plan_basic"}, body: map[string]any{"name": "Hijacked"}})},

		"GET /api/v1/subscriptions/current": {targets: tenantTargets, want: onTenant, call: atSubscription(nil),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				r.obj().eq("tenant_id", m.a.tenantID)
			}},
		"POST /api/v1/subscriptions/upgrade": {targets: tenantTargets, want: onTenant, call: atSubscription(planChange(true)),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				o.eq("tenant_id", m.a.tenantID)
				o.eq("status", "active")
			}},
		"POST /api/v1/subscriptions/downgrade": {targets: tenantTargets, want: onTenant, call: atSubscription(planChange(false)),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				r.obj().sub("scheduled_change").eq("plan_id", m.low)
			}},
		"POST /api/v1/subscriptions": {targets: tenantTargets, want: onTenant, call: atSubscription(planChange(true)),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				r.obj().eq("status", "ACTIVE")
			}},
		"GET /api/v1/subscriptions/payments": {targets: tenantTargets, want: onTenant, call: atSubscription(nil),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				for _, p := range r.list() {
					if p.str("subscription_id") == "" {
						t.Errorf("a payment of A without subscription: %v", p)
					}
				}
				if r.header.Get("X-Total-Count") == "" {
					t.Error("GET /api/v1/subscriptions/payments: no X-Total-Count")
				}
			}},
	}
}
