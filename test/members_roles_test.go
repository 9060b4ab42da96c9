package test

import (
	"net/http"
	"testing"
)

// TestRoleGrantRules checks, through the API, who may grant and manage
// which role: no one grants owner, a tenant_admin grants up to its own role
// but manages only roles below it, roles below tenant_admin manage nobody.
func TestRoleGrantRules(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Grant Spa")
		adminID, admin := h.teammate(t, tm, "admin@grant.example.com", "tenant_admin")
		peerID := h.addUser(t, tm.owner, "peer@grant.example.com", "tenant_admin")
		staffID, staff := h.teammate(t, tm, "staff@grant.example.com", "staff")
		managerID, manager := h.teammate(t, tm, "manager@grant.example.com", "outlet_manager")

		// A tenant_admin grants up to its own role …
		h.addUser(t, admin, "second-admin@grant.example.com", "tenant_admin")
		h.put(t, "/api/v1/members/"+staffID, admin, map[string]any{"role": "outlet_manager"}).expect(http.StatusOK).obj().eq("role", "outlet_manager")
		h.put(t, "/api/v1/members/"+staffID, admin, map[string]any{"role": "staff"}).expect(http.StatusOK)
		// … but never owner, and manages neither the owner nor its peers.
		h.put(t, "/api/v1/members/"+staffID, admin, map[string]any{"role": "owner"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("role").eq("code", "owner_not_assignable")
		h.put(t, "/api/v1/members/"+peerID, admin, map[string]any{"role": "viewer"}).problem(http.StatusForbidden, "member_not_manageable")
		h.del(t, "/api/v1/members/"+peerID, admin).problem(http.StatusForbidden, "member_not_manageable")
		h.put(t, "/api/v1/members/"+tm.ownerID, admin, map[string]any{"role": "viewer"}).problem(http.StatusForbidden, "owner_not_modifiable")
		h.del(t, "/api/v1/members/"+tm.ownerID, admin).problem(http.StatusForbidden, "owner_not_removable")
		h.put(t, "/api/v1/users/"+tm.ownerID, admin, map[string]any{"status": "inactive"}).problem(http.StatusForbidden, "owner_not_removable")
		h.post(t, "/api/v1/users/"+tm.ownerID+"/reset-password", admin, nil).problem(http.StatusForbidden, "member_not_manageable")
		h.post(t, "/api/v1/members/"+adminID+"/transfer-ownership", admin, nil).problem(http.StatusForbidden, "forbidden")
		// The owner manages everyone but itself.
		h.put(t, "/api/v1/members/"+peerID, tm.owner, map[string]any{"role": "viewer"}).expect(http.StatusOK)
		h.del(t, "/api/v1/members/"+tm.ownerID, tm.owner).problem(http.StatusForbidden, "owner_not_removable")
		h.put(t, "/api/v1/members/"+tm.ownerID, tm.owner, map[string]any{"outlet_ids": []string{}}).expect(http.StatusOK) // no change
		// Roles below tenant_admin manage nobody.
		for _, tok := range []string{staff, manager} {
			h.get(t, "/api/v1/members", tok).problem(http.StatusForbidden, "forbidden")
			h.get(t, "/api/v1/users", tok).problem(http.StatusForbidden, "forbidden")
			h.post(t, "/api/v1/invites", tok, map[string]any{"email": "x@example.com", "role": "viewer"}).problem(http.StatusForbidden, "forbidden")
			h.put(t, "/api/v1/members/"+staffID, tok, map[string]any{"role": "viewer"}).problem(http.StatusForbidden, "forbidden")
		}
		// A platform admin acting in the tenant grants anything but owner.
		pa := h.post(t, "/api/v1/auth/select-tenant", h.admin(t), map[string]any{"tenant_id": tm.tenantID}).expect(http.StatusOK).obj().str("access_token")
		h.put(t, "/api/v1/members/"+managerID, pa, map[string]any{"role": "tenant_admin"}).expect(http.StatusOK).obj().eq("role", "tenant_admin")
		h.put(t, "/api/v1/members/"+managerID, pa, map[string]any{"role": "owner"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		if owners := h.get(t, "/api/v1/members?role=owner", tm.owner).expect(http.StatusOK).list(); len(owners) != 1 {
			t.Fatalf("owners: %v", owners)
		}
	})
}

// TestMembershipChangesApplyAtOnce checks that a downgraded role loses its
// rights, and a removed member its access, on the very next request.
func TestMembershipChangesApplyAtOnce(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Now Spa")
		adminID, admin := h.teammate(t, tm, "admin@now.example.com", "tenant_admin")
		staffID, staff := h.teammate(t, tm, "staff@now.example.com", "staff")
		path := "/api/v1/tenants/" + tm.tenantID
		h.put(t, path, admin, map[string]any{"description": "Edited by the admin"}).expect(http.StatusOK)
		h.put(t, "/api/v1/members/"+adminID, tm.owner, map[string]any{"role": "viewer"}).expect(http.StatusOK)
		h.put(t, path, admin, map[string]any{"description": "Edited again"}).problem(http.StatusForbidden, "forbidden")
		h.get(t, path, admin).expect(http.StatusOK) // a viewer still reads

		h.get(t, path, staff).expect(http.StatusOK)
		h.del(t, "/api/v1/members/"+staffID, tm.owner).expect(http.StatusNoContent)
		h.get(t, path, staff).problem(http.StatusUnauthorized, "membership_ended")
		h.del(t, "/api/v1/members/"+staffID, tm.owner).problem(http.StatusNotFound, "member_not_found")
		h.del(t, "/api/v1/members/usr_nobody", tm.owner).problem(http.StatusNotFound, "member_not_found")
		h.put(t, "/api/v1/members/"+staffID, tm.owner, map[string]any{"role": "viewer"}).problem(http.StatusNotFound, "member_not_found")
		if _, listed := h.memberByUser(t, tm.owner, "", staffID); listed {
			t.Error("a removed member is still listed among the members")
		}
		gone, listed := h.memberByUser(t, tm.owner, "&status=inactive", staffID)
		if !listed || gone.str("status") != "inactive" {
			t.Errorf("removed member under status=inactive: %v %s", listed, gone)
		}
		h.auditDetails(t, tm.owner, "member.remove", staffID).eq("role", "staff")
	})
}

