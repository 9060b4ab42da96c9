package plan

import (
	"errors"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

var (
	free  = &Plan{Code: Free, Price: 0, SortOrder: 10, BillingCycle: Monthly}
	basic = &Plan{Code: Basic, Price: 2900, SortOrder: 20, BillingCycle: Monthly, TrialDays: 14}
	year  = &Plan{Code: "basic-yearly", Price: 29000, SortOrder: 21, BillingCycle: Yearly}
	pro   = &Plan{Code: Pro, Price: 9900, SortOrder: 30, BillingCycle: Monthly, TrialDays: 14}
)

func TestCompare(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b *Plan
		want int
	}{
		{free, basic, -1}, {pro, basic, 1}, {basic, basic, 0},
		{year, basic, -1}, // 290.00 a year is less than 12 × 29.00
		{&Plan{Code: "a", SortOrder: 1}, &Plan{Code: "b", SortOrder: 2}, -1},
	} {
		if got := Compare(c.a, c.b); got != c.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", c.a.Code, c.b.Code, got, c.want)
		}
	}
}

func TestStartGivesATrialOncePerPlan(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
	s := NewFree("ten_x", "sub_x", at)
	if !s.Start(basic, at, true) || s.Status != Trialing || !s.CurrentPeriodEnd.Equal(at.AddDate(0, 0, 14)) ||
		s.TrialEndsAt == nil || !s.TrialEndsAt.Equal(s.CurrentPeriodEnd) || !s.HadTrial(Basic) {
		t.Fatalf("first start on basic: %+v", s)
	}
	later := at.AddDate(0, 2, 0)
	if s.Start(basic, later, true) || s.Status != Active || s.TrialEndsAt != nil || !s.CurrentPeriodEnd.Equal(later.AddDate(0, 1, 0)) {
		t.Errorf("second start on basic: %+v", s)
	}
	if s.Start(pro, later, false) || s.Status != Active {
		t.Errorf("a start without trial: %+v", s)
	}
}

func TestRenew(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s := NewFree("ten_x", "sub_x", start)
	s.Start(basic, start, true) // trialing until March 15
	end := s.CurrentPeriodEnd
	s.ScheduledPlan = Free
	s.Renew(free, end.Add(time.Minute))
	if s.Plan != Free || s.Status != Active || s.TrialEndsAt != nil || s.ScheduledPlan != "" ||
		!s.CurrentPeriodStart.Equal(end) || !s.CurrentPeriodEnd.Equal(end.AddDate(0, 1, 0)) {
		t.Errorf("renewal right after the end: %+v", s)
	}
	late := s.CurrentPeriodEnd.AddDate(0, 3, 0)
	s.Renew(free, late)
	if !s.CurrentPeriodStart.Equal(late) {
		t.Errorf("a renewal more than a period late starts at once: %+v", s)
	}
}

func TestRules(t *testing.T) {
	t.Parallel()
	for code, ok := range map[string]bool{"pro": true, "pro-annual_2": true, "p": false, "Pro": false, "1pro": false, "": false} {
		if ValidCode(code) != ok {
			t.Errorf("ValidCode(%q) = %v", code, !ok)
		}
	}
	for cur, ok := range map[string]bool{"USD": true, "PHP": true, "IDR": true, "usd": false, "XXX": false, "XAU": false, "ABC": false} {
		if ValidCurrency(cur) != ok {
			t.Errorf("ValidCurrency(%q) = %v", cur, !ok)
		}
	}
	for id, ok := range map[string]bool{"price_1MoBy5LkdIwHu7ix": true, "price_": false, "prod_123": false, "price_1 2": false} {
		if ValidStripePrice(id) != ok {
			t.Errorf("ValidStripePrice(%q) = %v", id, !ok)
		}
	}
}

func TestLimitErrorIsAnErrsError(t *testing.T) {
	t.Parallel()
	var err error = NewLimitError(Free, Basic, true, Exceeded{Meter: Outlets, Used: 2, Limit: 1})
	if errs.KindOf(err) != errs.Conflict || errs.CodeOf(err) != "plan_limit_exceeded" {
		t.Errorf("kind %v, code %s", errs.KindOf(err), errs.CodeOf(err))
	}
	var le *LimitError
	if !errors.As(err, &le) || len(le.Exceeded) != 1 {
		t.Errorf("errors.As: %v", err)
	}
}
