package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// TestAdminImpersonation: a platform admin gets a tenant-scoped token of at
// most 15 minutes, without a refresh token, whose act claim names them;
// acting with it works with the member's role, and the action is audited
// with the member as actor and the admin as impersonator; the tenant's log
// shows the impersonation; the token cannot be exchanged; a platform admin
// cannot be impersonated (403); a non-member, another tenant's user or a
// missing one answers 404; a tenant owner gets 403; locking the admin
// voids the token.
func TestAdminImpersonation(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		rootID := claims(t, admin).str("sub")
		a := h.register(t, "Impersonate Alpha Spa")
		b := h.register(t, "Impersonate Beta Spa")
		ownerToken := h.scoped(t, a.email, a.password, a.tenantID)
		ownerID := claims(t, ownerToken).str("sub")
		bOwnerID := claims(t, h.scoped(t, b.email, b.password, b.tenantID)).str("sub")

		body := map[string]any{"user_id": ownerID, "tenant_id": a.tenantID, "reason": "Ticket 4711: cannot see outlets"}
		o := h.post(t, "/api/v1/admin/impersonate", admin, body).expect(http.StatusOK).obj()
		if o.has("refresh_token") || o.num("expires_in") > 900 || o.num("expires_in") <= 0 || o.str("impersonator_id") != rootID ||
			o.str("role") != "owner" {
			t.Fatalf("impersonation: %s", o)
		}
		tok := o.str("access_token")
		c := claims(t, tok)
		if c.str("sub") != ownerID || c.str("tenant_id") != a.tenantID || c.sub("act").str("sub") != rootID {
			t.Fatalf("claims: %s", c)
		}
		if exp, iat := c.num("exp"), c.num("iat"); exp-iat > 900 {
			t.Fatalf("lives %v s", exp-iat)
		}

		// Acting under it: an audited change names both.
		h.put(t, "/api/v1/tenants/"+a.tenantID, tok, map[string]any{"description": "Fixed by support"}).expect(http.StatusOK)
		events := h.get(t, "/api/v1/audit-logs?tenant_id="+a.tenantID+"&limit=100", admin).expect(http.StatusOK).list()
		var update, imp obj
		for _, e := range events {
			switch e.str("action") {
			case "tenant.update":
				update = e
			case "admin.impersonate":
				imp = e
			}
		}
		if update.m == nil || update.str("actor_id") != ownerID || update.str("impersonator_id") != rootID {
			t.Fatalf("update under impersonation: %v", update)
		}
		if imp.m == nil || imp.str("actor_id") != rootID || imp.str("resource_id") != ownerID ||
			imp.sub("details").str("reason") != body["reason"] {
			t.Fatalf("impersonation event: %v", imp)
		}
		// The owner's own log view shows it too.
		seen := false
		for _, e := range h.get(t, "/api/v1/audit-logs?action=admin.impersonate", ownerToken).expect(http.StatusOK).list() {
			seen = seen || e.str("actor_id") == rootID
		}
		if !seen {
			t.Fatal("the tenant's audit log does not show the impersonation")
		}

		// No exchange for a longer or wider token.
		h.post(t, "/api/v1/auth/select-tenant", tok, map[string]any{"tenant_id": a.tenantID}).problem(http.StatusForbidden, "impersonation_restricted")

		// Refusals.
		h.post(t, "/api/v1/admin/impersonate", admin, map[string]any{"user_id": rootID, "tenant_id": a.tenantID, "reason": "x"}).
			problem(http.StatusNotFound, "user_not_found") // not a member of A
		h.post(t, "/api/v1/admin/impersonate", admin, map[string]any{"user_id": bOwnerID, "tenant_id": a.tenantID, "reason": "x"}).
			problem(http.StatusNotFound, "user_not_found")
		h.post(t, "/api/v1/admin/impersonate", admin, map[string]any{"user_id": id.New(id.User), "tenant_id": a.tenantID, "reason": "x"}).
			problem(http.StatusNotFound, "user_not_found")
		h.post(t, "/api/v1/admin/impersonate", admin, map[string]any{"user_id": ownerID, "tenant_id": id.New(id.Tenant), "reason": "x"}).
			problem(http.StatusNotFound, "tenant_not_found")
		h.post(t, "/api/v1/admin/impersonate", admin, map[string]any{"user_id": ownerID, "tenant_id": a.tenantID}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/admin/users/"+ownerID, admin, map[string]any{"is_platform_admin": true}).expect(http.StatusOK)
		h.post(t, "/api/v1/admin/impersonate", admin, body).problem(http.StatusForbidden, "cannot_impersonate_platform_admin")
		h.put(t, "/api/v1/admin/users/"+ownerID, admin, map[string]any{"is_platform_admin": false}).expect(http.StatusOK)
		h.post(t, "/api/v1/admin/impersonate", ownerToken, body).problem(http.StatusForbidden, "forbidden")

		// The token dies with its admin's standing: locking the admin voids it.
		h.put(t, "/api/v1/admin/users/"+bOwnerID, admin, map[string]any{"is_platform_admin": true}).expect(http.StatusOK)
		second := h.token(t, b.email, b.password)
		tok2 := h.post(t, "/api/v1/admin/impersonate", second, body).expect(http.StatusOK).obj().str("access_token")
		h.get(t, "/api/v1/tenants/"+a.tenantID, tok2).expect(http.StatusOK)
		h.put(t, "/api/v1/admin/users/"+bOwnerID, admin, map[string]any{"status": "locked"}).expect(http.StatusOK)
		h.get(t, "/api/v1/tenants/"+a.tenantID, tok2).problem(http.StatusUnauthorized, "invalid_token")
	})
}
