package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestProfile: GET /me with the storegister fields, partial updates
// (addresses field by field), every bad field at once, and the tenants list.
func TestProfile(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Profile Spa")
		token := h.scoped(t, acc.email, acc.password, acc.tenantID)
		me := h.get(t, "/api/v1/me", token).expect(http.StatusOK).obj()
		me.eq("email", acc.email)
		me.eq("first_name", "Maria")
		me.null("picture_url")
		if me.boolean("is_platform_admin") || me.sub("primary_address").str("line1") != "" || !startsWith(me.str("id"), "usr_") {
			t.Fatalf("profile %s", me)
		}
		for _, k := range []string{"last_name", "phone", "created_at", "updated_at"} {
			me.field(k)
		}
		for _, k := range []string{"line1", "line2", "city", "state", "postal_code", "country"} {
			me.sub("communication_address").str(k)
		}

		up := h.put(t, "/api/v1/me", token, map[string]any{"phone": "+63 917 555 0101",
			"primary_address": map[string]any{"line1": "1 Rizal Ave", "city": "Manila", "country": "PH"}}).expect(http.StatusOK).obj()
		up.eq("phone", "+63 917 555 0101")
		up.eq("first_name", "Maria") // untouched
		up.sub("primary_address").eq("city", "Manila")
		up = h.put(t, "/api/v1/me", token, map[string]any{"first_name": " Ana ",
			"primary_address": map[string]any{"postal_code": "1000"}}).expect(http.StatusOK).obj()
		up.eq("first_name", "Ana")
		pa := up.sub("primary_address")
		pa.eq("line1", "1 Rizal Ave") // kept: addresses change field by field
		pa.eq("postal_code", "1000")
		if h.get(t, "/api/v1/me", token).expect(http.StatusOK).obj().sub("primary_address").str("postal_code") != "1000" {
			t.Error("the update did not persist")
		}

		bad := h.put(t, "/api/v1/me", token, map[string]any{"first_name": "", "phone": "x",
			"communication_address": map[string]any{"postal_code": strings.Repeat("9", 21)}}).problem(http.StatusUnprocessableEntity, "validation_failed")
		want := map[string]string{"first_name": "required", "phone": "invalid_phone", "communication_address.postal_code": "too_long"}
		if got := bad.fieldErrors(); len(got) != len(want) || got["first_name"] != "required" || got["phone"] != "invalid_phone" ||
			got["communication_address.postal_code"] != "too_long" {
			t.Errorf("field errors %v, want %v", got, want)
		}
		h.put(t, "/api/v1/me", token, map[string]any{"email": "new@example.com"}).problem(http.StatusBadRequest, "unknown_field")
		h.get(t, "/api/v1/me", "").problem(http.StatusUnauthorized, "missing_token")

		tenants := h.get(t, "/api/v1/me/tenants", token).expect(http.StatusOK).list()
		if len(tenants) != 1 {
			t.Fatalf("my tenants %v", tenants)
		}
		tenants[0].eq("id", acc.tenantID)
		tenants[0].eq("slug", acc.slug)
		tenants[0].eq("role", "owner")
		tenants[0].eq("status", "active")
		tenants[0].str("name")

		actions, _ := h.auditActions(t, acc.tenantID)
		if actions["user.profile_update:success"] != 2 {
			t.Errorf("audit: %v", actions)
		}
	})
}

// TestSwitchEnvironment: a scoped token becomes one for another
// environment of the same tenant and role (trueport seed); a global token
// or an unknown environment is refused.
func TestSwitchEnvironment(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Env Spa")
		scoped := h.scoped(t, acc.email, acc.password, acc.tenantID)
		o := h.post(t, "/api/v1/auth/switch-environment", scoped, map[string]any{"environment": "staging"}).expect(http.StatusOK).obj()
		o.eq("environment", "staging")
		o.eq("tenant_id", acc.tenantID)
		o.eq("role", "owner")
		o.eq("token_type", "bearer")
		c := claims(t, o.str("access_token"))
		c.eq("env", "staging")
		c.eq("tenant_id", acc.tenantID)
		h.get(t, "/api/v1/tenants/"+acc.tenantID, o.str("access_token")).expect(http.StatusOK)
		back := h.post(t, "/api/v1/auth/switch-environment", o.str("access_token"), map[string]any{"environment": "prod"}).expect(http.StatusOK).obj()
		claims(t, back.str("access_token")).eq("env", "prod")

		global := h.token(t, acc.email, acc.password)
		h.post(t, "/api/v1/auth/switch-environment", global, map[string]any{"environment": "dev"}).
			problem(http.StatusUnprocessableEntity, "scoped_token_required")
		h.post(t, "/api/v1/auth/switch-environment", scoped, map[string]any{"environment": "qa"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("environment").eq("code", "invalid_environment")

		actions, _ := h.auditActions(t, acc.tenantID)
		if actions["auth.switch_environment:success"] != 2 {
			t.Errorf("audit: %v", actions)
		}
	})
}

// TestLoginThrottlePerAddress: failed logins from one client address are
// throttled across emails (20 in 15 minutes), whatever the accounts, and the
// lock-out is audited without telling whether any account exists.
func TestLoginThrottlePerAddress(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Throttle Spa")
		admin := h.admin(t) // logged in before the address is locked
		for i := 0; i < 20; i++ {
			email := "guess" + string(rune('a'+i)) + "@throttle.example.com"
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": "Wrong-Passw0rd"}).
				problem(http.StatusUnauthorized, "invalid_credentials")
		}
		r := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": acc.password})
		r.problem(http.StatusTooManyRequests, "login_throttled")
		if r.header.Get("Retry-After") == "" {
			t.Error("no Retry-After")
		}
		events := h.get(t, "/api/v1/audit-logs?tenant_id=public&action=auth.lockout", admin).expect(http.StatusOK).list()
		if len(events) != 1 || events[0].sub("details").str("scope") != "address" || events[0].str("actor_id") != "" {
			t.Fatalf("lockout events %v", events)
		}
	})
}
