package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/membership"
)

// TestConfigAdminDelete: a platform admin's global, plan and tenant values
// of a key, deleted in turn from the most specific, let the tenant's
// resolved value fall back a layer each time; a second delete answers 404
// config_value_not_found; bad scopes 422, unknown keys, plans and tenants
// 404; tenant admins 403. Each delete is audited with the removed value,
// except for a key whose name looks like a secret's.
func TestConfigAdminDelete(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Admin Delete Spa")
		const key = "branding.primary_color"
		h.adminConfig(t, key, map[string]any{"value": "#111111", "scope": "GLOBAL"})
		h.adminConfig(t, key, map[string]any{"value": "#222222", "scope": "PLAN", "plan_id": "plan_free"})
		h.adminConfig(t, key, map[string]any{"value": "#333333", "scope": "TENANT", "tenant_id": acc.tenantID})
		resolved := func(wantVal, wantSource string) {
			t.Helper()
			if e := h.configEntry(t, owner, key); e.str("val") != wantVal || e.str("source") != wantSource {
				t.Errorf("resolved %s, want %s from %s", e, wantVal, wantSource)
			}
		}
		resolved("#333333", "tenant")

		path := "/api/v1/admin/configs/" + key
		steps := []struct{ query, val, source string }{
			{"?scope=TENANT&tenant_id=" + acc.tenantID, "#222222", "plan"},
			{"?scope=PLAN&plan_id=plan_free", "#111111", "global"},
			{"?scope=GLOBAL", "", "default"},
		}
		for _, s := range steps {
			h.del(t, path+s.query, owner).problem(http.StatusForbidden, "forbidden")
			h.del(t, path+s.query, h.admin(t)).expect(http.StatusNoContent)
			resolved(s.val, s.source)
			h.del(t, path+s.query, h.admin(t)).problem(http.StatusNotFound, "config_value_not_found")
		}
		// The default scope is GLOBAL.
		h.adminConfig(t, key, map[string]any{"value": "#444444"})
		resolved("#444444", "global")
		h.del(t, path, h.admin(t)).expect(http.StatusNoContent)
		resolved("", "default")

		// A tenant admin other than the owner is refused as well.
		admin := h.member(t, acc.tenantID, "delete-admin@example.com", membership.TenantAdmin)
		h.del(t, path, admin).problem(http.StatusForbidden, "forbidden")

		// Bad input.
		for q, field := range map[string]string{"?scope=EVERYWHERE": "scope", "?scope=PLAN": "plan_id", "?scope=TENANT": "tenant_id"} {
			h.del(t, path+q, h.admin(t)).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError(field)
		}
		h.del(t, "/api/v1/admin/configs/no.such_key", h.admin(t)).problem(http.StatusNotFound, "config_key_not_found")
		h.del(t, path+"?scope=PLAN&plan_id=plan_nothing", h.admin(t)).problem(http.StatusNotFound, "plan_not_found")
		h.del(t, path+"?scope=TENANT&tenant_id=ten_nothing", h.admin(t)).problem(http.StatusNotFound, "tenant_not_found")

		// A key whose name looks like a secret's: its value stays out of the log.
		h.post(t, "/api/v1/admin/config-definitions", h.admin(t), map[string]any{"key": "features.webhook_token",
			"lbl": "Webhook token", "gen_type": "string", "default": ""}).expect(http.StatusCreated)
		h.adminConfig(t, "features.webhook_token", map[string]any{"value": "tok-do-not-log", "scope": "TENANT", "tenant_id": acc.tenantID})
		h.del(t, "/api/v1/admin/configs/features.webhook_token?scope=TENANT&tenant_id="+acc.tenantID, h.admin(t)).
			expect(http.StatusNoContent)

		actions, body := h.auditActions(t, acc.tenantID)
		if actions["config.admin_delete:success"] != 2 {
			t.Errorf("the tenant's log: %v", actions)
		}
		if !strings.Contains(body, `"old":"\"#333333\""`) {
			t.Errorf("the tenant's log lacks the removed value: %s", body)
		}
		if strings.Contains(body, `"old":"\"tok-do-not-log\""`) {
			t.Errorf("the removed value of a secret-like key was logged: %s", body)
		}
		platform, _ := h.auditActions(t, "public")
		if platform["config.admin_delete:success"] != 3 {
			t.Errorf("the platform's log: %v", platform)
		}
	})
}
