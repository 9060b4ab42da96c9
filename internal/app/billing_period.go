package app

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// keyTime formats the times in job keys: the store's fixed-width UTC
// layout, which migration 0013 writes as well for the rollovers of the
// subscriptions it found.
const keyTime = "2006-01-02T15:04:05.000000Z"

// rolloverJob is the payload of job.BillingRollover: the period it ends.
type rolloverJob struct {
	SubscriptionID string    `json:"subscription_id"`
	PeriodEnd      time.Time `json:"period_end"`
}

// graceJob is the payload of job.BillingGraceEnd: the failure whose grace
// period it ends.
type graceJob struct {
	SubscriptionID string    `json:"subscription_id"`
	PastDueSince   time.Time `json:"past_due_since"`
}

// schedulePeriodEnd enqueues in tx the rollover of s's current period, due
// at its end, once per subscription and period (a pending one with the
// same key stays). Every step that starts a period calls it.
func (a *App) schedulePeriodEnd(ctx context.Context, tx *store.Tx, s *plan.Subscription) error {
	return a.enqueueBilling(ctx, tx, job.BillingRollover, s.TenantID, rolloverJob{SubscriptionID: s.ID, PeriodEnd: s.CurrentPeriodEnd},
		s.CurrentPeriodEnd, s.ID+"@"+s.CurrentPeriodEnd.UTC().Format(keyTime))
}

// scheduleGraceEnd enqueues in tx the end of the grace period of s, which
// became past_due at s.PastDueSince, due at runAt.
func (a *App) scheduleGraceEnd(ctx context.Context, tx *store.Tx, s *plan.Subscription, runAt time.Time) error {
	return a.enqueueBilling(ctx, tx, job.BillingGraceEnd, s.TenantID, graceJob{SubscriptionID: s.ID, PastDueSince: *s.PastDueSince},
		runAt, s.ID+"@"+s.PastDueSince.UTC().Format(keyTime))
}

func (a *App) enqueueBilling(ctx context.Context, tx *store.Tx, kind, tenantID string, payload any, runAt time.Time, key string) error {
	j, err := job.New(kind, tenantID, payload, runAt, a.now())
	if err != nil {
		return err
	}
	j.Key = key
	_, err = tx.EnqueueJob(ctx, j)
	return err
}

// charge records in tx what s owes for its current period of p, with the
// status and reference the provider gave.
func (a *App) charge(ctx context.Context, tx *store.Tx, s *plan.Subscription, p *plan.Plan, c providerCharge) (*plan.Payment, error) {
	now := a.now()
	pay := &plan.Payment{TenantID: s.TenantID, ID: id.NewAt(id.Payment, now), SubscriptionID: s.ID, PlanID: p.ID,
		Amount: p.Price, Currency: p.Currency, Status: c.Status, PeriodStart: s.CurrentPeriodStart, PeriodEnd: s.CurrentPeriodEnd,
		Provider: c.Provider, ProviderRef: c.Ref, CreatedAt: now, UpdatedAt: now}
	if err := tx.CreatePayment(ctx, pay); err != nil {
		return nil, err
	}
	return pay, nil
}
