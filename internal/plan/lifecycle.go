package plan

import (
	"slices"
	"time"
)

// Compare orders plans from lower to higher: by the price of a year
// (monthly prices times twelve; currencies are not converted), then by
// display order. It is negative when a is lower than b, positive when
// higher, and 0 only for plans that rank alike.
func Compare(a, b *Plan) int {
	if d := a.YearlyPrice() - b.YearlyPrice(); d != 0 {
		return sign(d)
	}
	return sign(int64(a.SortOrder - b.SortOrder))
}

func sign(d int64) int {
	switch {
	case d < 0:
		return -1
	case d > 0:
		return 1
	}
	return 0
}

// YearlyPrice is what a year of p costs, in minor units.
func (p *Plan) YearlyPrice() int64 {
	if p.BillingCycle == Yearly {
		return p.Price
	}
	return p.Price * 12
}

// HadTrial reports whether the tenant has had the trial of the plan code.
func (s *Subscription) HadTrial(code string) bool { return slices.Contains(s.Trialed, code) }

// Billable reports whether the subscription is in good standing, so its
// plan can change and its period renew: trialing or active.
func (s *Subscription) Billable() bool { return s.Status == Active || s.Status == Trialing }

// Start moves s onto p at once, from at: a new period starts and a
// scheduled change is dropped. With trial set (a move up), a plan with
// trial days that the tenant never trialed starts trialing, its period
// being the trial. It reports whether a trial started (then nothing is owed
// until the trial ends).
func (s *Subscription) Start(p *Plan, at time.Time, trial bool) bool {
	s.Plan, s.ScheduledPlan, s.ScheduledAt, s.PastDueSince = p.Code, "", nil, nil
	s.CurrentPeriodStart, s.UpdatedAt = at, at
	if trial && p.TrialDays > 0 && !s.HadTrial(p.Code) {
		end := at.AddDate(0, 0, p.TrialDays)
		s.Status, s.TrialEndsAt, s.CurrentPeriodEnd = Trialing, &end, end
		s.Trialed = append(s.Trialed, p.Code)
		return true
	}
	s.Status, s.TrialEndsAt, s.CurrentPeriodEnd = Active, nil, p.PeriodEnd(at)
	return false
}

// Renew starts the next period of s on p (its own plan, or the one a
// scheduled change moves to) once the current period has ended at now: the
// new period follows the old one without a gap, unless a whole period of p
// has passed since (the renewal ran late), when it starts at now. A trial
// ends; the subscription is active.
func (s *Subscription) Renew(p *Plan, now time.Time) {
	start := s.CurrentPeriodEnd
	if !p.PeriodEnd(start).After(now) {
		start = now
	}
	s.Plan, s.ScheduledPlan, s.ScheduledAt = p.Code, "", nil
	s.Status, s.TrialEndsAt = Active, nil
	s.CurrentPeriodStart, s.CurrentPeriodEnd, s.UpdatedAt = start, p.PeriodEnd(start), now
}
