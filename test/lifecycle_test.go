package test

import (
	"net/http"
	"testing"
)

// loginTenants returns the ids of the tenants a login lists.
func loginTenants(o obj) []string {
	var ids []string
	for _, x := range o.objs("tenants") {
		ids = append(ids, x.str("id"))
	}
	return ids
}

func TestDeactivateAndReactivate(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		// solo owns only the tenant that will be deactivated; multi owns it too
		// (its own business) and also an organization it created.
		solo := h.register(t, "Solo Spa")
		multi := h.register(t, "Multi Spa")
		multiLogin := h.login(t, multi.email, multi.password)
		org := h.post(t, "/api/v1/tenants", multiLogin.str("access_token"), map[string]any{"name": "Multi Org"}).
			expect(http.StatusCreated).obj().str("id")
		bystander := h.register(t, "Bystander Spa")

		// Sessions open before the deactivation.
		soloLogin := h.login(t, solo.email, solo.password)
		soloScoped := h.scoped(t, solo.email, solo.password, solo.tenantID)
		multiScoped := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": multi.email, "password": multi.password, "tenant_id": multi.tenantID}).
			expect(http.StatusOK).obj()
		multiGlobal := multiLogin.str("access_token")

		h.del(t, "/api/v1/tenants/"+solo.tenantID, admin).expect(http.StatusNoContent)
		h.del(t, "/api/v1/tenants/"+multi.tenantID, admin).expect(http.StatusNoContent)
		// Deactivating again changes nothing.
		h.del(t, "/api/v1/tenants/"+solo.tenantID, admin).expect(http.StatusNoContent)

		for _, id := range []string{solo.tenantID, multi.tenantID} {
			o := h.get(t, "/api/v1/tenants/"+id, admin).expect(http.StatusOK).obj()
			if o.boolean("is_active") {
				t.Errorf("%s: is_active true after deactivation", id)
			}
			o.eq("status", "inactive")
			o.sub("subscription").eq("status", "suspended")
			o.sub("subscription").eq("plan", "free")
		}

		t.Run("owner of only that tenant is locked out", func(t *testing.T) {
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": solo.email, "password": solo.password}).
				problem(http.StatusForbidden, "account_inactive")
			h.get(t, "/api/v1/tenants", soloLogin.str("access_token")).problem(http.StatusUnauthorized, "invalid_token")
			h.get(t, "/api/v1/tenants/"+solo.tenantID, soloScoped).problem(http.StatusUnauthorized, "invalid_token")
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": soloLogin.str("refresh_token")}).
				problem(http.StatusUnauthorized, "invalid_refresh_token")
		})

		t.Run("member of another tenant keeps the account but loses the tenant", func(t *testing.T) {
			o := h.login(t, multi.email, multi.password)
			if ids := loginTenants(o); len(ids) != 1 || ids[0] != org {
				t.Errorf("tenants at login %v, want only %s", ids, org)
			}
			// The earlier global token still works, but not on the deactivated tenant.
			h.get(t, "/api/v1/tenants/"+org, multiGlobal).expect(http.StatusOK)
			h.get(t, "/api/v1/tenants/"+multi.tenantID, multiGlobal).problem(http.StatusNotFound, "tenant_not_found")
			// The token scoped to it and its refresh token are ended.
			h.get(t, "/api/v1/tenants/"+multi.tenantID, multiScoped.str("access_token")).problem(http.StatusUnauthorized, "membership_ended")
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": multiScoped.str("refresh_token")}).
				problem(http.StatusUnauthorized, "invalid_refresh_token")
			// Its global session lives on.
			h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": multiLogin.str("refresh_token")}).expect(http.StatusOK)
			h.post(t, "/api/v1/auth/select-tenant", multiGlobal, map[string]any{"tenant_id": multi.tenantID}).problem(http.StatusNotFound, "tenant_not_found")
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": multi.email, "password": multi.password, "tenant_id": multi.tenantID}).
				problem(http.StatusNotFound, "tenant_not_found")
			ml := h.get(t, "/api/v1/tenants", multiGlobal).expect(http.StatusOK).list()
			if len(ml) != 1 || ml[0].str("id") != org {
				t.Errorf("own listing %v, want only %s", ml, org)
			}
		})

		t.Run("other tenants are untouched", func(t *testing.T) {
			o := h.login(t, bystander.email, bystander.password)
			h.get(t, "/api/v1/tenants/"+bystander.tenantID, o.str("access_token")).expect(http.StatusOK).obj().
				sub("subscription").eq("status", "active")
		})

		t.Run("the public tenant cannot be deactivated", func(t *testing.T) {
			h.del(t, "/api/v1/tenants/public", admin).problem(http.StatusForbidden, "public_tenant_protected")
			h.put(t, "/api/v1/admin/tenants/public/status", admin, map[string]any{"status": "suspended"}).
				problem(http.StatusForbidden, "public_tenant_protected")
			h.get(t, "/api/v1/tenants/public", admin).expect(http.StatusOK).obj().eq("status", "active")
		})

		t.Run("missing tenants", func(t *testing.T) {
			h.del(t, "/api/v1/tenants/ten_doesnotexist", admin).problem(http.StatusNotFound, "tenant_not_found")
			h.post(t, "/api/v1/tenants/ten_doesnotexist/reactivate", admin, nil).problem(http.StatusNotFound, "tenant_not_found")
			h.post(t, "/api/v1/tenants/"+bystander.tenantID+"/reactivate", admin, nil).problem(http.StatusConflict, "tenant_not_inactive")
		})

		t.Run("reactivation restores everything", func(t *testing.T) {
			for _, acc := range []account{solo, multi} {
				o := h.post(t, "/api/v1/tenants/"+acc.tenantID+"/reactivate", admin, nil).expect(http.StatusOK).obj()
				o.eq("id", acc.tenantID)
				o.eq("status", "active")
				if !o.boolean("is_active") {
					t.Error("is_active false after reactivation")
				}
				o.sub("subscription").eq("status", "active")
				o.eq("slug", acc.slug)
			}
			// solo logs in again and owns its tenant.
			o := h.login(t, solo.email, solo.password)
			if ids := loginTenants(o); len(ids) != 1 || ids[0] != solo.tenantID || o.objs("tenants")[0].str("role") != "owner" {
				t.Errorf("solo's tenants %s", o)
			}
			h.get(t, "/api/v1/tenants/"+solo.tenantID, o.str("access_token")).expect(http.StatusOK).obj().eq("status", "active")
			// multi has both tenants back, as owner.
			m := h.login(t, multi.email, multi.password)
			ids := loginTenants(m)
			if len(ids) != 2 || !contains(ids, org) || !contains(ids, multi.tenantID) {
				t.Errorf("multi's tenants %v, want %s and %s", ids, org, multi.tenantID)
			}
			for _, x := range m.objs("tenants") {
				x.eq("role", "owner")
			}
			h.scoped(t, multi.email, multi.password, multi.tenantID)
			// Ended sessions stay ended: reactivation restores access, not sessions.
			for _, rt := range []string{soloLogin.str("refresh_token"), multiScoped.str("refresh_token")} {
				h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": rt}).
					problem(http.StatusUnauthorized, "invalid_refresh_token")
			}
			// Access tokens issued before the deactivation stay void too.
			h.get(t, "/api/v1/tenants/"+solo.tenantID, soloScoped).problem(http.StatusUnauthorized, "invalid_token")
			h.get(t, "/api/v1/tenants", soloLogin.str("access_token")).problem(http.StatusUnauthorized, "invalid_token")
			h.get(t, "/api/v1/tenants/"+multi.tenantID, multiScoped.str("access_token")).problem(http.StatusUnauthorized, "invalid_token")
			// Reactivating an active tenant is refused.
			h.post(t, "/api/v1/tenants/"+solo.tenantID+"/reactivate", admin, nil).problem(http.StatusConflict, "tenant_not_inactive")
		})

		t.Run("audit records both", func(t *testing.T) {
			events := h.get(t, "/api/v1/audit-logs?tenant_id="+solo.tenantID, admin).expect(http.StatusOK).list()
			var actions []string
			for _, e := range events {
				actions = append(actions, e.str("action"))
			}
			if !contains(actions, "tenant.deactivate") || !contains(actions, "tenant.reactivate") {
				t.Errorf("actions %v lack tenant.deactivate/tenant.reactivate", actions)
			}
		})
	})
}

