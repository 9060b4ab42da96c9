package app

import (
	"context"
	"strings"

	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// stripeSubscriptionUpdated follows, in tx, a customer.subscription.updated
// event of s's Stripe subscription. The period: a subscription in good
// standing takes Stripe's current period when it overlaps its own and has
// not ended (a trial, and a scheduled downgrade, end with it; the rollover
// is queued at its end); a Stripe period after the current one is left to
// the rollover, which also applies a scheduled downgrade. The status:
// past_due and unpaid make a subscription in good standing past_due (as a
// failed payment does); canceled and incomplete_expired end it as deleted;
// active and trialing restore a past_due subscription once a payment is
// recorded paid since; incomplete and paused change nothing. The plan stays
// Tenantry's: its changes go through Tenantry, which sets Stripe's price.
func (a *App) stripeSubscriptionUpdated(ctx context.Context, tx *store.Tx, s *plan.Subscription, ev stripepay.Event) (string, string, error) {
	switch ev.Status {
	case "canceled", "incomplete_expired":
		return a.stripeSubscriptionEnded(ctx, tx, s, ev)
	}
	var done []string
	now := a.now()
	if s.Billable() && !ev.PeriodEnd.IsZero() && ev.PeriodEnd.After(now) && ev.PeriodStart.Before(s.CurrentPeriodEnd) &&
		(!ev.PeriodStart.Equal(s.CurrentPeriodStart) || !ev.PeriodEnd.Equal(s.CurrentPeriodEnd)) {
		end := ev.PeriodEnd.UTC()
		s.CurrentPeriodStart, s.CurrentPeriodEnd, s.UpdatedAt = ev.PeriodStart.UTC(), end, now
		if s.Status == plan.Trialing {
			s.TrialEndsAt = &end
		}
		if s.ScheduledPlan != "" {
			s.ScheduledAt = &end
		}
		if err := tx.UpdateSubscription(ctx, s); err != nil {
			return "", "", err
		}
		if err := a.schedulePeriodEnd(ctx, tx, s); err != nil {
			return "", "", err
		}
		if err := a.record(ctx, tx, s.TenantID, nil, "subscription.period", "subscription", s.ID, map[string]string{
			"source": providerStripe, "period_start": s.CurrentPeriodStart.Format(keyTime), "period_end": end.Format(keyTime)}); err != nil {
			return "", "", err
		}
		done = append(done, "period until "+end.Format(keyTime))
	}
	switch ev.Status {
	case "past_due", "unpaid":
		if s.Billable() {
			if err := a.stripePastDue(ctx, tx, s, ev.Status); err != nil {
				return "", "", err
			}
			done = append(done, "past_due")
		}
	case "active", "trialing":
		was := s.Status
		if err := a.restoreIfPaid(ctx, tx, nil, s); err != nil {
			return "", "", err
		}
		if s.Status != was {
			done = append(done, string(s.Status))
		}
	}
	if len(done) == 0 {
		return StripeApplied, "nothing to change (Stripe status " + ev.Status + ")", nil
	}
	return StripeApplied, strings.Join(done, ", "), nil
}

// stripePastDue makes s past_due because Stripe says its subscription is
// (status past_due or unpaid), its grace period ending in a queued job, as
// a failed payment does.
func (a *App) stripePastDue(ctx context.Context, tx *store.Tx, s *plan.Subscription, stripeStatus string) error {
	now := a.now()
	from := s.Status
	s.Status, s.PastDueSince, s.UpdatedAt = plan.PastDue, &now, now
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return err
	}
	graceEnds := now.Add(a.opt.BillingGrace)
	if err := a.scheduleGraceEnd(ctx, tx, s, graceEnds); err != nil {
		return err
	}
	return a.record(ctx, tx, s.TenantID, nil, "subscription.past_due", "subscription", s.ID, map[string]string{
		"from": string(from), "reason": "stripe subscription " + stripeStatus, "grace_ends_at": graceEnds.Format(keyTime)})
}

// stripeSubscriptionEnded moves s back to the free plan in tx because its
// Stripe subscription ended (deleted, canceled or expired unpaid): Stripe
// bills it no more, so the tenant keeps the free plan's service — active,
// a new period — rather than a cancelled subscription that could not even
// change plans. A tenant suspended for an overdue payment is active again
// (nothing is owed on the free plan); a deactivated tenant's subscription
// keeps the status its reactivation restores. The Stripe customer is kept
// for a later upgrade.
func (a *App) stripeSubscriptionEnded(ctx context.Context, tx *store.Tx, s *plan.Subscription, ev stripepay.Event) (string, string, error) {
	free, err := tx.GetPlanByCode(ctx, plan.Free)
	if err != nil {
		return "", "", err
	}
	pending, err := tx.TenantDeactivationID(ctx, s.TenantID)
	if err != nil {
		return "", "", err
	}
	now, from, status := a.now(), s.Plan, s.Status
	s.Start(free, now, false)
	s.Provider, s.ProviderSubscriptionID = plan.ProviderNone, ""
	if pending != "" {
		s.Status = status
	}
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return "", "", err
	}
	if err := a.schedulePeriodEnd(ctx, tx, s); err != nil {
		return "", "", err
	}
	if err := a.record(ctx, tx, s.TenantID, nil, "subscription.cancel", "subscription", s.ID, map[string]string{
		"from": from, "to": free.Code, "from_status": string(status), "status": string(s.Status),
		"reason": "stripe subscription " + stripeEndReason(ev), "stripe_subscription": ev.SubscriptionID}); err != nil {
		return "", "", err
	}
	if pending == "" {
		if err := a.restoreOverdueTenant(ctx, tx, s.TenantID, "Subscription ended: free plan"); err != nil {
			return "", "", err
		}
	}
	return StripeApplied, "back on the free plan", nil
}

func stripeEndReason(ev stripepay.Event) string {
	if ev.Type == stripepay.SubscriptionDeleted {
		return "deleted"
	}
	return ev.Status
}

// restoreOverdueTenant makes a tenant suspended for an overdue payment
// active again.
func (a *App) restoreOverdueTenant(ctx context.Context, tx *store.Tx, tenantID, reason string) error {
	t, err := tx.GetTenant(ctx, tenantID)
	if err != nil || t.Status != tenant.Suspended || t.StatusReason != OverdueReason {
		return err
	}
	if err := tx.SetTenantStatus(ctx, t.ID, tenant.Active, "", "", a.now()); err != nil {
		return err
	}
	return a.record(ctx, tx, t.ID, nil, "tenant.status", "tenant", t.ID,
		map[string]string{"from": string(t.Status), "to": string(tenant.Active), "reason": reason})
}
