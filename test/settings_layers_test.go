package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestConfigLockedGlobalKey: a platform admin's locked global value
// reaches every tenant and refuses a tenant's change with 403
// config_locked; unlocked, the tenant may override it, and DELETE returns
// the key to what it inherits.
func TestConfigLockedGlobalKey(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Locked Config Spa")
		h.adminConfig(t, "branding.primary_color", map[string]any{"value": "#101010", "scope": "GLOBAL", "is_locked": true})
		if got := h.flatConfigs(t, owner).str("branding.primary_color"); got != "#101010" {
			t.Fatalf("global value not inherited: %q", got)
		}
		e := h.configEntry(t, owner, "branding.primary_color")
		if !e.boolean("is_locked") || e.boolean("mod") || e.str("source") != "global" {
			t.Errorf("locked entry: %s", e)
		}
		path := "/api/v1/configs/branding.primary_color"
		h.put(t, path, owner, map[string]any{"value": "#202020"}).problem(http.StatusForbidden, "config_locked")
		h.put(t, path+"?environment=all", owner, map[string]any{"value": "#202020"}).problem(http.StatusForbidden, "config_locked")

		h.adminConfig(t, "branding.primary_color", map[string]any{"value": "#101010", "scope": "GLOBAL", "is_locked": false})
		got := h.put(t, path, owner, map[string]any{"value": "#202020"}).expect(http.StatusOK).obj()
		if got.str("source") != "environment" || got.str("val") != "#202020" || !got.boolean("mod") {
			t.Errorf("put answer: %s", got)
		}
		h.put(t, path+"?environment=all", owner, map[string]any{"value": "#303030"}).expect(http.StatusOK)
		if got := h.flatConfigs(t, owner).str("branding.primary_color"); got != "#202020" {
			t.Errorf("the environment's value should win over the tenant's: %q", got)
		}
		h.del(t, path, owner).expect(http.StatusNoContent)
		if got := h.flatConfigs(t, owner).str("branding.primary_color"); got != "#303030" {
			t.Errorf("after DELETE the tenant-wide value applies: %q", got)
		}
		h.del(t, path+"?environment=all", owner).expect(http.StatusNoContent)
		if got := h.flatConfigs(t, owner).str("branding.primary_color"); got != "#101010" {
			t.Errorf("after both DELETEs the global value applies: %q", got)
		}
		// The changes are audited with old and new values.
		actions, body := h.auditActions(t, acc.tenantID)
		if actions["config.update:success"] != 2 || actions["config.delete:success"] != 2 {
			t.Errorf("audit: %v", actions)
		}
		if !strings.Contains(body, `"old":"\"#101010\""`) || !strings.Contains(body, `"new":"\"#202020\""`) {
			t.Errorf("audit details lack the old and new values: %s", body)
		}
	})
}

// TestConfigInputErrors: type errors answer 422 with the key's message, an
// unknown key 404, a key only the platform sets 403, and members other
// than owner and tenant_admin may read but not change.
func TestConfigInputErrors(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		_, owner := h.keyOwner(t, "Typed Config Spa")
		for key, bad := range map[string]any{"auth.mfa_enforced": "yes", "branding.primary_color": "red",
			"branding.logo_url": "javascript:alert(1)", "audit.retention_days": 1.5} {
			p := h.put(t, "/api/v1/configs/"+key, owner, map[string]any{"value": bad}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if p.fieldError("value").str("code") != "invalid_type" {
				t.Errorf("%s = %v: %s", key, bad, p)
			}
		}
		h.put(t, "/api/v1/configs/auth.mfa_enforced", owner, map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/configs/audit.retention_days", owner, map[string]any{"value": 0}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/configs/audit.retention_days", owner, map[string]any{"value": 30}).expect(http.StatusOK)
		h.put(t, "/api/v1/configs/no.such_key", owner, map[string]any{"value": true}).problem(http.StatusNotFound, "config_key_not_found")
		h.del(t, "/api/v1/configs/no.such_key", owner).problem(http.StatusNotFound, "config_key_not_found")
		h.put(t, "/api/v1/configs/features.white_label", owner, map[string]any{"value": true}).problem(http.StatusForbidden, "config_locked")
		h.put(t, "/api/v1/configs/auth.mfa_enforced?environment=qa", owner, map[string]any{"value": true}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if e := h.configEntry(t, owner, "features.white_label"); e.boolean("mod") {
			t.Errorf("white label modifiable by a tenant: %s", e)
		}
	})
}
