package test

import (
	"net/http"
	"testing"
)

// TestUserTenantAssociation walks the supertokens association endpoints:
// the was_already_associated and was_associated flags, the default role,
// unknown users, the owner, and who may call them for which tenant.
func TestUserTenantAssociation(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a, b := h.newTeam(t, "Assoc Spa"), h.newTeam(t, "Elsewhere Spa")
		x := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "x@example.com", "password": goodPassword,
			"first_name": "X", "last_name": "Y"}).expect(http.StatusCreated).obj().str("id")
		add, remove := "/api/v1/tenants/"+a.tenantID+"/users", "/api/v1/tenants/"+a.tenantID+"/users/remove"

		r := h.post(t, add, a.owner, map[string]any{"user_id": x}).expect(http.StatusOK).obj()
		r.eq("status", "OK")
		if r.boolean("was_already_associated") {
			t.Fatal("a new association says it existed")
		}
		if m, ok := h.memberByUser(t, a.owner, "", x); !ok || m.str("role") != "viewer" {
			t.Fatalf("associated member: %v %s", ok, m)
		}
		if !h.post(t, add, a.owner, map[string]any{"user_id": x, "role": "staff"}).expect(http.StatusOK).obj().boolean("was_already_associated") {
			t.Fatal("a second association says it is new")
		}
		h.post(t, add, a.owner, map[string]any{"user_id": "usr_ghost"}).problem(http.StatusNotFound, "unknown_user_id")
		h.post(t, add, a.owner, map[string]any{"user_id": x, "role": "owner"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, add, a.owner, map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, add, a.owner, map[string]any{"tenantId": a.tenantID}).problem(http.StatusBadRequest, "unknown_field")

		xt := h.scoped(t, "x@example.com", goodPassword, a.tenantID)
		rm := h.post(t, remove, a.owner, map[string]any{"user_id": x}).expect(http.StatusOK).obj()
		rm.eq("status", "OK")
		if !rm.boolean("was_associated") {
			t.Fatal("removing a member says it was not associated")
		}
		h.get(t, "/api/v1/tenants/"+a.tenantID, xt).problem(http.StatusUnauthorized, "membership_ended")
		if h.post(t, remove, a.owner, map[string]any{"user_id": x}).expect(http.StatusOK).obj().boolean("was_associated") {
			t.Fatal("removing a non-member says it was associated")
		}
		h.post(t, remove, a.owner, map[string]any{"user_id": "usr_ghost"}).problem(http.StatusNotFound, "unknown_user_id")
		h.post(t, remove, a.owner, map[string]any{"user_id": a.ownerID}).problem(http.StatusForbidden, "owner_not_removable")

		// Associating again brings the membership back, with the role asked for.
		again := h.post(t, add, a.owner, map[string]any{"user_id": x, "role": "receptionist"}).expect(http.StatusOK).obj()
		if again.boolean("was_already_associated") {
			t.Fatal("re-associating an inactive member says it was associated")
		}
		if m, _ := h.memberByUser(t, a.owner, "", x); m.str("role") != "receptionist" {
			t.Fatalf("re-associated member: %s", m)
		}
		h.get(t, "/api/v1/tenants/"+a.tenantID, xt).problem(http.StatusUnauthorized, "invalid_token") // ended with the removal

		// Another tenant's owner sees tenant a as missing; a member below admin is refused.
		h.post(t, add, b.owner, map[string]any{"user_id": x}).problem(http.StatusNotFound, "tenant_not_found")
		h.post(t, add, h.token(t, b.email, b.password), map[string]any{"user_id": x}).problem(http.StatusNotFound, "tenant_not_found")
		_, staff := h.teammate(t, a, "staff@assoc.example.com", "staff")
		h.post(t, add, staff, map[string]any{"user_id": x}).problem(http.StatusForbidden, "forbidden")
		// A global token of the owner works, and so does a platform admin, for any tenant.
		if !h.post(t, add, h.token(t, a.email, a.password), map[string]any{"user_id": x}).expect(http.StatusOK).obj().boolean("was_already_associated") {
			t.Fatal("owner's global token: not associated")
		}
		h.post(t, "/api/v1/tenants/"+b.tenantID+"/users", h.admin(t), map[string]any{"user_id": x}).expect(http.StatusOK)
		h.post(t, "/api/v1/tenants/ten_missing/users", h.admin(t), map[string]any{"user_id": x}).problem(http.StatusNotFound, "tenant_not_found")
		if _, ok := h.memberByUser(t, b.owner, "", x); !ok {
			t.Fatal("platform admin's association not listed")
		}
		for _, action := range []string{"association.add", "association.remove"} {
			h.auditDetails(t, a.owner, action, x)
		}
	})
}