// TestReactivationOrder deactivates both tenants of one owner, then brings
// them back one at a time in the same order: the owner regains access with
// the first reactivation, not only once every tenant is back.
func TestReactivationOrder(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		u := h.register(t, "Order Spa")
		org := h.post(t, "/api/v1/tenants", h.token(t, u.email, u.password), map[string]any{"name": "Order Org"}).
			expect(http.StatusCreated).obj().str("id")
		h.del(t, "/api/v1/tenants/"+u.tenantID, admin).expect(http.StatusNoContent)
		h.login(t, u.email, u.password) // still a member of org
		h.del(t, "/api/v1/tenants/"+org, admin).expect(http.StatusNoContent)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": u.email, "password": u.password}).
			problem(http.StatusForbidden, "account_inactive")

		h.post(t, "/api/v1/tenants/"+u.tenantID+"/reactivate", admin, nil).expect(http.StatusOK)
		if ids := loginTenants(h.login(t, u.email, u.password)); len(ids) != 1 || ids[0] != u.tenantID {
			t.Fatalf("after the first reactivation: tenants %v, want only %s", ids, u.tenantID)
		}
		h.post(t, "/api/v1/tenants/"+org+"/reactivate", admin, nil).expect(http.StatusOK)
		if ids := loginTenants(h.login(t, u.email, u.password)); len(ids) != 2 {
			t.Fatalf("after both reactivations: tenants %v", ids)
		}
	})
}

