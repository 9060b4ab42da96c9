package app

import (
	"context"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// PlanChangeInput names the plan a tenant's subscription moves to.
type PlanChangeInput struct {
	TenantID string // "" for the caller's scoped token's tenant; platform admins name any
	PlanID   string
}

// changeKind is which way a plan change may go and when it applies.
type changeKind int

const (
	changeUp   changeKind = iota // upgrade: to a higher plan, at once
	changeDown                   // downgrade: to a lower plan, at the end of the period
	changeAny                    // activate or change (trueport): either way, at once
)

// planChange is a plan change judged against the subscription as it is.
type planChange struct {
	kind    changeKind
	from    *plan.Subscription
	current *plan.Plan
	target  *plan.Plan
}

// immediate reports whether the change applies now (and so may involve the
// payment provider): an upgrade, or an activation of another plan.
func (ch *planChange) immediate() bool {
	return ch.kind == changeUp || ch.kind == changeAny && ch.target.Code != ch.current.Code
}

// down reports whether the target is lower than the current plan, so the
// tenant's usage must fit its limits.
func (ch *planChange) down() bool { return plan.Compare(ch.target, ch.current) < 0 }

// Upgrade moves a tenant to a higher plan at once: a new period starts (as
// a trial the first time the tenant takes a plan with trial days) and a
// paid plan's payment is recorded.
func (a *App) Upgrade(ctx context.Context, p *auth.Principal, in PlanChangeInput) (*SubscriptionView, error) {
	return a.changePlan(ctx, p, in, changeUp)
}

// Downgrade schedules a move to a lower plan for the end of the current
// period, refused (409 plan_limit_exceeded, every meter named) while the
// tenant's usage exceeds the lower plan's limits.
func (a *App) Downgrade(ctx context.Context, p *auth.Principal, in PlanChangeInput) (*SubscriptionView, error) {
	return a.changePlan(ctx, p, in, changeDown)
}

// ActivatePlan is trueport's "activate or change": the subscription moves
// to the plan at once, up or down (down only if the usage fits), with a new
// period; naming the current plan keeps it and drops a scheduled change.
func (a *App) ActivatePlan(ctx context.Context, p *auth.Principal, in PlanChangeInput) (*SubscriptionView, error) {
	return a.changePlan(ctx, p, in, changeAny)
}

// changePlan is every plan change: validate, then the provider step, then
// one transaction that re-judges the change against the locked
// subscription and applies it with its payment, its next rollover and its
// audit event.
func (a *App) changePlan(ctx context.Context, p *auth.Principal, in PlanChangeInput, kind changeKind) (*SubscriptionView, error) {
	tenantID, err := a.billingTenant(ctx, p, in.TenantID, membership.SubscriptionChange)
	if err != nil {
		return nil, err
	}
	in.PlanID = strings.TrimSpace(in.PlanID)
	if in.PlanID == "" {
		return nil, errs.Fields(errs.FieldError{Field: "plan_id", Code: "required", Message: "This field is required."})
	}
	var ch *planChange
	err = a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		ch, err = judgeChange(ctx, tx, tenantID, in.PlanID, kind)
		return err
	})
	if err != nil {
		return nil, subscriptionErr(err)
	}
	charge := providerCharge{Provider: plan.ProviderNone}
	if ch.immediate() {
		if charge, err = a.providerChange(ctx, ch); err != nil {
			return nil, err
		}
	}
	var v *SubscriptionView
	err = a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		if err := lockBilling(ctx, tx, tenantID); err != nil {
			return err
		}
		ch, err := judgeChange(ctx, tx, tenantID, in.PlanID, kind)
		if err != nil {
			return err
		}
		s := ch.from
		if err := a.applyPlanChange(ctx, tx, p, ch, charge); err != nil {
			return err
		}
		v, err = subscriptionView(ctx, tx, s)
		return err
	})
	if err == nil {
		a.jobsQueued() // wakes the worker, which now has the next rollover
	} else if charge.stripeChanged() {
		a.undoProviderChange(ctx, tenantID, charge, err) // billing_stripe.go
	}
	return v, subscriptionErr(err)
}

