package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// OverdueReason is the status reason of a tenant suspended because its
// subscription's grace period ended unpaid (the trueport example's).
const OverdueReason = "Payment overdue"

// PaymentOutcome is what a payment provider reports about an invoice of a
// tenant's subscription: that it was paid, or that collecting it failed.
type PaymentOutcome struct {
	TenantID string
	// PaymentID names the payment concerned; "" to find it by Provider and
	// ProviderRef, or to record a new one when none has that reference.
	PaymentID   string
	Provider    string // plan.ProviderNone when ""
	ProviderRef string // the provider's reference, e.g. an invoice id
	// For a new payment: the amount and currency (default: the plan's
	// price) and the period (default: the current one).
	Amount      int64
	Currency    string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Reason      string // why collecting it failed
}

// PaymentSucceeded records, in a transaction of its own, that a payment
// was paid (see paymentSucceeded), for a provider's report outside any
// other transaction.
func (a *App) PaymentSucceeded(ctx context.Context, o PaymentOutcome) (*plan.Payment, error) {
	return a.paymentOutcome(ctx, o, a.paymentSucceeded)
}

// PaymentFailed records, in a transaction of its own, that collecting a
// payment failed (see paymentFailed).
func (a *App) PaymentFailed(ctx context.Context, o PaymentOutcome) (*plan.Payment, error) {
	return a.paymentOutcome(ctx, o, a.paymentFailed)
}

func (a *App) paymentOutcome(ctx context.Context, o PaymentOutcome,
	step func(context.Context, *store.Tx, *auth.Principal, PaymentOutcome) (*plan.Payment, error)) (*plan.Payment, error) {
	if o.TenantID == "" {
		return nil, errors.New("billing: a payment outcome names no tenant")
	}
	var pay *plan.Payment
	err := a.db.InTenant(ctx, o.TenantID, func(tx *store.Tx) (err error) {
		pay, err = step(ctx, tx, nil, o)
		return err
	})
	if err != nil {
		return nil, subscriptionErr(err)
	}
	a.callers.forget() // the tenant's status may have changed
	a.jobsQueued()
	return pay, nil
}

// paymentSucceeded is the tx-level step of a paid invoice: the payment is
// recorded (or updated) as paid, and a subscription that was past_due, or
// suspended when its grace period ended, is active again — with its
// tenant, when the overdue payment is what suspended it. A period that
// ended meanwhile rolls over at once. A deactivated tenant's subscription
// is left as the deactivation put it: its reactivation restores it and
// then finds the payment (resumeBilling). actor is nil for a provider's
// report.
func (a *App) paymentSucceeded(ctx context.Context, tx *store.Tx, actor *auth.Principal, o PaymentOutcome) (*plan.Payment, error) {
	s, pay, err := a.settle(ctx, tx, o, plan.PaymentPaid)
	if err != nil {
		return nil, err
	}
	if err := a.record(ctx, tx, s.TenantID, actor, "payment.paid", "payment", pay.ID, paymentDetails(pay)); err != nil {
		return nil, err
	}
	return pay, a.restoreIfPaid(ctx, tx, actor, s)
}

// paymentFailed is the tx-level step of an invoice that could not be
// collected: the payment is recorded (or updated) as failed and a
// subscription in good standing becomes past_due, its grace period
// (Options.BillingGrace) ending in a queued job.BillingGraceEnd. A
// subscription already past_due keeps the start of its grace period.
func (a *App) paymentFailed(ctx context.Context, tx *store.Tx, actor *auth.Principal, o PaymentOutcome) (*plan.Payment, error) {
	s, pay, err := a.settle(ctx, tx, o, plan.PaymentFailed)
	if err != nil {
		return nil, err
	}
	if err := a.record(ctx, tx, s.TenantID, actor, "payment.failed", "payment", pay.ID, paymentDetails(pay)); err != nil {
		return nil, err
	}
	if !s.Billable() {
		return pay, nil
	}
	now := a.now()
	from := s.Status
	s.Status, s.PastDueSince, s.UpdatedAt = plan.PastDue, &now, now
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return nil, err
	}
	graceEnds := now.Add(a.opt.BillingGrace)
	if err := a.scheduleGraceEnd(ctx, tx, s, graceEnds); err != nil {
		return nil, err
	}
	return pay, a.record(ctx, tx, s.TenantID, actor, "subscription.past_due", "subscription", s.ID, map[string]string{
		"from": string(from), "payment_id": pay.ID, "grace_ends_at": graceEnds.Format(keyTime)})
}