func TestTenantStatus(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		acc := h.register(t, "Status Spa")
		global := h.token(t, acc.email, acc.password)
		scoped := h.scoped(t, acc.email, acc.password, acc.tenantID)
		statusPath := "/api/v1/admin/tenants/" + acc.tenantID + "/status"
		path := "/api/v1/tenants/" + acc.tenantID

		o := h.put(t, statusPath, admin, map[string]any{"status": "suspended", "reason": "Payment overdue"}).expect(http.StatusOK).obj()
		o.eq("status", "suspended")
		o.eq("status_reason", "Payment overdue")
		if o.boolean("is_active") {
			t.Error("suspended tenant is_active true")
		}

		// Members keep their account but the tenant serves none of them.
		h.get(t, path, scoped).problem(http.StatusForbidden, "tenant_suspended")
		h.get(t, path, global).problem(http.StatusForbidden, "tenant_suspended")
		h.post(t, "/api/v1/auth/select-tenant", global, map[string]any{"tenant_id": acc.tenantID}).problem(http.StatusForbidden, "tenant_suspended")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password, "tenant_id": acc.tenantID}).
			problem(http.StatusForbidden, "tenant_suspended")
		h.login(t, acc.email, acc.password) // the account itself is fine
		// The platform admin still sees it.
		h.get(t, path, admin).expect(http.StatusOK).obj().eq("status", "suspended")
		sus := h.get(t, "/api/v1/tenants?status=inactive", admin).expect(http.StatusOK).list()
		if len(sus) != 1 || sus[0].str("id") != acc.tenantID {
			t.Errorf("status=inactive lists %v, want the suspended tenant", sus)
		}

		// Invalid statuses.
		for _, bad := range []map[string]any{{"status": "deleted"}, {"status": ""}, {"status": "inactive"}, {}} {
			h.put(t, statusPath, admin, bad).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("status").eq("code", "invalid_choice")
		}
		h.put(t, "/api/v1/admin/tenants/ten_doesnotexist/status", admin, map[string]any{"status": "active"}).problem(http.StatusNotFound, "tenant_not_found")

		// Archived, then back to active.
		h.put(t, statusPath, admin, map[string]any{"status": "archived", "reason": "Closed"}).expect(http.StatusOK).obj().eq("status", "archived")
		h.get(t, path, scoped).problem(http.StatusForbidden, "tenant_archived")
		back := h.put(t, statusPath, admin, map[string]any{"status": "active", "reason": "Paid"}).expect(http.StatusOK).obj()
		back.eq("status", "active")
		if !back.boolean("is_active") {
			t.Error("is_active false after returning to active")
		}
		h.get(t, path, scoped).expect(http.StatusOK).obj().eq("status", "active")
		h.get(t, path, global).expect(http.StatusOK)

		// Deactivated, then set to active through the status endpoint: a reactivation.
		h.del(t, path, admin).expect(http.StatusNoContent)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password}).problem(http.StatusForbidden, "account_inactive")
		h.put(t, statusPath, admin, map[string]any{"status": "active"}).expect(http.StatusOK).obj().sub("subscription").eq("status", "active")
		h.get(t, path, h.token(t, acc.email, acc.password)).expect(http.StatusOK).obj().eq("status", "active")
	})
}
