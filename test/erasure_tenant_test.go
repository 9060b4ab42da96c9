package test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
)

// TestEraseTenantJourney erases a deactivated, exported tenant with data of
// every kind: after its job ran, no table of the catalog holds a row of
// it, its only members are gone, a member of another tenant stays, its
// slug is refused, the tombstone is in the platform's log, and the other
// tenant is untouched with a chain that verifies.
func TestEraseTenantJourney(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		gone, kept := h.newTeam(t, "Erased Salon"), h.newTeam(t, "Kept Salon")
		outletID := h.createOutlet(t, gone.owner, "Main", "Manila")
		h.createService(t, gone.owner, "Cut", outletID)
		h.createStaff(t, gone.owner, "Ana", outletID)
		h.createCustomer(t, gone.owner, "Carla Cruz", "carla@example.com")
		h.createKey(t, gone.owner, "ci", "prod")
		onlyID, _ := h.addMember(t, gone.owner, gone.tenantID, "only@erased.example.com", membership.Staff)
		sharedID, _ := h.addMember(t, gone.owner, gone.tenantID, "shared@erased.example.com", membership.Staff)
		h.join(t, kept.tenantID, sharedID, membership.Staff)
		for i := range 3 {
			h.change(t, gone.owner, i)
			h.change(t, kept.owner, i)
		}
		h.createCustomer(t, kept.owner, "Kept Customer", "kept@example.com")
		// The platform's log names a user of the tenant (locked and unlocked).
		for _, status := range []string{"locked", "active"} {
			h.put(t, "/api/v1/admin/users/"+onlyID, h.admin(t), map[string]any{"status": status}).expect(http.StatusOK)
		}
		if body := h.get(t, "/api/v1/audit-logs?tenant_id=public&limit=500", h.admin(t)).expect(http.StatusOK).body; !strings.Contains(string(body), onlyID) {
			t.Fatal("the platform's log should name the user before the erasure")
		}
		h.seal(t) // both chains have seals

		before := h.tenantRows(t, kept.tenantID)
		for _, table := range []string{"audit_logs", "audit_chain", "audit_seals", "memberships", "customers"} {
			if h.tenantRows(t, gone.tenantID)[table] == 0 {
				t.Fatalf("the tenant to erase should have rows in %s", table)
			}
		}

		// Refusals: active; then deactivated but a wrong slug; no export.
		h.post(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t), map[string]any{"confirm_slug": gone.slug}).
			problem(http.StatusConflict, "tenant_active")
		h.deactivate(t, gone.tenantID)
		h.post(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t), map[string]any{"confirm_slug": kept.slug}).
			problem(http.StatusUnprocessableEntity, "confirm_slug_mismatch")
		h.post(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t), map[string]any{"confirm_slug": gone.slug}).
			problem(http.StatusConflict, "export_required")
		h.post(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t),
			map[string]any{"confirm_slug": gone.slug, "force": true}).problem(http.StatusUnprocessableEntity, "validation_failed")

		h.exported(t, gone.tenantID)
		r := h.erase(t, gone.tenantID, map[string]any{"confirm_slug": gone.slug})
		r.eq("state", "pending")
		r.eq("slug", gone.slug)
		if r.boolean("forced") || r.sub("job").str("status") != "pending" || r.sub("requested_by").str("email") != adminEmail {
			t.Fatalf("the 202 should show the pending job, unforced, by the admin: %s", r)
		}
		h.post(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t), map[string]any{"confirm_slug": gone.slug}).
			problem(http.StatusConflict, "erasure_requested")
		if h.tenantRows(t, gone.tenantID)["customers"] == 0 {
			t.Fatal("nothing may be erased before the job runs")
		}
		// The slug is reserved from the request on.
		if h.available(t, gone.slug) {
			t.Error("the slug of a tenant being erased should not be available")
		}

		h.runJobs(t)
		done := h.get(t, "/api/v1/admin/tenants/"+gone.tenantID+"/erase", h.admin(t)).expect(http.StatusOK).obj()
		done.eq("state", "erased")
		if done.sub("job").str("status") != "done" || done.num("rows_deleted") < 20 || done.num("users_deleted") != 2 {
			t.Fatalf("the job should have erased the tenant and its two own users: %s", done)
		}
		if left := h.tenantRows(t, gone.tenantID); len(left) > 0 {
			t.Fatalf("rows of the erased tenant are left: %v", left)
		}
		// The users erased with it are pseudonymised in the logs that stay.
		platformLog := string(h.get(t, "/api/v1/audit-logs?tenant_id=public&limit=500", h.admin(t)).expect(http.StatusOK).body)
		for _, ident := range []string{gone.ownerID, onlyID, gone.email, "only@erased.example.com"} {
			if strings.Contains(platformLog, ident) {
				t.Errorf("the platform's log still names %s, erased with the tenant", ident)
			}
		}
		ownerID := gone.ownerID
		for who, id := range map[string]string{"owner": ownerID, "member of it alone": onlyID} {
			if h.userExists(t, id) {
				t.Errorf("the erased tenant's %s is left", who)
			}
		}
		if !h.userExists(t, sharedID) {
			t.Error("a member of another tenant was erased with the tenant")
		}
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": gone.email, "password": gone.password}).expect(http.StatusUnauthorized)
		h.scoped(t, "shared@erased.example.com", goodPassword, kept.tenantID)

		// The slug stays reserved.
		if h.available(t, gone.slug) {
			t.Error("an erased tenant's slug should stay reserved")
		}
		h.post(t, "/api/v1/tenants", h.admin(t), map[string]any{"name": "Squatter", "slug": gone.slug}).
			problem(http.StatusConflict, "slug_taken")
		h.get(t, "/api/v1/tenants/"+gone.tenantID, h.admin(t)).expect(http.StatusNotFound)

		// The tombstone, in the platform's log.
		var tomb *obj
		for _, e := range h.get(t, "/api/v1/audit-logs?tenant_id=public&action=tenant.erase&limit=10", h.admin(t)).expect(http.StatusOK).list() {
			if e.str("resource_id") == gone.tenantID {
				tomb = &e
			}
		}
		if tomb == nil {
			t.Fatal("no tenant.erase tombstone in the platform's audit log")
		}
		d := tomb.sub("details")
		d.eq("slug", gone.slug)
		d.eq("forced", "false")
		if tomb.str("actor_email") != adminEmail {
			t.Errorf("the tombstone should name the admin who asked: %s", tomb)
		}

		// The other tenant is untouched, and every chain still verifies.
		if after := h.tenantRows(t, kept.tenantID); !sameTenantRows(before, after) {
			t.Errorf("the kept tenant's rows changed: before %v, after %v", before, after)
		}
		if v := h.verifyAudit(t, kept.owner, kept.tenantID); !v.boolean("ok") {
			t.Errorf("the kept tenant's chain should verify: %s", v)
		}
		h.seal(t)
		reports, err := h.srv.App.VerifyAllAudit(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, rep := range reports {
			if !rep.OK || rep.TenantID == gone.tenantID {
				t.Errorf("after the erasure: %+v", rep)
			}
		}
	})
}

