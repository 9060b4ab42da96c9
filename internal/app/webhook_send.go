package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/webhook"
	"github.com/tenantry/tenantry/internal/webhook/outbound"
)

// blockedWait is how long a delivery waits, when an earlier one of its
// endpoint and resource is due now, before it looks again; the earlier
// one's job moves it up as soon as it is done.
const blockedWait = 30 * time.Second

// DeliverWebhook is the handler of job.WebhookDeliver: it sends one
// delivery, in order — while an earlier delivery of the same endpoint and
// resource is pending, this one waits for it — and keeps the delivery's own
// schedule (webhook.Schedule) with job.Defer. A 2xx answer delivers it; 410
// Gone fails it and disables the endpoint (audited); an address the rules
// refuse fails it at once; anything else is retried until its attempts are
// spent. When it is done, the next pending delivery of its resource is due.
func (a *App) DeliverWebhook(ctx context.Context, j *job.Job) (string, error) {
	var in store.WebhookJob
	if err := j.DecodeTenant(&in); err != nil {
		return "", err
	}
	now := a.now()
	var d *webhook.Delivery
	var e *webhook.Endpoint
	var blocker *webhook.Delivery
	err := a.db.InTenant(ctx, j.TenantID, func(tx *store.Tx) (err error) {
		d, err = tx.GetDelivery(ctx, j.TenantID, in.DeliveryID)
		if errs.Is(err, errs.NotFound) { // its endpoint was deleted
			d = nil
			return nil
		}
		if err != nil || d.Status != webhook.Pending {
			return err
		}
		first, err := tx.FirstPendingDelivery(ctx, d)
		if err != nil {
			return err
		}
		if first.ID != d.ID {
			blocker = first
			// Make sure the one ahead has its job (a lost one would block its resource).
			return tx.EnqueueWebhookJob(ctx, first.TenantID, first.ID, later(first.NextAttempt, now), now)
		}
		owner := d.TenantID
		if webhook.IsPlatformEndpoint(d.EndpointID) {
			owner = ""
		}
		e, err = tx.GetWebhookEndpoint(ctx, owner, d.EndpointID)
		if errs.Is(err, errs.NotFound) {
			e, err = nil, nil
		}
		return err
	})
	switch {
	case err != nil:
		return "", err
	case d == nil:
		return "delivery deleted with its endpoint", nil
	case d.Status != webhook.Pending:
		return "delivery already " + d.Status, nil
	case blocker != nil:
		return "", job.Defer(later(blocker.NextAttempt, now.Add(blockedWait)), "waiting for "+blocker.ID+", earlier for the same resource")
	case d.NextAttempt.After(now):
		return "", job.Defer(d.NextAttempt, "next attempt not due")
	case e == nil:
		return a.finishDelivery(ctx, d, nil, outbound.Result{}, errors.New("the endpoint no longer exists"), now)
	case !e.Enabled:
		return a.finishDelivery(ctx, d, e, outbound.Result{}, errors.New("the endpoint is disabled"), now)
	}
	secrets, err := a.secretsOf(e, now)
	if err != nil {
		return "", err
	}
	headers, err := webhook.Headers(secrets, d.ID, now, d.Payload)
	if err != nil {
		return "", job.Permanent(err)
	}
	res, sendErr := a.hooks.Post(ctx, e.URL, headers, d.Payload)
	return a.finishDelivery(ctx, d, e, res, sendErr, now)
}

// finishDelivery records one attempt of d at now and what follows from it.
func (a *App) finishDelivery(ctx context.Context, d *webhook.Delivery, e *webhook.Endpoint, res outbound.Result, sendErr error, now time.Time) (string, error) {
	d.Attempts++
	d.LastAttempt, d.UpdatedAt = &now, a.now()
	d.ResponseCode, d.DurationMS = res.Status, res.Duration.Milliseconds()
	refused := errors.Is(sendErr, outbound.ErrRefused) || errs.Is(sendErr, errs.Invalid) || e == nil || !e.Enabled
	gone := sendErr == nil && res.Status == 410
	var retry time.Duration
	switch {
	case sendErr == nil && res.OK():
		d.Status, d.LastError = webhook.Succeeded, ""
	case refused || gone:
		d.Status, d.LastError = webhook.Failed, attemptError(res, sendErr)
	default:
		d.LastError = attemptError(res, sendErr)
		var more bool
		if retry, more = webhook.RetryAfter(d.Attempts); more {
			d.NextAttempt = now.Add(retry)
		} else {
			d.Status = webhook.Failed
		}
	}
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.RecordDelivery(ctx, d); err != nil {
			return err
		}
		if gone {
			if err := a.disableEndpoint(ctx, tx, e, "the receiver answered 410 Gone"); err != nil {
				return err
			}
		}
		if d.Status == webhook.Pending {
			return nil
		}
		next, err := tx.FirstPendingDelivery(ctx, d)
		if err != nil || next.ID == d.ID {
			return err
		}
		return tx.EnqueueWebhookJob(ctx, next.TenantID, next.ID, later(next.NextAttempt, now), now)
	})
	if err != nil {
		return "", err
	}
	a.jobsQueued()
	switch d.Status {
	case webhook.Pending:
		return "", job.Defer(d.NextAttempt, fmt.Sprintf("attempt %d: %s", d.Attempts, d.LastError))
	case webhook.Failed:
		return "failed after " + strconv.Itoa(d.Attempts) + " attempts: " + d.LastError, nil
	}
	return "delivered: " + strconv.Itoa(res.Status), nil
}

// disableEndpoint turns e off on the server's own account, audited on its
// owner's trail.
func (a *App) disableEndpoint(ctx context.Context, tx *store.Tx, e *webhook.Endpoint, reason string) error {
	e.Enabled, e.DisabledReason, e.UpdatedAt = false, reason, a.now()
	if err := tx.UpdateWebhookEndpoint(ctx, e); err != nil {
		return err
	}
	return a.record(ctx, tx, hookAuditTenant(e.TenantID), nil, "webhook.disable", "webhook_endpoint", e.ID,
		map[string]string{"reason": reason, "url": e.URL})
}

// attemptError describes a failed attempt: no answer (why), or the status
// with the start of the answer.
func attemptError(res outbound.Result, err error) string {
	if err != nil {
		return clip(err.Error(), 300)
	}
	msg := "HTTP " + strconv.Itoa(res.Status)
	if body := strings.TrimSpace(string(res.Body)); body != "" {
		msg += ": " + body
	}
	return clip(msg, 300)
}

// clip shortens s to at most n bytes on a character boundary, valid UTF-8.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