// settle locks the tenant's billing and records the outcome on its payment.
func (a *App) settle(ctx context.Context, tx *store.Tx, o PaymentOutcome, status plan.PaymentStatus) (*plan.Subscription, *plan.Payment, error) {
	if err := lockBilling(ctx, tx, o.TenantID); err != nil {
		return nil, nil, err
	}
	s, err := tx.CurrentSubscription(ctx, o.TenantID)
	if err != nil {
		return nil, nil, err
	}
	if o.Provider == "" {
		o.Provider = plan.ProviderNone
	}
	var pay *plan.Payment
	switch {
	case o.PaymentID != "":
		if pay, err = tx.GetPayment(ctx, o.TenantID, o.PaymentID); err != nil {
			return nil, nil, err
		}
	case o.ProviderRef != "":
		pay, err = tx.PaymentByRef(ctx, o.TenantID, o.Provider, o.ProviderRef)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return nil, nil, err
		}
	}
	now := a.now()
	reason := ""
	if status == plan.PaymentFailed {
		reason = o.Reason
	}
	if pay != nil {
		pay.Status, pay.FailureReason, pay.UpdatedAt = status, reason, now
		if o.ProviderRef != "" {
			pay.ProviderRef = o.ProviderRef
		}
		return s, pay, tx.UpdatePayment(ctx, pay)
	}
	p, err := tx.GetPlanByCode(ctx, s.Plan)
	if err != nil {
		return nil, nil, err
	}
	pay = &plan.Payment{TenantID: s.TenantID, ID: id.NewAt(id.Payment, now), SubscriptionID: s.ID, PlanID: p.ID,
		Amount: p.Price, Currency: p.Currency, Status: status, PeriodStart: s.CurrentPeriodStart, PeriodEnd: s.CurrentPeriodEnd,
		Provider: o.Provider, ProviderRef: o.ProviderRef, FailureReason: reason, CreatedAt: now, UpdatedAt: now}
	if o.Amount > 0 {
		pay.Amount = o.Amount
	}
	if o.Currency != "" {
		pay.Currency = o.Currency
	}
	if !o.PeriodStart.IsZero() && !o.PeriodEnd.IsZero() {
		pay.PeriodStart, pay.PeriodEnd = o.PeriodStart.UTC(), o.PeriodEnd.UTC()
	}
	return s, pay, tx.CreatePayment(ctx, pay)
}

func paymentDetails(p *plan.Payment) map[string]string {
	return map[string]string{"amount": strconv.FormatInt(p.Amount, 10), "currency": p.Currency, "status": string(p.Status),
		"provider": p.Provider, "provider_ref": p.ProviderRef}
}

// restoreIfPaid makes a past_due subscription, or one suspended by its
// grace period's end, active again once a payment was paid since it fell
// behind, unless its tenant is deactivated (the deactivation's record
// restores it). The tenant is restored too when the overdue payment is
// what suspended it.
func (a *App) restoreIfPaid(ctx context.Context, tx *store.Tx, actor *auth.Principal, s *plan.Subscription) error {
	behind := s.Status == plan.PastDue || s.Status == plan.Suspended && s.PastDueSince != nil
	if !behind || s.PastDueSince == nil {
		return nil
	}
	if paid, err := tx.PaidSince(ctx, s.TenantID, s.ID, *s.PastDueSince); err != nil || !paid {
		return err
	}
	t, err := tx.GetTenant(ctx, s.TenantID)
	if err != nil {
		return err
	}
	pending, err := tx.TenantDeactivationID(ctx, s.TenantID)
	if err != nil || pending != "" {
		return err
	}
	now, from := a.now(), s.Status
	s.Status, s.PastDueSince, s.UpdatedAt = plan.Active, nil, now
	if err := tx.UpdateSubscription(ctx, s); err != nil {
		return err
	}
	if err := a.record(ctx, tx, s.TenantID, actor, "subscription.restore", "subscription", s.ID,
		map[string]string{"from": string(from), "to": string(s.Status)}); err != nil {
		return err
	}
	if t.Status == tenant.Suspended && t.StatusReason == OverdueReason {
		if err := tx.SetTenantStatus(ctx, t.ID, tenant.Active, "", "", now); err != nil {
			return err
		}
		if err := a.record(ctx, tx, t.ID, actor, "tenant.status", "tenant", t.ID,
			map[string]string{"from": string(t.Status), "to": string(tenant.Active), "reason": "Payment received"}); err != nil {
			return err
		}
	}
	if !s.CurrentPeriodEnd.After(now) {
		return a.schedulePeriodEnd(ctx, tx, s) // due now: the period ended while it was behind
	}
	return nil
}