// sameTenantRows reports whether two row counts agree, except the meter
// (requests are counted as they come) and sessions (the test logs in).
func sameTenantRows(a, b map[string]int) bool {
	for _, m := range []map[string]int{a, b} {
		for k, n := range m {
			switch k {
			case "request_meters", "refresh_tokens", "audit_logs", "audit_chain", "audit_seals":
				continue
			}
			if a[k] != b[k] || n != a[k] {
				return false
			}
		}
	}
	return true
}

// TestEraseTenantForced erases without an export, with a reason, recorded
// as forced in the tombstone.
func TestEraseTenantForced(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Forced Erasure")
		h.deactivate(t, acc.tenantID)
		r := h.erase(t, acc.tenantID, map[string]any{"confirm_slug": acc.slug, "force": true, "reason": "Fraudulent sign-up"})
		if !r.boolean("forced") || r.str("reason") != "Fraudulent sign-up" {
			t.Fatalf("want a forced erasure with its reason: %s", r)
		}
		h.runJobs(t)
		if left := h.tenantRows(t, acc.tenantID); len(left) > 0 {
			t.Fatalf("rows of the erased tenant are left: %v", left)
		}
		found := false
		for _, e := range h.get(t, "/api/v1/audit-logs?tenant_id=public&action=tenant.erase&limit=10", h.admin(t)).expect(http.StatusOK).list() {
			if e.str("resource_id") == acc.tenantID {
				found = true
				d := e.sub("details")
				d.eq("forced", "true")
				d.eq("reason", "Fraudulent sign-up")
			}
		}
		if !found {
			t.Error("no tombstone for the forced erasure")
		}
	})
}

