package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

// TestOutletBoundRoles checks the outlet rows of the permission table as
// every role sees them: outlet managers, staff and receptionists reach only
// their own outlets (another answers 404, like a missing one), viewers read
// everything and change nothing, and another tenant's outlets do not exist.
func TestOutletBoundRoles(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Bound Spa")
		h.onPlan(t, acct.tenantID, "basic") // north, south and one created at a time
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		north := h.createOutlet(t, owner, "North", "Quezon City")
		south := h.createOutlet(t, owner, "South", "Muntinlupa")
		both := []string{north, south}

		tok := map[membership.Role]string{membership.Owner: owner}
		user := map[membership.Role]string{}
		for role, outlets := range map[membership.Role][]string{
			membership.TenantAdmin:   nil,
			membership.OutletManager: {north},
			membership.Staff:         {north},
			membership.Receptionist:  {south},
			membership.Viewer:        nil,
		} {
			user[role], tok[role] = h.addMember(t, owner, acct.tenantID, string(role)+"@bound-spa.example.com", role, outlets...)
		}

		for _, c := range []struct {
			role               membership.Role
			sees               []string
			update, create     int // status of a PUT of north and of a POST
			deleteS, statsStat int // status of a DELETE of south and of GET stats
		}{
			// An outlet outside a bound role's outlets answers 404 to any
			// action, as to a read: it does not exist for them.
			{membership.OutletManager, []string{north}, 200, 403, 404, 403},
			{membership.Staff, []string{north}, 403, 403, 404, 403},
			{membership.Receptionist, []string{south}, 404, 403, 403, 403},
			{membership.Viewer, both, 403, 403, 403, 403},
			{membership.TenantAdmin, both, 200, 201, 0, 200},
			{membership.Owner, both, 200, 201, 0, 200},
		} {
			t.Run(string(c.role), func(t *testing.T) {
				tk := tok[c.role]
				l := h.get(t, "/api/v1/outlets", tk).expect(http.StatusOK)
				if got := outletIDsOf(l.list()); !sameSet(got, c.sees) || l.total() != len(c.sees) {
					t.Errorf("lists %v (total %d), want %v", got, l.total(), c.sees)
				}
				for _, o := range both {
					if contains(c.sees, o) {
						h.get(t, "/api/v1/outlets/"+o, tk).expect(http.StatusOK)
					} else {
						h.get(t, "/api/v1/outlets/"+o, tk).problem(http.StatusNotFound, "outlet_not_found")
					}
				}
				put := h.put(t, "/api/v1/outlets/"+north, tk, map[string]any{"phone": "+63 2 555 0199"})
				checkStatus(t, put, c.update)
				checkStatus(t, h.get(t, "/api/v1/outlets/stats", tk), c.statsStat)
				post := h.post(t, "/api/v1/outlets", tk, outletBody("New by "+string(c.role), "Pasig"))
				checkStatus(t, post, c.create)
				if post.status == http.StatusCreated { // keep the listings of the next roles as they are
					h.del(t, "/api/v1/outlets/"+post.obj().str("id"), owner).expect(http.StatusNoContent)
				}
				if c.deleteS != 0 {
					checkStatus(t, h.del(t, "/api/v1/outlets/"+south, tk), c.deleteS)
				}
			})
		}

		t.Run("an outlet manager updates only its own outlets", func(t *testing.T) {
			h.put(t, "/api/v1/outlets/"+south, tok[membership.OutletManager], map[string]any{"name": "Mine now"}).
				problem(http.StatusNotFound, "outlet_not_found")
			h.get(t, "/api/v1/outlets/"+south, owner).expect(http.StatusOK).obj().eq("name", "South")
			h.put(t, "/api/v1/outlets/"+north, tok[membership.OutletManager], map[string]any{"name": "North (managed)"}).
				expect(http.StatusOK).obj().eq("name", "North (managed)")
		})

		t.Run("new outlets apply on the next request", func(t *testing.T) {
			h.put(t, "/api/v1/members/"+user[membership.OutletManager], owner, map[string]any{"outlet_ids": []string{south}}).
				expect(http.StatusOK)
			mgr := tok[membership.OutletManager]
			if got := outletIDsOf(h.get(t, "/api/v1/outlets", mgr).expect(http.StatusOK).list()); !sameSet(got, []string{south}) {
				t.Errorf("after the change the manager lists %v, want only south", got)
			}
			h.get(t, "/api/v1/outlets/"+north, mgr).problem(http.StatusNotFound, "outlet_not_found")
			h.put(t, "/api/v1/outlets/"+south, mgr, map[string]any{"phone": "+63 2 555 0177"}).expect(http.StatusOK)
			h.put(t, "/api/v1/members/"+user[membership.OutletManager], owner, map[string]any{"role": "viewer"}).expect(http.StatusOK)
			h.put(t, "/api/v1/outlets/"+south, mgr, map[string]any{"phone": "+63 2 555 0178"}).problem(http.StatusForbidden, "forbidden")
			if got := outletIDsOf(h.get(t, "/api/v1/outlets", mgr).expect(http.StatusOK).list()); !sameSet(got, both) {
				t.Errorf("as a viewer the former manager lists %v, want both", got)
			}
		})

		t.Run("another tenant's outlets do not exist", func(t *testing.T) {
			other := h.register(t, "Other Spa")
			them := h.scoped(t, other.email, other.password, other.tenantID)
			theirs := h.createOutlet(t, them, "Theirs", "Davao")
			for _, o := range both {
				h.get(t, "/api/v1/outlets/"+o, them).problem(http.StatusNotFound, "outlet_not_found")
				h.put(t, "/api/v1/outlets/"+o, them, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "outlet_not_found")
				h.del(t, "/api/v1/outlets/"+o, them).problem(http.StatusNotFound, "outlet_not_found")
			}
			if got := outletIDsOf(h.get(t, "/api/v1/outlets", them).expect(http.StatusOK).list()); len(got) != 1 || got[0] != theirs {
				t.Errorf("other tenant lists %v", got)
			}
			h.get(t, "/api/v1/outlets/"+theirs, owner).problem(http.StatusNotFound, "outlet_not_found")
			if n := h.get(t, "/api/v1/outlets/stats", owner).expect(http.StatusOK).obj().num("total"); n != 2 {
				t.Errorf("own stats count %v outlets, want 2", n)
			}
		})
	})
}

// checkStatus fails the test unless r has status want; 403 must carry the
// forbidden code.
func checkStatus(t *testing.T, r *response, want int) {
	t.Helper()
	if want == http.StatusForbidden {
		r.problem(http.StatusForbidden, "forbidden")
		return
	}
	if r.status != want {
		t.Errorf("%s %s: status %d, want %d; body %s", r.method, r.path, r.status, want, r.body)
	}
}
