package test

import (
	"net/http"
	"testing"
	"time"
)

const day = 24 * time.Hour

// TestBillingUpgradeTrialThenRollover: free → basic starts a 14-day trial
// at once (nothing paid); the rollover at the trial's end makes it active
// for a month with a paid payment, once however often the job runs; the
// tenant view shows the same subscription; a second trial of basic is not
// given.
func TestBillingUpgradeTrialThenRollover(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		b := h.newBiller(t, "Trial Rollover Spa")
		s := b.current(t)
		s.eq("plan", "free")
		s.eq("plan_id", "plan_free")
		s.eq("status", "active")
		s.null("scheduled_change")
		s.null("trial_ends_at")

		before := h.clock.peek()
		up := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
		up.eq("id", s.str("id"))
		up.eq("plan", "basic")
		up.eq("plan_name", "Basic")
		up.eq("status", "trialing")
		start, end := timeOf(t, up, "current_period_start"), timeOf(t, up, "current_period_end")
		h.clock.stamped(t, "current_period_start", up.str("current_period_start"), before)
		if !end.Equal(start.Add(14*day)) || !timeOf(t, up, "trial_ends_at").Equal(end) {
			t.Errorf("trial period %v … %v, trial ends %s", start, end, up.str("trial_ends_at"))
		}
		if n := len(b.payments(t)); n != 0 {
			t.Errorf("a trial recorded %d payments", n)
		}
		view := h.get(t, "/api/v1/tenants/"+b.tenantID, b.token(t)).expect(http.StatusOK).obj().sub("subscription")
		view.eq("plan", "basic")
		view.eq("status", "trialing")
		view.eq("current_period_end", up.str("current_period_end"))

		if got := h.runBilling(t, b.tenantID); len(got) != 0 {
			t.Errorf("jobs ran before the trial ended: %v", got)
		}
		h.clock.advance(14*day + time.Minute)
		got := h.runBilling(t, b.tenantID)
		if len(got) != 1 { // the trial's (the free period's is due in a month)
			t.Errorf("rollovers: %v", got)
		}
		s = b.current(t)
		s.eq("status", "active")
		s.eq("plan", "basic")
		s.null("trial_ends_at")
		if !timeOf(t, s, "current_period_start").Equal(end) || !timeOf(t, s, "current_period_end").Equal(end.AddDate(0, 1, 0)) {
			t.Errorf("first paid period: %v", s)
		}
		pays := b.payments(t)
		if len(pays) != 1 {
			t.Fatalf("payments after the trial: %v", pays)
		}
		p := pays[0]
		p.eq("status", "paid")
		p.eq("provider", "none")
		p.eq("currency", "USD")
		p.eq("plan_id", "plan_basic")
		p.eq("period_start", s.str("current_period_start"))
		p.eq("period_end", s.str("current_period_end"))
		if p.num("amount") != 2900 {
			t.Errorf("amount %v", p.num("amount"))
		}
		actions, _ := h.auditActions(t, b.tenantID)
		if actions["subscription.upgrade:success"] != 1 || actions["subscription.trial_end:success"] != 1 {
			t.Errorf("audit: %v", actions)
		}
		// The free period's rollover, when it comes due, finds its period gone.
		h.clock.advance(17 * day)
		if got := h.runBilling(t, b.tenantID); len(got) != 1 || got[0] != "period already moved" {
			t.Errorf("the free period's rollover: %v", got)
		}
		if n := len(b.payments(t)); n != 1 {
			t.Errorf("payments: %d", n)
		}

		// Back to free at once (trueport's activate), then up again: no second trial.
		h.post(t, "/api/v1/subscriptions", b.token(t), map[string]any{"plan_id": "plan_free"}).expect(http.StatusCreated)
		again := b.change(t, "upgrade", "plan_basic").expect(http.StatusOK).obj()
		again.eq("status", "active")
		if n := len(b.payments(t)); n != 2 {
			t.Errorf("payments after a paid upgrade: %d", n)
		}
	})
}

