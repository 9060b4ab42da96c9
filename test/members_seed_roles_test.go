package test

import (
	"net/http"
	"testing"
)

// TestSeedRoleNames: the seeds' role names (reserva's TENANT_ADMIN,
// OUTLET_MANAGER, STAFF, RECEPTIONIST; trueport's admin, member, viewer) are
// accepted, in any case, wherever a role is given — users, members,
// invites, association and the listings' role filter — and answers carry
// the native names. SUPER_ADMIN is no tenant role: 422
// platform_role_not_assignable.
func TestSeedRoleNames(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Seed Names Spa")
		user := func(email, role string) *response {
			return h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": email, "first_name": "Seed",
				"last_name": "Name", "role": role})
		}
		ids := map[string]string{}
		for email, c := range map[string]struct{ role, want string }{
			"reserva-admin@seed.example.com":   {"TENANT_ADMIN", "tenant_admin"},
			"reserva-manager@seed.example.com": {"OUTLET_MANAGER", "outlet_manager"},
			"reserva-staff@seed.example.com":   {"STAFF", "staff"},
			"reserva-front@seed.example.com":   {"RECEPTIONIST", "receptionist"},
			"trueport-admin@seed.example.com":  {"admin", "tenant_admin"},
			"trueport-member@seed.example.com": {"member", "staff"},
			"trueport-viewer@seed.example.com": {"viewer", "viewer"},
			"mixed-case@seed.example.com":      {"Outlet_Manager", "outlet_manager"},
			"native-upper@seed.example.com":    {"VIEWER", "viewer"},
		} {
			o := user(email, c.role).expect(http.StatusCreated).obj()
			o.eq("role", c.want)
			ids[email] = o.str("id")
		}
		for role, code := range map[string]string{"SUPER_ADMIN": "platform_role_not_assignable",
			"super_admin": "platform_role_not_assignable", "OWNER": "owner_not_assignable", "superuser": "invalid_choice"} {
			user("refused@seed.example.com", role).problem(http.StatusUnprocessableEntity, "validation_failed").
				fieldError("role").eq("code", code)
		}

		// Role changes, by member and by user.
		staff := ids["reserva-staff@seed.example.com"]
		h.put(t, "/api/v1/members/"+staff, tm.owner, map[string]any{"role": "RECEPTIONIST"}).expect(http.StatusOK).obj().eq("role", "receptionist")
		h.put(t, "/api/v1/users/"+staff, tm.owner, map[string]any{"role": "Admin"}).expect(http.StatusOK).obj().eq("role", "tenant_admin")
		h.put(t, "/api/v1/members/"+staff, tm.owner, map[string]any{"role": "SUPER_ADMIN"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("role").eq("code", "platform_role_not_assignable")
		h.put(t, "/api/v1/users/"+staff, tm.owner, map[string]any{"role": "super_admin"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("role").eq("code", "platform_role_not_assignable")

		// Invitations.
		inv := h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "invitee@seed.example.com", "role": "STAFF"}).
			expect(http.StatusCreated).obj()
		inv.eq("role", "staff")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "boss@seed.example.com", "role": "SUPER_ADMIN"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("role").eq("code", "platform_role_not_assignable")
		var listed bool
		for _, i := range h.get(t, "/api/v1/invites", tm.owner).expect(http.StatusOK).list() {
			if i.str("id") == inv.str("id") {
				listed = true
				i.eq("role", "staff")
			}
		}
		if !listed {
			t.Error("the invitation is not listed")
		}

		// Association of an existing account (supertokens seed).
		h.newAccount(t, "global@seed.example.com")
		gid := claims(t, h.token(t, "global@seed.example.com", goodPassword)).str("sub")
		assoc := "/api/v1/tenants/" + tm.tenantID + "/users"
		h.post(t, assoc, tm.owner, map[string]any{"user_id": gid, "role": "SUPER_ADMIN"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("role").eq("code", "platform_role_not_assignable")
		h.post(t, assoc, tm.owner, map[string]any{"user_id": gid, "role": "OUTLET_MANAGER"}).expect(http.StatusOK)
		m, ok := h.memberByUser(t, tm.owner, "", gid)
		if !ok {
			t.Fatal("the associated account is not a member")
		}
		m.eq("role", "outlet_manager")

		// Role filters take the same names and answer with the native ones.
		for _, route := range []string{"/api/v1/users", "/api/v1/members"} {
			admins := h.get(t, route+"?limit=500&role=TENANT_ADMIN", tm.owner).expect(http.StatusOK).list()
			if len(admins) != 3 { // reserva-admin, trueport-admin and the staff member made Admin above
				t.Errorf("%s?role=TENANT_ADMIN: %d listed, want 3: %v", route, len(admins), admins)
			}
			for _, a := range admins {
				a.eq("role", "tenant_admin")
			}
			if n := len(h.get(t, route+"?limit=500&role=member", tm.owner).expect(http.StatusOK).list()); n != 1 {
				t.Errorf("%s?role=member: %d listed, want 1 (trueport-member, staff)", route, n)
			}
			if n := len(h.get(t, route+"?limit=500&role=Outlet_Manager", tm.owner).expect(http.StatusOK).list()); n != 3 {
				t.Errorf("%s?role=Outlet_Manager: %d listed, want 3", route, n)
			}
			h.get(t, route+"?role=SUPER_ADMIN", tm.owner).problem(http.StatusUnprocessableEntity, "validation_failed").
				fieldError("role").eq("code", "platform_role_not_assignable")
			h.get(t, route+"?role=bogus", tm.owner).problem(http.StatusUnprocessableEntity, "validation_failed").
				fieldError("role").eq("code", "invalid_choice")
		}
	})
}
