package test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/app"
)

// TestBillingPastDueSuspendedThenPaid: a failed payment makes the
// subscription past_due; when the grace period (7 days by default) ends
// unpaid, the subscription and the tenant are suspended ("Payment
// overdue"); paying restores both. Every transition is audited.
func TestBillingPastDueSuspendedThenPaid(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		studio := h.adminPlan(t, map[string]any{"code": "studio", "name": "Studio", "price": 1500})
		b := h.newBiller(t, "Past Due Spa")
		b.change(t, "upgrade", studio).expect(http.StatusOK).obj().eq("status", "active")
		ctx := context.Background()
		failed, err := h.srv.App.PaymentFailed(ctx, app.PaymentOutcome{TenantID: b.tenantID, Provider: "none",
			ProviderRef: "in_renewal_1", Reason: "card_declined"})
		if err != nil {
			t.Fatal(err)
		}
		s := b.current(t)
		s.eq("status", "past_due")
		if s.str("past_due_since") == "" {
			t.Errorf("past_due_since: %v", s)
		}
		pays := b.payments(t)
		if len(pays) != 2 || pays[0].str("id") != failed.ID || pays[0].str("status") != "failed" ||
			pays[0].str("failure_reason") != "card_declined" || pays[0].num("amount") != 1500 {
			t.Errorf("payments: %v", pays)
		}
		b.change(t, "upgrade", "plan_pro").problem(http.StatusConflict, "subscription_not_active")

		h.clock.advance(6 * day)
		if got := h.runBilling(t, b.tenantID); len(got) != 0 {
			t.Errorf("jobs before the grace period ended: %v", got)
		}
		h.clock.advance(day + time.Minute)
		if got := h.runBilling(t, b.tenantID); len(got) != 1 || got[0] != "suspended" {
			t.Fatalf("grace end: %v", got)
		}
		admin := h.token(t, adminEmail, adminPassword)
		view := h.get(t, "/api/v1/tenants/"+b.tenantID, admin).expect(http.StatusOK).obj()
		view.eq("status", "suspended")
		view.eq("status_reason", "Payment overdue")
		view.sub("subscription").eq("status", "suspended")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": b.email, "password": b.password, "tenant_id": b.tenantID}).
			problem(http.StatusForbidden, "tenant_suspended")

		if _, err := h.srv.App.PaymentSucceeded(ctx, app.PaymentOutcome{TenantID: b.tenantID, PaymentID: failed.ID}); err != nil {
			t.Fatal(err)
		}
		view = h.get(t, "/api/v1/tenants/"+b.tenantID, admin).expect(http.StatusOK).obj()
		view.eq("status", "active")
		s = b.current(t)
		s.eq("status", "active")
		s.null("past_due_since")
		b.payments(t)[0].eq("status", "paid")
		actions, _ := h.auditActions(t, b.tenantID)
		for _, a := range []string{"payment.failed", "subscription.past_due", "subscription.suspend", "tenant.status",
			"payment.paid", "subscription.restore"} {
			if actions[a+":success"] == 0 {
				t.Errorf("no %s audit event: %v", a, actions)
			}
		}
		// A grace end queued again (a duplicate delivery) finds it settled.
		if _, err := h.srv.App.PaymentFailed(ctx, app.PaymentOutcome{TenantID: b.tenantID, ProviderRef: "in_2"}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.srv.App.PaymentSucceeded(ctx, app.PaymentOutcome{TenantID: b.tenantID, ProviderRef: "in_2"}); err != nil {
			t.Fatal(err)
		}
		h.clock.advance(8 * day)
		if got := h.runBilling(t, b.tenantID); len(got) != 1 || got[0] != "settled meanwhile" {
			t.Errorf("a settled grace end: %v", got)
		}
		b.current(t).eq("status", "active")
	})
}

// TestBillingPaymentsListed: payments page newest first with their total.
func TestBillingPaymentsListed(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		studio := h.adminPlan(t, map[string]any{"code": "studio", "name": "Studio", "price": 1500})
		b := h.newBiller(t, "Paying Spa")
		b.change(t, "upgrade", studio).expect(http.StatusOK)
		for i := range 3 {
			if _, err := h.srv.App.PaymentSucceeded(context.Background(), app.PaymentOutcome{TenantID: b.tenantID,
				ProviderRef: fmt.Sprintf("in_%d", i), Amount: int64(100 + i), Currency: "EUR"}); err != nil {
				t.Fatal(err)
			}
		}
		r := h.get(t, "/api/v1/subscriptions/payments?skip=1&limit=2", b.token(t)).expect(http.StatusOK)
		list := r.list()
		if r.total() != 4 || len(list) != 2 || list[0].str("provider_ref") != "in_1" || list[1].str("provider_ref") != "in_0" {
			t.Errorf("page: total %d, %v", r.total(), list)
		}
		list[0].eq("currency", "EUR")
		h.get(t, "/api/v1/subscriptions/payments?limit=0", b.token(t)).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}

// TestBillingDeactivationRestores: deactivating a tenant suspends its
// subscription and reactivating restores exactly the status it had; a
// period that ended meanwhile rolls over at once after the reactivation.
func TestBillingDeactivationRestores(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		b := h.newBiller(t, "Dormant Spa")
		b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj().eq("status", "trialing")
		admin := h.admin(t)
		h.del(t, "/api/v1/tenants/"+b.tenantID, admin).expect(http.StatusNoContent)
		h.get(t, "/api/v1/subscriptions/current?tenant_id="+b.tenantID, admin).expect(http.StatusOK).obj().eq("status", "suspended")
		h.post(t, "/api/v1/tenants/"+b.tenantID+"/reactivate", admin, nil).expect(http.StatusOK).
			obj().sub("subscription").eq("status", "trialing")

		h.del(t, "/api/v1/tenants/"+b.tenantID, admin).expect(http.StatusNoContent)
		h.clock.advance(15 * day)
		if got := h.runBilling(t, b.tenantID); len(got) != 1 || got[0] != "not renewed: subscription suspended" {
			t.Errorf("rollover while deactivated: %v", got)
		}
		admin = h.token(t, adminEmail, adminPassword)
		h.post(t, "/api/v1/tenants/"+b.tenantID+"/reactivate", admin, nil).expect(http.StatusOK)
		if got := h.runBilling(t, b.tenantID); len(got) != 1 {
			t.Errorf("rollover after the reactivation: %v", got)
		}
		s := b.current(t)
		s.eq("status", "active")
		s.null("trial_ends_at")
		if !timeOf(t, s, "current_period_end").After(h.clock.peek()) {
			t.Errorf("the period after the reactivation: %v", s)
		}
		if n := len(b.payments(t)); n != 1 {
			t.Errorf("payments: %d", n)
		}
	})
}
