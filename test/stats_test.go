package test

import (
	"fmt"
	"maps"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/plan"
)

// TestTenantStats: a tenant's statistics count its real rows — live
// outlets by state, members by role and state, live customers with the
// last 30 days' sign-ups, this month's appointments by status (every
// status present) — beside its subscription and who it is; "this month"
// is the tenant's (Asia/Manila), so at its midnight the figures move to
// the next month while UTC is still in the old one. Owner, tenant_admin
// and platform admins read them; staff are refused; another tenant answers
// 404 tenant_not_found.
func TestTenantStats(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Stats Spa")
		h.onPlan(t, tm.tenantID, "pro")
		h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"settings": map[string]any{"timezone": "Asia/Manila"}}).
			expect(http.StatusOK)
		manila, err := time.LoadLocation("Asia/Manila")
		if err != nil {
			t.Fatal(err)
		}

		// Outlets: three live (one inactive), one deleted.
		main := h.createOutlet(t, tm.owner, "Stats Main", "Manila")
		h.createOutlet(t, tm.owner, "Stats North", "Quezon City")
		closed := h.createOutlet(t, tm.owner, "Stats Closed", "Makati")
		h.put(t, "/api/v1/outlets/"+closed, tm.owner, map[string]any{"is_active": false}).expect(http.StatusOK)
		gone := h.createOutlet(t, tm.owner, "Stats Gone", "Pasig")
		h.del(t, "/api/v1/outlets/"+gone, tm.owner).expect(http.StatusNoContent)

		// Members: the owner and one of each role but viewer; the
		// receptionist removed (inactive).
		_, admin := h.teammate(t, tm, "stats-admin@example.com", "tenant_admin")
		h.addUser(t, tm.owner, "stats-manager@example.com", "outlet_manager", main)
		h.addUser(t, tm.owner, "stats-staff@example.com", "staff", main)
		desk := h.addUser(t, tm.owner, "stats-desk@example.com", "receptionist", main)
		h.del(t, "/api/v1/members/"+desk, tm.owner).expect(http.StatusNoContent)
		staffTok := h.scoped(t, "stats-staff@example.com", goodPassword, tm.tenantID)

		// Customers: four through the API (one inactive, one deleted), one
		// signed up 40 days ago.
		first := h.createCustomer(t, tm.owner, "Ana Cruz", "ana@stats.example.com").str("id")
		h.createCustomer(t, tm.owner, "Ben Diaz", "ben@stats.example.com")
		idle := h.createCustomer(t, tm.owner, "Cora Lim", "cora@stats.example.com").str("id")
		h.put(t, "/api/v1/customers/"+idle, tm.owner, map[string]any{"status": "inactive"}).expect(http.StatusOK)
		left := h.createCustomer(t, tm.owner, "Dan Go", "dan@stats.example.com").str("id")
		h.del(t, "/api/v1/customers/"+left, tm.owner).expect(http.StatusNoContent)
		h.oldCustomer(t, tm.tenantID, "Eva Old", h.clock.peek().AddDate(0, 0, -40))

		// Appointments: this month (Manila) one of each status and a
		// second pending one; next month two; last month one.
		b := &booker{h: h, tenantID: tm.tenantID, loc: manila, outletID: main, customerID: first,
			serviceID: h.createService(t, tm.owner, "Stats Cut"), staffID: h.createStaff(t, tm.owner, "Stats Ana", main)}
		now := h.clock.peek().In(manila)
		monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, manila)
		next := monthStart.AddDate(0, 1, 0)
		inMonth := func(i int) time.Time { return monthStart.Add(time.Duration(i) * time.Hour) }
		pend := b.book(t, inMonth(10), booking.Pending)
		b.book(t, inMonth(11), booking.Pending)
		b.book(t, inMonth(12), booking.Confirmed)
		b.book(t, inMonth(13), booking.Completed)
		b.book(t, inMonth(14), booking.Cancelled)
		b.book(t, inMonth(15), booking.NoShow)
		b.book(t, next.Add(10*time.Hour), booking.Pending)
		b.book(t, next.Add(11*time.Hour), booking.Confirmed)
		b.book(t, monthStart.Add(-10*time.Hour), booking.Completed)
		b.set(t, pend, booking.Confirmed)

		view := h.get(t, "/api/v1/tenants/"+tm.tenantID, tm.owner).expect(http.StatusOK).obj()
		from := h.clock.peek()
		s := h.get(t, statsPath(tm.tenantID), tm.owner).expect(http.StatusOK).obj()
		h.clock.stamped(t, "generated_at", s.str("generated_at"), from)
		for _, c := range []struct {
			what string
			got  obj
			want map[string]int
		}{
			{"outlets", s.sub("outlets"), map[string]int{"total": 3, "active": 2, "inactive": 1}},
			{"customers", s.sub("customers"), map[string]int{"total": 4, "active": 3, "recent_signups": 3}},
			{"users.by_role", s.sub("users").sub("by_role"), map[string]int{"owner": 1, "tenant_admin": 1,
				"outlet_manager": 1, "staff": 1, "receptionist": 1, "viewer": 0}},
			{"appointments.this_month_by_status", s.sub("appointments").sub("this_month_by_status"),
				map[string]int{"pending": 1, "confirmed": 2, "completed": 1, "cancelled": 1, "no_show": 1}},
		} {
			if got := counts(c.got); !maps.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.what, got, c.want)
			}
		}
		if u := s.sub("users"); u.num("total") != 5 || u.num("active") != 4 {
			t.Errorf("users: %s, want 5 in all, 4 active", u)
		}
		if n := s.sub("appointments").num("this_month"); n != 6 {
			t.Errorf("this_month: %v, want 6", n)
		}
		sub, vs := s.sub("subscription"), view.sub("subscription")
		sub.eq("plan", "pro")
		sub.eq("status", vs.str("status"))
		if fmt.Sprint(sub.m["trial_ends_at"]) != fmt.Sprint(vs.m["trial_ends_at"]) || len(sub.m) != 3 {
			t.Errorf("subscription %s, want plan, status and trial_ends_at of %s", sub, vs)
		}
		info := s.sub("tenant_info")
		for _, k := range []string{"id", "name", "slug", "created_at"} {
			info.eq(k, view.str(k))
		}
		if len(info.m) != 4 || len(s.m) != 7 {
			t.Errorf("stats carry other fields than the seed's: %s", s)
		}

		// Who may read them.
		byAdmin := h.get(t, statsPath(tm.tenantID), admin).expect(http.StatusOK).obj()
		byPlatform := h.get(t, statsPath(tm.tenantID), h.admin(t)).expect(http.StatusOK).obj()
		for _, o := range []obj{byAdmin, byPlatform} {
			delete(o.m, "generated_at")
		}
		delete(s.m, "generated_at")
		if byAdmin.String() != s.String() || byPlatform.String() != s.String() {
			t.Errorf("tenant_admin / platform admin see other figures:\n%s\n%s\nowner: %s", byAdmin, byPlatform, s)
		}
		h.get(t, statsPath(tm.tenantID), staffTok).problem(http.StatusForbidden, "forbidden")
		other := h.newTeam(t, "Stats Other Spa")
		h.get(t, statsPath(tm.tenantID), other.owner).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, statsPath(other.tenantID), tm.owner).problem(http.StatusNotFound, "tenant_not_found")
		h.get(t, statsPath("ten_missing"), h.admin(t)).problem(http.StatusNotFound, "tenant_not_found")
		theirs := h.get(t, statsPath(other.tenantID), other.owner).expect(http.StatusOK).obj()
		if n := theirs.sub("appointments").num("this_month"); n != 0 || theirs.sub("customers").num("total") != 0 {
			t.Errorf("the other tenant's stats: %s", theirs)
		}

		// The tenant's midnight: half an hour before, this month; half an
		// hour after, next month (UTC, 8 hours behind, is still in this one).
		h.clock.advance(next.Add(-30 * time.Minute).Sub(h.clock.peek()))
		owner := h.scoped(t, tm.email, tm.password, tm.tenantID)
		before := h.get(t, statsPath(tm.tenantID), owner).expect(http.StatusOK).obj().sub("appointments")
		h.clock.advance(time.Hour)
		owner = h.scoped(t, tm.email, tm.password, tm.tenantID)
		afterBody := h.get(t, statsPath(tm.tenantID), owner).expect(http.StatusOK).obj()
		after := afterBody.sub("appointments")
		if utc := h.clock.peek().UTC(); utc.Month() != monthStart.Month() {
			t.Fatalf("the test's premise: UTC %v should still be in %v", utc, monthStart.Month())
		}
		if before.num("this_month") != 6 || after.num("this_month") != 2 ||
			!maps.Equal(counts(after.sub("this_month_by_status")),
				map[string]int{"pending": 1, "confirmed": 1, "completed": 0, "cancelled": 0, "no_show": 0}) {
			t.Errorf("across the tenant's midnight: before %s, after %s", before, after)
		}
	})
}

