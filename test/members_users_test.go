package test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestTenantUsers walks the reserva users endpoints: create, list with
// filters, get, update, deactivate (the membership, not the account, and
// its sessions at once) and reactivate.
func TestTenantUsers(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Users Spa")
		h.onPlan(t, tm.tenantID, "basic") // two outlets
		o1, o2 := h.createOutlet(t, tm.owner, "Main", "Manila"), h.createOutlet(t, tm.owner, "North", "Quezon City")
		r := h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": " Kim@Example.com ", "first_name": "Kim",
			"last_name": "Reyes", "password": goodPassword, "phone": "+63 917 555 0101", "role": "staff", "outlet_ids": []string{o1, o1}}).
			expect(http.StatusCreated)
		u := r.obj()
		uid := u.str("id")
		if !strings.HasPrefix(uid, "usr_") || r.header.Get("Location") != "/api/v1/users/"+uid {
			t.Fatalf("id %q, Location %q", uid, r.header.Get("Location"))
		}
		u.eq("email", "kim@example.com")
		u.eq("role", "staff")
		u.eq("status", "active")
		u.eq("tenant_id", tm.tenantID)
		u.eq("phone", "+63 917 555 0101")
		if !u.boolean("is_active") || !slices.Equal(u.strs("outlet_ids"), []string{o1}) || u.str("created_at") == "" || u.str("joined_at") == "" {
			t.Fatalf("created user: %s", u)
		}
		kim := h.scoped(t, "kim@example.com", goodPassword, tm.tenantID)
		if c := claims(t, kim); c.str("role") != "staff" || !slices.Equal(c.strs("outlet_ids"), []string{o1}) {
			t.Fatalf("kim's token: %s", c)
		}

		list := h.get(t, "/api/v1/users?limit=10", tm.owner).expect(http.StatusOK)
		if list.total() != 2 || len(list.list()) != 2 {
			t.Fatalf("users: %d, %s", list.total(), list.body)
		}
		if staff := h.get(t, "/api/v1/users?role=staff", tm.owner).expect(http.StatusOK).list(); len(staff) != 1 || staff[0].str("id") != uid {
			t.Fatalf("role filter: %v", staff)
		}
		h.get(t, "/api/v1/users?role=chief&status=gone&limit=0", tm.owner).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.get(t, "/api/v1/users/"+uid, tm.owner).expect(http.StatusOK).obj().eq("email", "kim@example.com")
		h.get(t, "/api/v1/users/usr_nobody", tm.owner).problem(http.StatusNotFound, "member_not_found")

		up := h.put(t, "/api/v1/users/"+uid, tm.owner, map[string]any{"first_name": "Kimberly", "phone": "+63 917 555 0199",
			"role": "receptionist", "outlet_ids": []string{o2}}).expect(http.StatusOK).obj()
		up.eq("first_name", "Kimberly")
		up.eq("last_name", "Reyes")
		up.eq("role", "receptionist")
		if !slices.Equal(up.strs("outlet_ids"), []string{o2}) {
			t.Fatalf("outlets after update: %s", up)
		}
		change := h.auditDetails(t, tm.owner, "member.role_change", uid)
		if change.str("from") != "staff" || change.str("to") != "receptionist" {
			t.Errorf("role change audit: %s", change)
		}

		h.del(t, "/api/v1/users/"+uid, tm.owner).expect(http.StatusNoContent)
		h.get(t, "/api/v1/tenants/"+tm.tenantID, kim).problem(http.StatusUnauthorized, "membership_ended")
		gone := h.get(t, "/api/v1/users/"+uid, tm.owner).expect(http.StatusOK).obj()
		gone.eq("status", "inactive")
		if !gone.boolean("is_active") {
			t.Error("deactivating the membership deactivated the global account")
		}
		if l := h.get(t, "/api/v1/users?status=inactive", tm.owner).expect(http.StatusOK); l.total() != 1 {
			t.Errorf("inactive users: %s", l.body)
		}
		h.del(t, "/api/v1/users/"+uid, tm.owner).expect(http.StatusNoContent) // again: nothing changes
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "kim@example.com", "password": goodPassword, "tenant_id": tm.tenantID}).
			problem(http.StatusNotFound, "tenant_not_found")

		h.put(t, "/api/v1/users/"+uid, tm.owner, map[string]any{"status": "active"}).expect(http.StatusOK).obj().eq("status", "active")
		h.scoped(t, "kim@example.com", goodPassword, tm.tenantID)
		for _, action := range []string{"user.create", "user.update", "user.deactivate", "member.status_change"} {
			h.auditDetails(t, tm.owner, action, uid)
		}
	})
}