// judgeChange reads the subscription and the plans of a change and says
// whether kind allows it: the target exists and is not archived, the
// subscription is in good standing, and the change goes the way kind says.
func judgeChange(ctx context.Context, tx *store.Tx, tenantID, planID string, kind changeKind) (*planChange, error) {
	s, err := tx.CurrentSubscription(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	target, err := tx.GetPlan(ctx, planID)
	if errs.Is(err, errs.NotFound) {
		return nil, errs.Fields(errs.FieldError{Field: "plan_id", Code: "plan_not_found", Message: "No plan of the catalog has this id."})
	}
	if err != nil {
		return nil, err
	}
	if target.ArchivedAt != nil {
		return nil, errs.Fields(errs.FieldError{Field: "plan_id", Code: "plan_archived", Message: "This plan is archived: it takes no new subscribers."})
	}
	current, err := tx.GetPlanByCode(ctx, s.Plan)
	if err != nil {
		return nil, err
	}
	if !s.Billable() {
		return nil, errSubscriptionNotActive
	}
	ch := &planChange{kind: kind, from: s, current: current, target: target}
	cmp := plan.Compare(target, current)
	switch {
	case target.Code == current.Code && kind != changeAny:
		return nil, errs.E(errs.Conflict, "same_plan", "The subscription is on this plan already.")
	case kind == changeUp && cmp <= 0:
		return nil, errs.E(errs.Conflict, "not_an_upgrade", "This plan is not above the current one; downgrade to it instead.")
	case kind == changeDown && cmp >= 0:
		return nil, errs.E(errs.Conflict, "not_a_downgrade", "This plan is not below the current one; upgrade to it instead.")
	}
	return ch, nil
}

// applyPlanChange carries out a judged change in tx.
func (a *App) applyPlanChange(ctx context.Context, tx *store.Tx, p *auth.Principal, ch *planChange, charge providerCharge) error {
	s, now := ch.from, a.now()
	if ch.target.Code != ch.current.Code && ch.down() {
		usage, err := lockedUsage(ctx, tx, s.TenantID, ch.target, now)
		if err != nil {
			return err
		}
		if over := usage.Over(ch.target); len(over) > 0 {
			return plan.NewLimitError(ch.target.Code, "", true, over...)
		}
	}
	switch {
	case ch.kind == changeDown:
		end := s.CurrentPeriodEnd
		s.ScheduledPlan, s.ScheduledAt, s.UpdatedAt = ch.target.Code, &end, now
		if err := tx.UpdateSubscription(ctx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, s.TenantID, p, "subscription.downgrade_scheduled", "subscription", s.ID, map[string]string{
			"from": ch.current.Code, "to": ch.target.Code, "effective_at": end.Format(keyTime)})
	case !ch.immediate(): // activating the current plan: a scheduled change is dropped
		if s.ScheduledPlan == "" {
			return nil
		}
		dropped := s.ScheduledPlan
		s.ScheduledPlan, s.ScheduledAt, s.UpdatedAt = "", nil, now
		if err := tx.UpdateSubscription(ctx, s); err != nil {
			return err
		}
		return a.record(ctx, tx, s.TenantID, p, "subscription.scheduled_change_cancelled", "subscription", s.ID,
			map[string]string{"plan": s.Plan, "dropped": dropped})
	}
	return a.startPlan(ctx, tx, p, ch, charge, now)
}

// startPlan moves the subscription onto the target at once.
func (a *App) startPlan(ctx context.Context, tx *store.Tx, p *auth.Principal, ch *planChange, charge providerCharge, now time.Time) error {
	s := ch.from
	trial := s.Start(ch.target, now, !ch.down())
	s.Provider, s.ProviderCustomerID, s.ProviderSubscriptionID = charge.Provider, charge.CustomerID, charge.SubscriptionID
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return err
	}
	if charge.Retire != "" { // the Stripe subscription of the plan left, cancelled once this commits
		if err := a.queueStripeSync(ctx, tx, s, charge.Retire); err != nil {
			return err
		}
	}
	details := map[string]string{"from": ch.current.Code, "to": ch.target.Code, "status": string(s.Status),
		"period_end": s.CurrentPeriodEnd.Format(keyTime)}
	if !trial && ch.target.Paid() {
		pay, err := a.charge(ctx, tx, s, ch.target, charge)
		if err != nil {
			return err
		}
		details["payment_id"] = pay.ID
	}
	if err := a.schedulePeriodEnd(ctx, tx, s); err != nil {
		return err
	}
	action := "subscription.upgrade"
	if ch.down() {
		action = "subscription.downgrade"
	}
	return a.record(ctx, tx, s.TenantID, p, action, "subscription", s.ID, details)
}
