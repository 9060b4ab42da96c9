package test

import (
	"net/http"
	"testing"
)

// TestConfigPlanFeatureFlag: the enterprise plan's seeded value switches
// features.white_label on for its tenants and not for a free tenant; a
// plan value set by a platform admin reaches only that plan's tenants.
func TestConfigPlanFeatureFlag(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		big := h.newBiller(t, "Enterprise Flag Spa")
		small := h.newBiller(t, "Free Flag Spa")
		big.change(t, "upgrade", "plan_enterprise").expect(http.StatusOK)
		bigTok, smallTok := big.token(t), small.token(t)
		if !h.flatConfigs(t, bigTok).boolean("features.white_label") {
			t.Error("the enterprise tenant does not get white label")
		}
		if h.flatConfigs(t, smallTok).boolean("features.white_label") {
			t.Error("the free tenant gets white label")
		}
		if e := h.configEntry(t, bigTok, "features.white_label"); e.str("source") != "plan" || e.boolean("mod") {
			t.Errorf("enterprise entry: %s", e)
		}
		// A platform admin's own feature flag, on for the free plan only.
		h.post(t, "/api/v1/admin/config-definitions", h.admin(t), map[string]any{"key": "features.beta_reports",
			"lbl": "Beta reports", "gen_type": "boolean", "default": false, "levels": []string{"global", "plan"}}).
			expect(http.StatusCreated)
		h.post(t, "/api/v1/admin/config-definitions", h.admin(t), map[string]any{"key": "features.beta_reports",
			"lbl": "Again", "gen_type": "boolean", "default": false}).problem(http.StatusConflict, "config_key_exists")
		h.post(t, "/api/v1/admin/config-definitions", h.admin(t), map[string]any{"key": "auth.mfa_enforced",
			"lbl": "Mine", "gen_type": "boolean", "default": false}).problem(http.StatusConflict, "config_key_builtin")
		h.adminConfig(t, "features.beta_reports", map[string]any{"value": true, "scope": "PLAN", "plan_id": "plan_free"})
		h.put(t, "/api/v1/admin/configs/features.beta_reports", h.admin(t), map[string]any{"value": true, "scope": "TENANT",
			"tenant_id": big.tenantID}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.put(t, "/api/v1/admin/configs/features.beta_reports", h.admin(t), map[string]any{"value": true, "scope": "PLAN",
			"plan_id": "plan_nothing"}).problem(http.StatusNotFound, "plan_not_found")
		if !h.flatConfigs(t, smallTok).boolean("features.beta_reports") || h.flatConfigs(t, bigTok).boolean("features.beta_reports") {
			t.Error("the free plan's flag reached the wrong tenants")
		}
		// Redefined as an integer, the stored boolean no longer applies: the default does.
		h.put(t, "/api/v1/admin/config-definitions/features.beta_reports", h.admin(t), map[string]any{
			"lbl": "Beta reports quota", "gen_type": "integer", "default": 3}).expect(http.StatusOK)
		if got := h.flatConfigs(t, smallTok).num("features.beta_reports"); got != 3 {
			t.Errorf("after the redefinition: %v", got)
		}
		list := h.get(t, "/api/v1/admin/configs", h.admin(t)).expect(http.StatusOK).obj().objs("items")
		found := false
		for _, it := range list {
			if it.sub("definition").str("key") == "features.white_label" {
				found = len(it.objs("platform_values")) == 1 && it.objs("platform_values")[0].str("plan_id") == "plan_enterprise"
			}
		}
		if !found {
			t.Errorf("admin configs lack the enterprise value of white label")
		}
	})
}

// TestConfigMFAEnforced: auth.mfa_enforced=true on a tenant makes its next
// login ask for TOTP (enrolment first, for an owner without one), and the
// client configuration says so; other tenants are not affected.
func TestConfigMFAEnforced(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, owner := h.keyOwner(t, "Enforced MFA Spa")
		other := h.register(t, "Unenforced MFA Spa")
		h.put(t, "/api/v1/configs/auth.mfa_enforced", owner, map[string]any{"value": true}).expect(http.StatusOK)
		challenged(t, h.loginBody(t, acc.email, acc.password, acc.tenantID), true)
		if o := h.loginBody(t, other.email, other.password, other.tenantID); !o.has("access_token") {
			t.Errorf("another tenant's login was challenged: %s", o)
		}
		cc := h.get(t, "/api/v1/public/tenants/"+acc.slug+"/client-config", "").expect(http.StatusOK).obj()
		if f := cc.strs("required_secondary_factors"); len(f) != 1 || f[0] != "totp" {
			t.Errorf("client config factors: %s", cc)
		}
		// Turned off again, the next login issues tokens.
		h.del(t, "/api/v1/configs/auth.mfa_enforced", owner).expect(http.StatusNoContent)
		if o := h.loginBody(t, acc.email, acc.password, acc.tenantID); !o.has("access_token") {
			t.Errorf("after DELETE the login is still challenged: %s", o)
		}
	})
}

// TestConfigBrandingAndIsolation: branding keys show in the tenant's
// public client configuration; another tenant's values are invisible; an
// API key reads the flat view with config:read and not without.
func TestConfigBrandingAndIsolation(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a, ownerA := h.keyOwner(t, "Branded Alpha Spa")
		b, ownerB := h.keyOwner(t, "Branded Beta Spa")
		h.put(t, "/api/v1/configs/branding.logo_url?environment=all", ownerA, map[string]any{"value": "https://cdn.example.com/a.png"}).
			expect(http.StatusOK)
		h.put(t, "/api/v1/configs/branding.primary_color?environment=prod", ownerA, map[string]any{"value": "#1a73e8"}).expect(http.StatusOK)
		cc := h.get(t, "/api/v1/public/tenants/"+a.slug+"/client-config", "").expect(http.StatusOK).obj().sub("branding")
		if cc.str("logo_url") != "https://cdn.example.com/a.png" || cc.str("primary_color") != "#1a73e8" {
			t.Errorf("client config branding: %s", cc)
		}
		if bb := h.get(t, "/api/v1/public/tenants/"+b.slug+"/client-config", "").expect(http.StatusOK).obj().sub("branding"); bb.str("logo_url") != "" {
			t.Errorf("B's branding shows A's: %s", bb)
		}
		flatB := h.flatConfigs(t, ownerB)
		if flatB.str("branding.logo_url") != "" || flatB.str("branding.primary_color") != "" {
			t.Errorf("B sees A's values: %s", flatB)
		}
		// An environment's value stays in it.
		stagingKey := h.createKey(t, ownerA, "Staging reader", "staging", "config:read").str("key")
		flat := h.withKey(t, "GET", "/api/v1/configs?format=flat", stagingKey, nil).expect(http.StatusOK).obj()
		if flat.str("branding.primary_color") != "" || flat.str("branding.logo_url") != "https://cdn.example.com/a.png" || flat.boolean("auth.mfa_enforced") {
			t.Errorf("staging view: %s", flat)
		}
		if n := len(flat.m); n < 5 {
			t.Errorf("flat view has %d keys: %s", n, flat)
		}
		noScope := h.createKey(t, ownerA, "Tenant reader", "prod", "tenant:read").str("key")
		h.withKey(t, "GET", "/api/v1/configs", noScope, nil).problem(http.StatusForbidden, "insufficient_scope")
		h.withKey(t, "PUT", "/api/v1/configs/branding.primary_color", stagingKey, map[string]any{"value": "#000000"}).
			problem(http.StatusForbidden, "insufficient_scope")
		h.get(t, "/api/v1/configs?format=xml", ownerA).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