// TestCreateUserValidation checks that every bad field is reported at once,
// that no platform admin can be made here, and that the endpoints need a
// tenant-scoped token.
func TestCreateUserValidation(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Valid Spa")
		p := h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "not-an-email", "password": "short",
			"phone": "x", "role": "chief", "outlet_ids": []string{"out_nope", ""}}).problem(http.StatusUnprocessableEntity, "validation_failed")
		want := map[string]string{"email": "invalid_email", "first_name": "required", "last_name": "required",
			"password": "weak_password", "phone": "invalid_phone", "role": "invalid_choice", "outlet_ids": "invalid_outlet_id"}
		for f, code := range want {
			if got := p.fieldErrors()[f]; got != code {
				t.Errorf("field %s: %q, want %q (%s)", f, got, code, p)
			}
		}
		body := map[string]any{"email": "a@example.com", "first_name": "A", "last_name": "B", "role": "owner"}
		h.post(t, "/api/v1/users", tm.owner, body).problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("role").eq("code", "owner_not_assignable")
		body["role"], body["outlet_ids"] = "staff", []string{"out_01jzzzzzzzzzzzzzzzzzzzzzzz"}
		h.post(t, "/api/v1/users", tm.owner, body).problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("outlet_ids").eq("code", "unknown_outlet")
		other := h.newTeam(t, "Other Spa")
		body["outlet_ids"] = []string{h.createOutlet(t, other.owner, "Theirs", "Cebu")}
		h.post(t, "/api/v1/users", tm.owner, body).problem(http.StatusUnprocessableEntity, "validation_failed")
		delete(body, "outlet_ids")
		body["is_platform_admin"] = true
		h.post(t, "/api/v1/users", tm.owner, body).problem(http.StatusBadRequest, "unknown_field")
		h.put(t, "/api/v1/users/"+tm.ownerID, tm.owner, map[string]any{"is_platform_admin": true}).problem(http.StatusBadRequest, "unknown_field")

		global := h.token(t, tm.email, tm.password)
		delete(body, "is_platform_admin")
		h.post(t, "/api/v1/users", global, body).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		h.get(t, "/api/v1/members", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		h.get(t, "/api/v1/users", "").problem(http.StatusUnauthorized, "missing_token")
		if n := h.get(t, "/api/v1/users", tm.owner).expect(http.StatusOK).total(); n != 1 {
			t.Fatalf("refused requests created users: %d", n)
		}
	})
}

// TestCreateUserExistingAccount checks that an email with a global account
// gets a membership of that account, not a second account, and that the
// account's own details stay its holder's.
func TestCreateUserExistingAccount(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a, b := h.newTeam(t, "Alpha Spa"), h.newTeam(t, "Beta Spa")
		jane := h.newAccount(t, "jane@example.com")
		body := map[string]any{"email": "JANE@example.com", "first_name": "Other", "last_name": "Name",
			"password": "Different-Pass-77", "role": "viewer"}
		ua := h.post(t, "/api/v1/users", a.owner, body).expect(http.StatusCreated).obj()
		ub := h.post(t, "/api/v1/users", b.owner, body).expect(http.StatusCreated).obj()
		if ua.str("id") != ub.str("id") || ua.str("first_name") != "Jane" {
			t.Fatalf("two tenants, one account: %s / %s", ua, ub)
		}
		h.post(t, "/api/v1/users", a.owner, body).problem(http.StatusConflict, "already_member")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": jane, "password": "Different-Pass-77"}).
			problem(http.StatusUnauthorized, "invalid_credentials")
		if tenants := h.login(t, jane, goodPassword).objs("tenants"); len(tenants) != 2 {
			t.Fatalf("jane's tenants: %v", tenants)
		}
		uid := ua.str("id")
		h.put(t, "/api/v1/users/"+uid, a.owner, map[string]any{"last_name": "Renamed"}).problem(http.StatusForbidden, "shared_account")
		h.put(t, "/api/v1/users/"+uid, a.owner, map[string]any{"role": "staff"}).expect(http.StatusOK).obj().eq("last_name", "Doe")
		h.get(t, "/api/v1/users/"+uid, b.owner).expect(http.StatusOK).obj().eq("role", "viewer")
		if h.auditDetails(t, a.owner, "user.create", uid).str("account_created") != "false" {
			t.Error("user.create audit does not say the account existed")
		}
		// An account of this tenant alone: its admins may correct the names.
		solo := h.addUser(t, a.owner, "solo@example.com", "staff")
		h.put(t, "/api/v1/users/"+solo, a.owner, map[string]any{"last_name": "Santos"}).expect(http.StatusOK).obj().eq("last_name", "Santos")
		h.put(t, "/api/v1/users/"+solo, a.owner, map[string]any{"last_name": " "}).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