// TestTransferOwnership checks the owner-only transfer: atomically, the new
// owner is owner and the old one tenant_admin, effective at once.
func TestTransferOwnership(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Heir Spa")
		heirID, heir := h.teammate(t, tm, "heir@heir.example.com", "staff")
		other := h.newTeam(t, "Stranger Spa")
		h.post(t, "/api/v1/members/"+tm.ownerID+"/transfer-ownership", tm.owner, nil).problem(http.StatusConflict, "already_owner")
		h.post(t, "/api/v1/members/usr_nobody/transfer-ownership", tm.owner, nil).problem(http.StatusNotFound, "member_not_found")
		h.post(t, "/api/v1/members/"+other.ownerID+"/transfer-ownership", tm.owner, nil).problem(http.StatusNotFound, "member_not_found")

		m := h.post(t, "/api/v1/members/"+heirID+"/transfer-ownership", tm.owner, nil).expect(http.StatusOK).obj()
		m.eq("role", "owner")
		m.eq("user_id", heirID)
		old, _ := h.memberByUser(t, heir, "", tm.ownerID)
		old.eq("role", "tenant_admin")
		if owners := h.get(t, "/api/v1/members?role=owner", heir).expect(http.StatusOK).list(); len(owners) != 1 || owners[0].str("user_id") != heirID {
			t.Fatalf("owners after transfer: %v", owners)
		}
		// The old owner's token now acts as a tenant_admin: no second transfer, no touching the new owner.
		h.post(t, "/api/v1/members/"+tm.ownerID+"/transfer-ownership", tm.owner, nil).problem(http.StatusForbidden, "forbidden")
		h.del(t, "/api/v1/members/"+heirID, tm.owner).problem(http.StatusForbidden, "owner_not_removable")
		// The new owner may demote or remove the old one.
		h.put(t, "/api/v1/members/"+tm.ownerID, heir, map[string]any{"role": "viewer"}).expect(http.StatusOK).obj().eq("role", "viewer")
		d := h.auditDetails(t, heir, "member.transfer_ownership", heirID)
		if d.str("from") != tm.ownerID || d.str("to") != heirID {
			t.Errorf("transfer audit: %s", d)
		}
	})
}
