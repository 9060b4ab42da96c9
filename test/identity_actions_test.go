package test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

// TestMyTenantsActions: GET /api/v1/me/tenants lists, per tenant, the
// actions of the permission table the member's role allows — the owner's
// and a receptionist's, exactly as the table says — and trueport's list of
// organizations keeps its own shape.
func TestMyTenantsActions(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Actions Spa "+h.engine)
		h.addUser(t, tm.owner, "desk@actions-"+h.engine+".example.com", "receptionist")
		for who, role := range map[string]membership.Role{tm.email: membership.Owner, "desk@actions-" + h.engine + ".example.com": membership.Receptionist} {
			password := goodPassword
			if who == tm.email {
				password = tm.password
			}
			list := h.get(t, "/api/v1/me/tenants", h.token(t, who, password)).expect(http.StatusOK).list()
			if len(list) != 1 {
				t.Fatalf("%s: %v", who, list)
			}
			var want []string
			for _, a := range membership.ActionsOf(role) {
				want = append(want, string(a))
			}
			if got := list[0].strs("actions"); !slices.Equal(got, want) {
				t.Errorf("%s (%s): actions %v, want %v", who, role, got, want)
			}
		}
		if !slices.Contains(h.get(t, "/api/v1/me/tenants", h.token(t, tm.email, tm.password)).expect(http.StatusOK).list()[0].strs("actions"), "member.read") {
			t.Error("the owner may not read members")
		}
		for _, o := range h.get(t, "/platform/api/global/tenants", h.token(t, tm.email, tm.password)).expect(http.StatusOK).list() {
			if o.has("actions") {
				t.Errorf("trueport's organizations carry actions: %v", o)
			}
		}
	})
}