// TestBillingDowngradeScheduled: a downgrade waits for the period's end,
// shown as the scheduled change, and the rollover applies it; usage past
// the lower plan's limits refuses it at once (409 plan_limit_exceeded) or,
// when it grew after scheduling, at the rollover, which keeps the plan.
func TestBillingDowngradeScheduled(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		b := h.newBiller(t, "Downgrade Spa")
		b.change(t, "upgrade", "plan_pro").expect(http.StatusOK)
		h.clock.advance(14*day + time.Minute)
		h.runBilling(t, b.tenantID) // the trial ends: pro, active, paid
		s := b.current(t)
		s.eq("status", "active")
		end := s.str("current_period_end")

		d := b.change(t, "downgrade", "plan_basic").expect(http.StatusOK).obj()
		d.eq("plan", "pro")
		sc := d.sub("scheduled_change")
		sc.eq("plan", "basic")
		sc.eq("plan_id", "plan_basic")
		sc.eq("effective_at", end)
		b.current(t).sub("scheduled_change").eq("plan", "basic")

		h.clock.advance(31*day + time.Minute)
		h.runBilling(t, b.tenantID)
		s = b.current(t)
		s.eq("plan", "basic")
		s.eq("status", "active") // basic's trial is for moving up, not down
		s.null("scheduled_change")
		s.eq("current_period_start", end)
		pays := b.payments(t)
		if len(pays) != 2 || pays[0].str("plan_id") != "plan_basic" || pays[0].num("amount") != 2900 {
			t.Errorf("payments: %v", pays)
		}

		// Two outlets: free (one outlet) is refused at once, naming the meter's refusal code.
		owner := b.token(t)
		h.createOutlet(t, owner, "Downgrade Outlet One", "Cebu")
		h.createOutlet(t, owner, "Downgrade Outlet Two", "Davao")
		b.change(t, "downgrade", "plan_free").problem(http.StatusConflict, "plan_limit_exceeded")
		b.current(t).null("scheduled_change")

		// Scheduled while it fits, refused at the rollover once usage grew.
		c := h.newBiller(t, "Growing Spa")
		c.change(t, "upgrade", "plan_basic").expect(http.StatusOK) // trialing 14 days
		c.change(t, "downgrade", "plan_free").expect(http.StatusOK).obj().sub("scheduled_change").eq("plan", "free")
		h.createOutlet(t, c.token(t), "Growing Outlet One", "Cebu")
		h.createOutlet(t, c.token(t), "Growing Outlet Two", "Iloilo")
		h.clock.advance(14*day + time.Minute)
		h.runBilling(t, c.tenantID)
		s = c.current(t)
		s.eq("plan", "basic")
		s.eq("status", "active")
		s.null("scheduled_change")
		d2 := h.auditDetails(t, c.token(t), "subscription.downgrade_refused", s.str("id"))
		d2.eq("exceeded", "outlets 2/1")
	})
}

// TestBillingChangeRules: every refused change has its own code; staff may
// not change plans; platform admins act on any tenant through tenant_id;
// the trueport activation answers 201 in its shape.
func TestBillingChangeRules(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		b := h.newBiller(t, "Change Rules Spa")
		b.change(t, "upgrade", "plan_free").problem(http.StatusConflict, "same_plan")
		b.change(t, "downgrade", "plan_pro").problem(http.StatusConflict, "not_a_downgrade")
		b.change(t, "upgrade", "plan_nope").problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("plan_id").eq("code", "plan_not_found")
		b.change(t, "upgrade", "").problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("plan_id").eq("code", "required")
		b.change(t, "upgrade", "plan_pro").expect(http.StatusOK)
		b.change(t, "upgrade", "plan_basic").problem(http.StatusConflict, "not_an_upgrade")

		staff := h.member(t, b.tenantID, "staff@change-rules.example.com", "staff")
		h.get(t, "/api/v1/subscriptions/current", staff).problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/subscriptions/upgrade", staff, map[string]any{"plan_id": "plan_enterprise"}).
			problem(http.StatusForbidden, "forbidden")
		h.get(t, "/api/v1/subscriptions/payments", staff).problem(http.StatusForbidden, "forbidden")

		admin := h.admin(t)
		h.get(t, "/api/v1/subscriptions/current", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.get(t, "/api/v1/subscriptions/current?tenant_id=ten_missing", admin).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, "/api/v1/subscriptions/current?tenant_id="+b.tenantID, admin).expect(http.StatusOK).obj().eq("plan", "pro")

		r := h.post(t, "/api/v1/subscriptions?tenant_id="+b.tenantID, admin, map[string]any{"plan_id": "plan_enterprise"}).
			expect(http.StatusCreated).obj()
		r.eq("plan_id", "plan_enterprise")
		r.eq("plan_name", "Enterprise")
		r.eq("status", "ACTIVE")
		for _, k := range []string{"id", "start_date", "end_date"} {
			if r.str(k) == "" {
				t.Errorf("activation lacks %s: %v", k, r)
			}
		}
		if !timeOf(t, r, "end_date").Equal(timeOf(t, r, "start_date").AddDate(0, 1, 0)) {
			t.Errorf("activation period: %v", r)
		}
		// Activating the current plan keeps it and drops a scheduled change.
		b.change(t, "downgrade", "plan_pro").expect(http.StatusOK)
		h.post(t, "/api/v1/subscriptions", b.token(t), map[string]any{"plan_id": "plan_enterprise"}).expect(http.StatusCreated).
			obj().eq("end_date", r.str("end_date"))
		b.current(t).null("scheduled_change")
	})
}
