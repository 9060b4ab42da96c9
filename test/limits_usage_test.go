package test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/plan"
)

// TestUsageCountsRealRows: GET /api/v1/subscriptions/usage lists every
// meter, and its numbers are the tenant's rows as the other endpoints list
// them — outlets not deleted, active members plus pending invitations, keys
// not revoked, the stored logo's bytes — against the plan's limits
// (remaining null when unlimited); every meter is metered
// (api_requests_per_month counts API-key requests, none here).
func TestUsageCountsRealRows(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Counted Spa")
		h.onPlan(t, tm.tenantID, "pro")
		for _, n := range []string{"One", "Two", "Three"} {
			h.createOutlet(t, tm.owner, n, "Cebu")
		}
		h.del(t, "/api/v1/outlets/"+h.createOutlet(t, tm.owner, "Gone", "Cebu"), tm.owner).expect(http.StatusNoContent)
		h.addUser(t, tm.owner, "kept@counted.example.com", "staff")
		h.del(t, "/api/v1/users/"+h.addUser(t, tm.owner, "left@counted.example.com", "viewer"), tm.owner).expect(http.StatusNoContent)
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "pending@invitee.example.com", "role": "staff"}).
			expect(http.StatusCreated)
		revoked := h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "revoked@invitee.example.com", "role": "staff"}).
			expect(http.StatusCreated).obj().str("id")
		h.del(t, "/api/v1/invites/"+revoked, tm.owner).expect(http.StatusNoContent)
		h.createKey(t, tm.owner, "kept", "prod")
		h.del(t, "/api/v1/api-keys/"+h.createKey(t, tm.owner, "revoked", "dev").str("id"), tm.owner).expect(http.StatusNoContent)
		h.upload(t, logoPath(tm.tenantID), tm.owner, "logo", "logo.png", noisyPNG(t, 40, 7)).expect(http.StatusOK)

		outlets := h.get(t, "/api/v1/outlets", tm.owner).expect(http.StatusOK).total()
		members := h.get(t, "/api/v1/users?status=active", tm.owner).expect(http.StatusOK).total() +
			h.get(t, "/api/v1/invites?status=pending", tm.owner).expect(http.StatusOK).total()
		keys := 0
		for _, k := range h.get(t, "/api/v1/api-keys", tm.owner).expect(http.StatusOK).list() {
			if k.m["revoked_at"] == nil {
				keys++
			}
		}
		logo := len(h.get(t, logoPath(tm.tenantID), "").expect(http.StatusOK).body)
		if outlets != 3 || members != 3 || keys != 1 || logo == 0 {
			t.Fatalf("rows: %d outlets, %d members, %d keys, %d logo bytes; want 3, 3, 1, some", outlets, members, keys, logo)
		}

		before := h.clock.peek()
		r := h.get(t, "/api/v1/subscriptions/usage", tm.owner).expect(http.StatusOK).obj()
		r.eq("tenant_id", tm.tenantID)
		p := r.sub("plan")
		p.eq("code", "pro")
		p.eq("id", "plan_pro")
		h.clock.stamped(t, "as_of", r.str("as_of"), before)
		var order []string
		for _, m := range r.objs("meters") {
			order = append(order, m.str("meter"))
		}
		if len(order) != len(plan.Meters()) {
			t.Fatalf("meters %v, want every one of %v", order, plan.Meters())
		}
		for i, m := range plan.Meters() {
			if order[i] != string(m) {
				t.Errorf("meters in order %v, want %v", order, plan.Meters())
				break
			}
		}
		u := h.usageOf(t, tm.owner)
		want := map[string]struct {
			used  int
			limit int64 // -1: unlimited
		}{
			"outlets": {outlets, 10}, "members": {members, -1}, "staff": {0, 50}, "appointments_per_month": {0, 2000},
			"storage_bytes": {logo, 50 << 30}, "api_keys": {keys, -1}, "api_requests_per_month": {0, -1},
		}
		for name, w := range want {
			m := u[name]
			if m.num("used") != float64(w.used) {
				t.Errorf("%s used %v, want %d (the rows)", name, m.num("used"), w.used)
			}
			if w.limit < 0 {
				m.null("limit")
				m.null("remaining")
			} else if m.num("limit") != float64(w.limit) || m.num("remaining") != float64(w.limit-int64(w.used)) {
				t.Errorf("%s: %s, want limit %d", name, m, w.limit)
			}
			if !m.boolean("metered") { // api_requests_per_month too, since request metering (metering_*_test.go)
				t.Errorf("%s metered false, want true", name)
			}
		}

		// A later invitation expires: it no longer holds a seat.
		h.clock.advance(8 * 24 * time.Hour)
		if got := h.usageOf(t, h.scoped(t, tm.email, tm.password, tm.tenantID))["members"].num("used"); got != float64(members-1) {
			t.Errorf("members after the invitation expired: %v, want %d", got, members-1)
		}
	})
}

// TestUsageAccess: owners and tenant admins read their tenant's usage;
// other roles may not; another tenant's is not there for them; platform
// admins name any tenant with ?tenant_id=, and must name one.
func TestUsageAccess(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Watched Spa")
		other := h.newTeam(t, "Other Watched Spa")
		h.createOutlet(t, tm.owner, "Main", "Manila")
		_, admin := h.teammate(t, tm, "admin@watched.example.com", "tenant_admin")
		_, staff := h.teammate(t, tm, "staff@watched.example.com", "staff")

		if n := h.usageOf(t, admin)["outlets"].num("used"); n != 1 {
			t.Errorf("tenant admin sees %v outlets", n)
		}
		h.get(t, "/api/v1/subscriptions/usage", staff).problem(http.StatusForbidden, "forbidden")
		h.get(t, "/api/v1/subscriptions/usage?tenant_id="+tm.tenantID, other.owner).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/subscriptions/usage", "").problem(http.StatusUnauthorized, "missing_token")

		root := h.admin(t)
		h.get(t, "/api/v1/subscriptions/usage", root).problem(http.StatusUnprocessableEntity, "validation_failed")
		r := h.get(t, "/api/v1/subscriptions/usage?tenant_id="+tm.tenantID, root).expect(http.StatusOK).obj()
		r.eq("tenant_id", tm.tenantID)
		r.sub("plan").eq("code", "free")
		if m := r.objs("meters")[0]; m.str("meter") != "outlets" || m.num("used") != 1 || m.num("remaining") != 0 {
			t.Errorf("platform admin's view of outlets: %s", m)
		}
		h.get(t, "/api/v1/subscriptions/usage?tenant_id=ten_missing", root).problem(http.StatusNotFound, "tenant_not_found")
	})
}
