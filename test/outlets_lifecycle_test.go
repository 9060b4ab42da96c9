package test

import (
	"net/http"
	"testing"
)

// TestDeactivationCascadesToOutlets checks that deactivating a tenant
// deactivates its active outlets and that reactivating it restores exactly
// those: an outlet that was already inactive stays inactive, and an outlet
// deleted meanwhile stays deleted.
func TestDeactivationCascadesToOutlets(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		acct := h.register(t, "Cascade Spa")
		h.onPlan(t, acct.tenantID, "pro") // four outlets
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		open1 := h.createOutlet(t, owner, "Open One", "Manila")
		open2 := h.createOutlet(t, owner, "Open Two", "Manila")
		gone := h.createOutlet(t, owner, "Soon Gone", "Manila")
		closed := h.createOutlet(t, owner, "Closed", "Manila")
		h.put(t, "/api/v1/outlets/"+closed, owner, map[string]any{"is_active": false}).expect(http.StatusOK)
		bystander := h.register(t, "Bystander Outlets")
		byOwner := h.scoped(t, bystander.email, bystander.password, bystander.tenantID)
		theirs := h.createOutlet(t, byOwner, "Unaffected", "Cebu")

		h.del(t, "/api/v1/tenants/"+acct.tenantID, admin).expect(http.StatusNoContent)

		// The platform admin still reaches the deactivated tenant.
		adminIn := h.post(t, "/api/v1/auth/select-tenant", admin, map[string]any{"tenant_id": acct.tenantID}).
			expect(http.StatusOK).obj().str("access_token")
		active := func() map[string]bool {
			out := map[string]bool{}
			for _, o := range h.get(t, "/api/v1/outlets", adminIn).expect(http.StatusOK).list() {
				out[o.str("id")] = o.boolean("is_active")
			}
			return out
		}
		for id, on := range active() {
			if on {
				t.Errorf("outlet %s active in a deactivated tenant", id)
			}
		}
		if s := h.get(t, "/api/v1/outlets/stats", adminIn).expect(http.StatusOK).obj(); s.num("active") != 0 || s.num("total") != 4 {
			t.Errorf("stats of the deactivated tenant %s", s)
		}
		h.get(t, "/api/v1/outlets", owner).problem(http.StatusUnauthorized, "invalid_token")
		if !h.get(t, "/api/v1/outlets/"+theirs, byOwner).expect(http.StatusOK).obj().boolean("is_active") {
			t.Error("another tenant's outlet was deactivated")
		}
		h.del(t, "/api/v1/outlets/"+gone, adminIn).expect(http.StatusNoContent)

		h.post(t, "/api/v1/tenants/"+acct.tenantID+"/reactivate", admin, nil).expect(http.StatusOK)
		got := active()
		want := map[string]bool{open1: true, open2: true, closed: false}
		if len(got) != len(want) {
			t.Fatalf("outlets after reactivation %v, want %v", got, want)
		}
		for id, on := range want {
			if got[id] != on {
				t.Errorf("outlet %s active=%v after reactivation, want %v", id, got[id], on)
			}
		}
		owner = h.scoped(t, acct.email, acct.password, acct.tenantID)
		if n := h.get(t, "/api/v1/outlets?is_active=true", owner).expect(http.StatusOK).total(); n != 2 {
			t.Errorf("owner sees %d active outlets after reactivation, want 2", n)
		}
	})
}