// TestEraseTenantRefusals covers who may erase, and what.
func TestEraseTenantRefusals(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm, other := h.newTeam(t, "Refused Erasure"), h.newTeam(t, "Bystander Erasure")
		h.deactivate(t, tm.tenantID)
		h.exported(t, tm.tenantID)
		body := map[string]any{"confirm_slug": tm.slug}
		// Owners are no platform admins, of this tenant or another.
		h.post(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", other.owner, body).problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/admin/tenants/"+other.tenantID+"/erase", other.owner, map[string]any{"confirm_slug": other.slug}).
			problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/admin/tenants/ten_01JZ0000000000000000000000/erase", h.admin(t), body).
			problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", h.admin(t)).problem(http.StatusNotFound, "erasure_not_found")
		h.post(t, "/api/v1/admin/tenants/public/erase", h.admin(t), map[string]any{"confirm_slug": "public"}).
			problem(http.StatusForbidden, "public_tenant_protected")
		h.post(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", h.admin(t), map[string]any{}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		// Reactivated after the request, the tenant is not erased: the job
		// cancels the request and fails for good.
		h.erase(t, tm.tenantID, body)
		h.post(t, "/api/v1/tenants/"+tm.tenantID+"/reactivate", h.admin(t), nil).expect(http.StatusOK)
		h.runJobs(t)
		if h.tenantRows(t, tm.tenantID)["tenants"] != 1 {
			t.Fatal("a reactivated tenant was erased")
		}
		h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", h.admin(t)).problem(http.StatusNotFound, "erasure_not_found")
		if !h.available(t, "fresh-"+tm.slug) {
			t.Error("an unrelated slug should be available")
		}
	})
}

// TestEraseTenantAllOrNothing fails the erase transaction at its very last
// statement (the tombstone's audit event): nothing of the tenant is
// erased, the request stays pending and the job retries; once the fault is
// gone, the retry erases everything.
func TestEraseTenantAllOrNothing(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Crashing Erasure")
		h.createCustomer(t, tm.owner, "Carla Cruz", "carla@example.com")
		h.seal(t)
		h.deactivate(t, tm.tenantID)
		h.exported(t, tm.tenantID)
		before := h.tenantRows(t, tm.tenantID)
		remove := h.injectFailure(t, h.rawDB(t), "audit_logs", `NEW.action = 'tenant.erase'`)
		h.erase(t, tm.tenantID, map[string]any{"confirm_slug": tm.slug})
		h.runJobs(t)
		state := h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", h.admin(t)).expect(http.StatusOK).obj()
		state.eq("state", "pending")
		if j := state.sub("job"); j.str("status") != "pending" || j.num("attempts") != 1 || j.str("last_error") == "" {
			t.Fatalf("the failed attempt should leave the job pending for a retry: %s", state)
		}
		if after := h.tenantRows(t, tm.tenantID); !sameTenantRows(before, after) || after["customers"] != 1 || after["audit_seals"] == 0 {
			t.Fatalf("a failed erasure must leave every row: before %v, after %v", before, after)
		}
		remove()
		h.clock.advance(time.Minute) // past the retry's backoff (30 s)
		h.runJobs(t)
		h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", h.admin(t)).expect(http.StatusOK).obj().eq("state", "erased")
		if left := h.tenantRows(t, tm.tenantID); len(left) > 0 {
			t.Fatalf("rows of the erased tenant are left: %v", left)
		}
	})
}
