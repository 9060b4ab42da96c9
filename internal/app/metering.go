package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
)

// meterFlushTimeout bounds one flush of the meter.
const meterFlushTimeout = 10 * time.Second

// CountRequest records one answered request in this process's meter: a
// 401, 403 or 429 as a violation of tenantID ("" when no tenant is known),
// any other answer to a caller authenticated for tenantID (a tenant-scoped
// token, or an API key when apiKey) as one of its requests. Requests of no
// tenant (anonymous, global tokens) that were not refused are not counted.
// It takes one mutex and touches no database: the flush loop writes.
func (a *App) CountRequest(tenantID string, apiKey bool, status int) {
	if a == nil || a.meter == nil { // nil: an API server without use cases (route-table tests)
		return
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusTooManyRequests:
		a.meter.Violation(tenantID)
	case tenantID != "":
		a.meter.Request(tenantID, apiKey)
	}
}

// FlushMeter adds what this process counted since the last flush to
// request_meters in one system transaction (given back to the meter when it
// fails), then drops the cached monthly totals so the quota check reads
// every process's figures and the plan's current limit again.
func (a *App) FlushMeter(ctx context.Context) error {
	if a.meter == nil {
		return nil
	}
	counts := a.meter.Take()
	defer a.meter.Forget()
	if len(counts) == 0 {
		return nil
	}
	if err := a.db.InSystem(ctx, func(tx *store.Tx) error { return tx.AddMeterCounts(ctx, counts) }); err != nil {
		a.meter.Restore(counts)
		return fmt.Errorf("flush meter: %w", err)
	}
	return nil
}

// RunMetering flushes the meter every Options.MeterFlush until ctx ends,
// then once more (on shutdown). A channel sent on asks gets a flush at once
// and its error in reply, so tests drive the flush instead of waiting.
func (a *App) RunMetering(ctx context.Context, asks <-chan chan<- error) {
	if a.meter == nil {
		<-ctx.Done()
		return
	}
	a.repeat(ctx, a.opt.MeterFlush, meterFlushTimeout, asks, "flush meter", func(ctx context.Context, _ bool) error {
		return a.FlushMeter(ctx)
	})
	fctx, cancel := context.WithTimeout(context.Background(), meterFlushTimeout) // once more, on shutdown
	defer cancel()
	if err := a.FlushMeter(fctx); err != nil {
		a.log.Warn("final meter flush", "err", err)
	}
}

// RequestQuota refuses an API key's request once its tenant has used its
// plan's api_requests_per_month this calendar month (UTC): 429
// plan_quota_exceeded with the meter, limit, used and a Retry-After until
// the month ends. User sessions are never refused. The check reads a
// per-tenant cache (the table's monthly total and the plan's limit, loaded
// by the first API-key request after each flush, plus this process's
// requests since), so it costs a database read per tenant per flush
// interval, not per request.
func (a *App) RequestQuota(ctx context.Context, p *auth.Principal) error {
	if a == nil || a.meter == nil || p == nil || !p.IsAPIKey() || p.TenantID == "" {
		return nil
	}
	q, ok := a.meter.Quota(p.TenantID)
	if !ok {
		var err error
		if q, err = a.loadQuota(ctx, p.TenantID); err != nil {
			return err
		}
	}
	if !q.Limited || q.Used < q.Limit {
		return nil
	}
	now := a.now()
	_, next := metering.MonthStart(now)
	return quotaError(q.Plan, q.Used, q.Limit, next.Sub(now))
}

// loadQuota reads tenantID's API-key requests this month (flushed by every
// process, plus this process's pending ones) and its plan's limit, and
// caches them until the next flush.
func (a *App) loadQuota(ctx context.Context, tenantID string) (metering.Quota, error) {
	start, _ := metering.MonthStart(a.now())
	var q metering.Quota
	err := a.db.ReadTenant(ctx, tenantID, func(tx *store.Tx) error {
		pl, err := tenantPlan(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		q.Plan = pl.Code
		q.Limit, q.Limited = pl.Limits.Of(plan.APIRequestsPerMonth)
		counts, err := tx.MeterCounts(ctx, tenantID, start)
		for _, c := range counts {
			q.Used += c.APIKeyRequests
		}
		return err
	})
	if err != nil {
		return q, err
	}
	q.Used += a.meter.PendingAPIKey(tenantID, start)
	a.meter.SetQuota(tenantID, q)
	return q, nil
}

// quotaError is the 429 plan_quota_exceeded refusal of an API key's request.
func quotaError(planCode string, used, limit int64, retry time.Duration) error {
	le := plan.NewLimitError(planCode, "", false, plan.Exceeded{Meter: plan.APIRequestsPerMonth, Used: used, Limit: limit})
	le.Err = &errs.Error{Kind: errs.RateLimited, Code: "plan_quota_exceeded", RetryAfter: retry,
		Msg: fmt.Sprintf("Plan %s allows %d API requests a month; %d were made. The quota renews at the start of next month (UTC).", planCode, limit, used)}
	return le
}

// pendingAPIKeyRequests is what this process counted for tenantID this
// month and has not flushed yet: usage adds it to the table's figure.
func (a *App) pendingAPIKeyRequests(tenantID string, now time.Time) int64 {
	if a.meter == nil {
		return 0
	}
	start, _ := metering.MonthStart(now)
	return a.meter.PendingAPIKey(tenantID, start)
}
