package test

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuditLog(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		const wrongPassword = "Wr0ng-Secret-Guess"
		const weakPassword = "weakling-secret"
		a := h.register(t, "Audited Spa")
		b := h.register(t, "Unrelated Spa")
		// A refused registration whose weak password must not be recorded.
		weak := registration("Weak Spa")
		weak["admin_password"] = weakPassword
		h.post(t, "/api/v1/public/register", "", weak).problem(http.StatusUnprocessableEntity, "validation_failed")

		secrets := []string{goodPassword, adminPassword, wrongPassword, weakPassword}
		login := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": a.email, "password": a.password, "tenant_id": a.tenantID}).
			expect(http.StatusOK).obj()
		scoped := login.str("access_token")
		global := h.login(t, a.email, a.password)
		secrets = append(secrets, scoped, login.str("refresh_token"), global.str("access_token"), global.str("refresh_token"))
		sel := h.post(t, "/api/v1/auth/select-tenant", global.str("access_token"), map[string]any{"tenant_id": a.tenantID}).expect(http.StatusOK).obj()
		secrets = append(secrets, sel.str("access_token"))
		refreshed := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": global.str("refresh_token")}).expect(http.StatusOK).obj()
		secrets = append(secrets, refreshed.str("access_token"), refreshed.str("refresh_token"))
		// A failed login naming the tenant is recorded there.
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": a.email, "password": wrongPassword, "tenant_id": a.tenantID}).
			problem(http.StatusUnauthorized, "invalid_credentials")
		// A tenant update, with a request id to find it by.
		h.do(t, http.MethodPut, "/api/v1/tenants/"+a.tenantID, req{token: scoped, body: map[string]any{"description": "Audited", "website": "audited.example.com"},
			header: map[string]string{"X-Request-ID": "audit-test-put-1", "User-Agent": "tenantry-black-box"}}).expect(http.StatusOK)
		// b does things of its own.
		h.put(t, "/api/v1/tenants/"+b.tenantID, h.scoped(t, b.email, b.password, b.tenantID), map[string]any{"description": "Other"}).expect(http.StatusOK)

		t.Run("tenant owner sees only their tenant", func(t *testing.T) {
			r := h.get(t, "/api/v1/audit-logs", scoped).expect(http.StatusOK)
			events := r.list()
			if r.total() != len(events) || len(events) == 0 {
				t.Fatalf("X-Total-Count %d for %d events", r.total(), len(events))
			}
			byAction := map[string][]obj{}
			for _, e := range events {
				if e.str("tenant_id") != a.tenantID {
					t.Errorf("event of another tenant listed: %s", e)
				}
				byAction[e.str("action")] = append(byAction[e.str("action")], e)
			}
			for _, want := range []string{"tenant.register", "auth.login", "auth.select_tenant", "tenant.update"} {
				if len(byAction[want]) == 0 {
					t.Errorf("no %s event in %v", want, keys(byAction))
				}
			}
			for i := 1; i < len(events); i++ {
				if auditAt(t, events[i-1]).Before(auditAt(t, events[i])) {
					t.Errorf("events not newest first at %d", i)
				}
			}
			reg := byAction["tenant.register"][0]
			reg.eq("resource_type", "tenant")
			reg.eq("resource_id", a.tenantID)
			reg.eq("actor_email", a.email)
			reg.eq("outcome", "success")
			reg.sub("details").eq("plan", "free")
			reg.sub("details").eq("slug", a.slug)

			up := byAction["tenant.update"][0]
			if !strings.HasPrefix(up.str("id"), "evt_") {
				t.Errorf("event id %q, want evt_…", up.str("id"))
			}
			up.eq("request_id", "audit-test-put-1")
			up.eq("user_agent", "tenantry-black-box")
			up.eq("ip", "127.0.0.1")
			up.eq("actor_id", claims(t, scoped).str("sub"))
			up.eq("actor_email", a.email)
			up.sub("details").eq("fields", "description,website")
			if up.str("created_at") == "" {
				t.Error("no created_at")
			}

			outcomes := map[string]int{}
			for _, e := range byAction["auth.login"] {
				outcomes[e.str("outcome")]++
			}
			if outcomes["success"] != 1 || outcomes["failure"] != 1 {
				t.Errorf("auth.login outcomes in the tenant %v, want one success (the scoped login) and one failure", outcomes)
			}

			// Filters and paging.
			only := h.get(t, "/api/v1/audit-logs?action=tenant.update", scoped).expect(http.StatusOK)
			if l := only.list(); only.total() != 1 || len(l) != 1 || l[0].str("action") != "tenant.update" {
				t.Errorf("action filter gave %v", l)
			}
			page := h.get(t, "/api/v1/audit-logs?limit=2&skip=1", scoped).expect(http.StatusOK)
			pl := page.list()
			if page.total() != len(events) || len(pl) != 2 || pl[0].str("id") != events[1].str("id") {
				t.Errorf("limit=2&skip=1 gave %v (total %d)", pl, page.total())
			}
			h.get(t, "/api/v1/audit-logs?limit=501", scoped).problem(http.StatusUnprocessableEntity, "validation_failed")
		})

		t.Run("other tenants are out of reach", func(t *testing.T) {
			h.get(t, "/api/v1/audit-logs?tenant_id="+b.tenantID, scoped).problem(http.StatusNotFound, "tenant_not_found")
			h.get(t, "/api/v1/audit-logs?tenant_id="+b.tenantID, global.str("access_token")).problem(http.StatusNotFound, "tenant_not_found")
			h.get(t, "/api/v1/audit-logs", refreshed.str("access_token")).problem(http.StatusUnprocessableEntity, "validation_failed").
				fieldError("tenant_id").eq("code", "required")
			r := h.get(t, "/api/v1/audit-logs?tenant_id="+a.tenantID, refreshed.str("access_token")).expect(http.StatusOK)
			for _, e := range r.list() {
				e.eq("tenant_id", a.tenantID)
			}
			h.get(t, "/api/v1/audit-logs", "").problem(http.StatusUnauthorized, "missing_token")
		})

		t.Run("platform admin filters by tenant", func(t *testing.T) {
			admin := h.admin(t)
			mine := h.get(t, "/api/v1/audit-logs", scoped).expect(http.StatusOK)
			r := h.get(t, "/api/v1/audit-logs?tenant_id="+a.tenantID, admin).expect(http.StatusOK)
			if r.total() != mine.total() {
				t.Errorf("admin sees %d events of the tenant, its owner %d", r.total(), mine.total())
			}
			for _, e := range r.list() {
				e.eq("tenant_id", a.tenantID)
			}
			all := h.get(t, "/api/v1/audit-logs?limit=500", admin).expect(http.StatusOK)
			tenants := map[string]bool{}
			for _, e := range all.list() {
				tenants[e.str("tenant_id")] = true
			}
			for _, id := range []string{a.tenantID, b.tenantID, "public"} {
				if !tenants[id] {
					t.Errorf("unfiltered admin listing lacks tenant %s", id)
				}
			}
		})

		t.Run("no secret is ever recorded", func(t *testing.T) {
			admin := h.admin(t)
			secrets = append(secrets, admin)
			bodies := []*response{
				h.get(t, "/api/v1/audit-logs?limit=500", admin).expect(http.StatusOK),
				h.get(t, "/api/v1/audit-logs?limit=500", scoped).expect(http.StatusOK),
			}
			if bodies[0].total() > 500 {
				t.Fatalf("%d events: more than one page", bodies[0].total())
			}
			for _, r := range bodies {
				for _, s := range secrets {
					if s == "" {
						t.Fatal("empty secret in the list")
					}
					if strings.Contains(string(r.body), s) {
						t.Errorf("audit listing contains a secret %.12s…", s)
					}
				}
			}
		})
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
