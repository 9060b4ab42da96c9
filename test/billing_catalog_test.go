package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestBillingCatalogIsPublic: anyone reads the plans a tenant may choose,
// in the trueport shape plus code, currency, trial days and limits, with
// unlimited meters absent.
func TestBillingCatalogIsPublic(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		plans := h.get(t, "/api/v1/catalog/plans", "").expect(http.StatusOK).list()
		var codes []string
		for _, p := range plans {
			codes = append(codes, p.str("code"))
		}
		if strings.Join(codes, ",") != "free,basic,pro,enterprise" {
			t.Fatalf("catalog codes %v", codes)
		}
		basic := plans[1]
		basic.eq("id", "plan_basic")
		basic.eq("name", "Basic")
		basic.eq("billing_cycle", "MONTHLY")
		basic.eq("currency", "USD")
		if basic.num("price") != 2900 || basic.num("trial_days") != 14 || len(basic.strs("features")) != 4 {
			t.Errorf("basic: %v", basic)
		}
		limits := basic.sub("limits")
		if limits.num("outlets") != 3 || limits.num("storage_bytes") != 10<<30 || limits.has("members") {
			t.Errorf("basic limits: %v", limits)
		}
		if len(plans[3].sub("limits").m) != 0 {
			t.Errorf("enterprise limits: %v", plans[3])
		}
	})
}

// TestBillingAdminPlans: platform admins create, change, archive and
// restore plans, with every field validated under a stable code; limits
// of a plan with subscribers change only when acknowledged; tenant members
// are refused; every change is audited.
func TestBillingAdminPlans(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		b := h.newBiller(t, "Plan Admin Spa")
		owner := b.token(t)
		h.get(t, "/api/v1/admin/plans", owner).problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/admin/plans", owner, map[string]any{"code": "x"}).problem(http.StatusForbidden, "forbidden")
		h.put(t, "/api/v1/admin/plans/plan_basic", owner, map[string]any{"name": "Hijacked"}).problem(http.StatusForbidden, "forbidden")

		body := map[string]any{"code": "studio", "name": "Studio", "description": "Two rooms.", "price": 1500,
			"currency": "php", "billing_cycle": "yearly", "trial_days": 7, "features": []string{"2 outlets"},
			"limits": map[string]any{"outlets": 2, "members": nil}, "stripe_price_id": "price_1MoBy5LkdIwHu7ix", "sort_order": 15}
		r := h.post(t, "/api/v1/admin/plans", admin, body).expect(http.StatusCreated)
		p := r.obj()
		id := p.str("id")
		if !strings.HasPrefix(id, "plan_") || r.header.Get("Location") != "/api/v1/admin/plans/"+id {
			t.Errorf("created %s at %q", id, r.header.Get("Location"))
		}
		p.eq("currency", "PHP")
		p.eq("billing_cycle", "YEARLY")
		if p.boolean("archived") || p.num("subscribers") != 0 || p.sub("limits").num("outlets") != 2 || p.sub("limits").has("members") {
			t.Errorf("created: %v", p)
		}
		h.post(t, "/api/v1/admin/plans", admin, body).problem(http.StatusConflict, "plan_code_taken")

		bad := h.post(t, "/api/v1/admin/plans", admin, map[string]any{"code": "Bad Code", "name": " ", "price": -1,
			"currency": "ZZZ", "billing_cycle": "WEEKLY", "trial_days": 400, "features": []string{""},
			"limits": map[string]any{"bogus": 1, "outlets": -1}, "stripe_price_id": "prod_123"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldErrors()
		for field, code := range map[string]string{"code": "invalid_code", "name": "required", "price": "out_of_range",
			"currency": "invalid_currency", "billing_cycle": "invalid_choice", "trial_days": "out_of_range",
			"features[0]": "required", "limits.bogus": "unknown_meter", "limits.outlets": "out_of_range",
			"stripe_price_id": "invalid_stripe_price"} {
			if bad[field] != code {
				t.Errorf("field %s: %q, want %q (all: %v)", field, bad[field], code, bad)
			}
		}
		h.post(t, "/api/v1/admin/plans", admin, raw(`{"code": "fractional", "name": "F", "price": 12.5}`)).
			expect(http.StatusUnprocessableEntity)

		// Partial changes; the code never changes.
		u := h.put(t, "/api/v1/admin/plans/"+id, admin, map[string]any{"name": "Studio Plus"}).expect(http.StatusOK).obj()
		u.eq("name", "Studio Plus")
		u.eq("description", "Two rooms.")
		h.put(t, "/api/v1/admin/plans/"+id, admin, map[string]any{"code": "other"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("code").eq("code", "immutable")
		h.put(t, "/api/v1/admin/plans/plan_missing", admin, map[string]any{"name": "X"}).problem(http.StatusNotFound, "plan_not_found")
		// Without subscribers, limits change freely.
		h.put(t, "/api/v1/admin/plans/"+id, admin, map[string]any{"limits": map[string]any{"outlets": 4}}).expect(http.StatusOK)

		// With a subscriber, a limit change needs the acknowledgement.
		b.change(t, "upgrade", "plan_basic").expect(http.StatusOK)
		refused := h.put(t, "/api/v1/admin/plans/plan_basic", admin, map[string]any{"limits": map[string]any{"outlets": 5}}).
			problem(http.StatusConflict, "plan_has_subscribers")
		if !strings.Contains(refused.str("detail"), "1 subscriptions") {
			t.Errorf("the refusal does not count the subscribers: %v", refused)
		}
		h.put(t, "/api/v1/admin/plans/plan_basic", admin, map[string]any{"name": "Basic", "limits": map[string]any{
			"outlets": 3, "staff": 15, "appointments_per_month": 500, "storage_bytes": 10 << 30}}).expect(http.StatusOK) // unchanged limits
		ok := h.put(t, "/api/v1/admin/plans/plan_basic", admin, map[string]any{"limits": map[string]any{"outlets": 5},
			"confirm_subscribers": true}).expect(http.StatusOK).obj()
		if ok.num("subscribers") != 1 || ok.sub("limits").num("outlets") != 5 || ok.sub("limits").has("staff") {
			t.Errorf("confirmed change: %v", ok)
		}

		// Archiving hides a plan from the catalog and from new subscribers; restoring brings it back.
		h.put(t, "/api/v1/admin/plans/"+id, admin, map[string]any{"archived": true}).expect(http.StatusOK).obj().boolean("archived")
		if listed(h.get(t, "/api/v1/catalog/plans", ""), id) {
			t.Error("an archived plan is in the catalog")
		}
		if !listed(h.get(t, "/api/v1/admin/plans", admin).expect(http.StatusOK), id) {
			t.Error("the admin listing lacks the archived plan")
		}
		b.change(t, "upgrade", id).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("plan_id").eq("code", "plan_archived")
		h.put(t, "/api/v1/admin/plans/"+id, admin, map[string]any{"archived": false}).expect(http.StatusOK)
		if !listed(h.get(t, "/api/v1/catalog/plans", ""), id) {
			t.Error("a restored plan is not in the catalog")
		}
		h.put(t, "/api/v1/admin/plans/plan_free", admin, map[string]any{"archived": true}).problem(http.StatusConflict, "plan_default")

		actions, _ := h.auditActions(t, "public")
		for _, a := range []string{"plan.create", "plan.update", "plan.archive", "plan.restore"} {
			if actions[a+":success"] == 0 {
				t.Errorf("no %s audit event: %v", a, actions)
			}
		}
	})
}
