package test

import (
	"net/http"
	"testing"
)

// TestAdminUsers: the platform admins' user list answers {items, total}
// with status, platform admin flag, tenant count and last login; email
// matches a part; a platform admin may be granted and revoked but never the
// last one (409); a locked account's sessions end at once and it cannot log
// in until unlocked; each change is audited; a tenant owner gets 403.
func TestAdminUsers(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		a := h.register(t, "Users Alpha Spa")
		h.register(t, "Users Beta Spa")
		ownerToken := h.scoped(t, a.email, a.password, a.tenantID)

		list := h.get(t, "/api/v1/admin/users?email=users-alpha-spa.example", admin).expect(http.StatusOK).obj()
		if list.num("total") != 1 {
			t.Fatalf("email filter: %s", list)
		}
		u := list.objs("items")[0]
		if u.str("email") != a.email || u.str("status") != "active" || u.boolean("is_platform_admin") ||
			u.num("tenant_count") != 1 || u.str("last_login_at") == "" || u.str("created_at") == "" {
			t.Fatalf("user: %s", u)
		}
		uid := u.str("id")
		all := h.get(t, "/api/v1/admin/users?limit=500", admin).expect(http.StatusOK).obj()
		if int(all.num("total")) != len(all.objs("items")) || all.num("total") < 3 {
			t.Fatalf("all users: %s", all)
		}
		rootID := ""
		for _, x := range all.objs("items") {
			if x.str("email") == adminEmail {
				rootID = x.str("id")
			}
		}

		// The last platform admin stays one, and is never locked.
		h.put(t, "/api/v1/admin/users/"+rootID, admin, map[string]any{"is_platform_admin": false}).problem(http.StatusConflict, "last_platform_admin")
		h.put(t, "/api/v1/admin/users/"+rootID, admin, map[string]any{"status": "locked"}).problem(http.StatusConflict, "last_platform_admin")
		granted := h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{"is_platform_admin": true}).expect(http.StatusOK).obj()
		if !granted.boolean("is_platform_admin") {
			t.Fatalf("grant: %s", granted)
		}
		h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{"is_platform_admin": false}).expect(http.StatusOK)
		h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{"status": "frozen"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/admin/users/usr_missing0000000000000000", admin, map[string]any{"status": "locked"}).problem(http.StatusNotFound, "user_not_found")

		// Locking ends the session at once and refuses logins.
		h.get(t, "/api/v1/tenants/"+a.tenantID, ownerToken).expect(http.StatusOK)
		locked := h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{"status": "locked"}).expect(http.StatusOK).obj()
		if locked.str("status") != "locked" {
			t.Fatalf("lock: %s", locked)
		}
		h.get(t, "/api/v1/tenants/"+a.tenantID, ownerToken).expect(http.StatusUnauthorized)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": a.email, "password": a.password}).problem(http.StatusForbidden, "account_locked")
		h.put(t, "/api/v1/admin/users/"+uid, admin, map[string]any{"status": "active"}).expect(http.StatusOK)
		h.login(t, a.email, a.password)

		events := h.get(t, "/api/v1/audit-logs?tenant_id=public&actor_id="+rootID+"&limit=100", admin).expect(http.StatusOK).list()
		seen := map[string]bool{}
		for _, e := range events {
			seen[e.str("action")] = true
		}
		for _, act := range []string{"user.platform_admin.grant", "user.platform_admin.revoke", "user.lock", "user.unlock"} {
			if !seen[act] {
				t.Fatalf("no %s audited: %v", act, seen)
			}
		}
		h.get(t, "/api/v1/admin/users", h.scoped(t, a.email, a.password, a.tenantID)).problem(http.StatusForbidden, "forbidden")
	})
}