// TestTenantOverview: the storegister "Tenant Information Get" is the
// tenant's profile exactly as GET tenant answers it, its statistics as
// insights, its subscription as its one contract with the periods charged,
// and its open and failed invoices, newest first. Same access as the
// statistics.
func TestTenantOverview(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Overview Spa")
		h.onPlan(t, tm.tenantID, "pro")
		h.createCustomer(t, tm.owner, "Ana Cruz", "ana@overview.example.com")
		view := h.get(t, "/api/v1/tenants/"+tm.tenantID, tm.owner).expect(http.StatusOK).obj()
		subID := view.str("subscription_id")
		open := h.invoice(t, tm.tenantID, subID, plan.PaymentOpen)
		h.invoice(t, tm.tenantID, subID, plan.PaymentPaid)
		failed := h.invoice(t, tm.tenantID, subID, plan.PaymentFailed)

		o := h.get(t, overviewPath(tm.tenantID), tm.owner).expect(http.StatusOK).obj()
		if got := o.sub("profile"); got.String() != view.String() {
			t.Errorf("profile:\n got %s\nwant %s", got, view)
		}
		ins := o.sub("insights")
		stats := h.get(t, statsPath(tm.tenantID), tm.owner).expect(http.StatusOK).obj()
		delete(ins.m, "generated_at")
		delete(stats.m, "generated_at")
		if ins.String() != stats.String() {
			t.Errorf("insights:\n got %s\nwant %s", ins, stats)
		}
		cs := o.objs("contracts")
		if len(cs) != 1 {
			t.Fatalf("contracts: %v", cs)
		}
		c := cs[0]
		c.eq("id", subID)
		c.eq("plan", "pro")
		c.eq("status", view.sub("subscription").str("status"))
		c.eq("current_period_end", view.sub("subscription").str("current_period_end"))
		periods := map[string]string{}
		for _, p := range c.objs("periods") {
			periods[p.str("payment_id")] = p.str("status")
		}
		if periods[open] != "open" || periods[failed] != "failed" || len(periods) < 3 {
			t.Errorf("periods: %v", periods)
		}
		var unpaid []string
		for _, p := range o.objs("unpaid_invoices") {
			unpaid = append(unpaid, p.str("id")+":"+p.str("status"))
		}
		if fmt.Sprint(unpaid) != fmt.Sprint([]string{failed + ":failed", open + ":open"}) {
			t.Errorf("unpaid invoices: %v, want the failed then the open one", unpaid)
		}

		h.get(t, overviewPath(tm.tenantID), h.admin(t)).expect(http.StatusOK)
		_, staff := h.teammate(t, tm, "overview-staff@example.com", "staff")
		h.get(t, overviewPath(tm.tenantID), staff).problem(http.StatusForbidden, "forbidden")
		other := h.newTeam(t, "Overview Other Spa")
		h.get(t, overviewPath(tm.tenantID), other.owner).problem(http.StatusNotFound, "tenant_not_found")
		none := h.get(t, overviewPath(other.tenantID), other.owner).expect(http.StatusOK).obj()
		if len(none.objs("unpaid_invoices")) != 0 {
			t.Errorf("a new tenant's unpaid invoices: %s", none)
		}
	})
}
