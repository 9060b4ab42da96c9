package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// A tenant's deliberate erasure (docs/admin.md "Erasure"): a platform admin
// asks for it (RequestErasure) once the tenant is deactivated and exported;
// a job.TenantErase job deletes every row of it in one transaction
// (EraseTenant). Deactivation never deletes anything; this does, on purpose.

var (
	errTenantActive = errs.E(errs.Conflict, "tenant_active",
		"Only a deactivated tenant can be erased: deactivate it first.")
	errExportRequired = errs.E(errs.Conflict, "export_required",
		"Export the tenant before erasing it (GET /api/v1/tenants/{tenant_id}/export), or force the erasure with a reason.")
	errErasureRequested = errs.E(errs.Conflict, "erasure_requested", "This tenant's erasure is already requested.")
)

// eraseBudget bounds the erase transaction: a large tenant has many rows.
// The job's run is also bounded by the worker (outbox.Timeout): an
// attempt that runs out rolls back whole and is retried.
const eraseBudget = 30 * time.Minute

// EraseTenantInput confirms a tenant's erasure.
type EraseTenantInput struct {
	ConfirmSlug string // must equal the tenant's slug
	Force       bool   // erase without a completed export
	Reason      string // why; required with Force
}

// TenantErasureView is a tenant's erasure with the state of its job.
type TenantErasureView struct {
	Erasure store.TenantErasure
	Job     *job.Job
}

// RequestErasure records tenantID's erasure and queues its job, in one
// transaction, after checking that a platform admin asks, that the
// tenant is deactivated, that the slug is confirmed and that a completed
// export exists (or Force with a reason). The request is audited in the
// platform's log.
func (a *App) RequestErasure(ctx context.Context, p *auth.Principal, tenantID string, in EraseTenantInput) (*TenantErasureView, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	var c errs.Collector
	c.Check(strings.TrimSpace(in.ConfirmSlug) == "", "confirm_slug", "required", "Type the tenant's slug to confirm.")
	c.Check(in.Force && in.Reason == "", "reason", "required", "Say why the tenant is erased without an export.")
	optionalLines(&c, "reason", in.Reason, 500)
	if err := c.Err(); err != nil {
		return nil, err
	}
	if tenantID == tenant.PublicID {
		return nil, errPublicProtected
	}
	var v TenantErasureView
	err := a.db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, "tenant-erasure:"+tenantID); err != nil {
			return err
		}
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		if t.Status == tenant.Active {
			return errTenantActive
		}
		if in.ConfirmSlug != t.Slug {
			return &errs.Error{Kind: errs.Invalid, Code: "confirm_slug_mismatch", Msg: "confirm_slug is not this tenant's slug.",
				Fields: []errs.FieldError{{Field: "confirm_slug", Code: "mismatch", Message: "Type the tenant's slug exactly."}}}
		}
		if _, err := tx.GetErasure(ctx, tenantID); err == nil {
			return errErasureRequested
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
		exported, err := tx.LastCompletedExport(ctx, tenantID)
		if err != nil {
			return err
		}
		if exported == nil && !in.Force {
			return errExportRequired
		}
		now := a.now()
		j, err := job.New(job.TenantErase, "", erasePayload{TenantID: tenantID}, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.EnqueueJob(ctx, j); err != nil {
			return err
		}
		v.Erasure = store.TenantErasure{TenantID: tenantID, Slug: t.Slug, RequestedBy: p.UserID, RequestedByEmail: p.Email,
			Reason: in.Reason, Forced: exported == nil, ExportCompletedAt: exported, JobID: j.ID, State: store.ErasurePending,
			RequestedAt: now}
		if err := tx.RequestErasure(ctx, &v.Erasure); err != nil {
			return err
		}
		v.Job = j
		details := map[string]string{"slug": t.Slug, "forced": strconv.FormatBool(v.Erasure.Forced),
			"reason": in.Reason, "job_id": j.ID}
		if exported != nil {
			details["export_completed_at"] = exported.UTC().Format(time.RFC3339)
		}
		return a.record(ctx, tx, tenant.PublicID, p, "tenant.erase.request", "tenant", tenantID, details)
	})
	if errs.Is(err, errs.NotFound) && errs.CodeOf(err) == "tenant_not_found" {
		return nil, errTenantNotFound
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// TenantErasure returns tenantID's erasure and its job's state (platform
// admins; NotFound when none was requested).
func (a *App) TenantErasure(ctx context.Context, p *auth.Principal, tenantID string) (*TenantErasureView, error) {
	if err := platformOnly(p, membership.PlatformAdminister); err != nil {
		return nil, err
	}
	var v TenantErasureView
	err := a.db.ReadSystem(ctx, func(tx *store.Tx) error {
		e, err := tx.GetErasure(ctx, tenantID)
		if err != nil {
			return err
		}
		v.Erasure = *e
		v.Job, err = tx.GetJob(ctx, e.JobID)
		return err
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errs.E(errs.NotFound, "erasure_not_found", "No erasure was requested for this tenant.")
	}
	return &v, err
}

// erasePayload is the input of a job.TenantErase job.
type erasePayload struct {
	TenantID string `json:"tenant_id"`
}

// errEraseCancelled fails an erase job whose tenant is active again.
var errEraseCancelled = errors.New("the tenant was reactivated after its erasure was requested: the erasure is cancelled")

// EraseTenant is the handler of job.TenantErase. In one transaction it
// deletes every row of the tenant in every table (its audit log, chain
// and seals included), the users who belong to no other tenant, and
// leaves the tombstone: the erasure record, which keeps the slug reserved,
// and a tenant.erase event in the platform's audit log naming who asked,
// when and why. A crash leaves all of it or none. A tenant reactivated in
// the meantime is not erased: the request is cancelled (audited) and the
// job fails for good.
func (a *App) EraseTenant(ctx context.Context, j *job.Job) (string, error) {
	var in erasePayload
	if err := j.Decode(&in); err != nil || in.TenantID == "" {
		return "", job.Permanent(fmt.Errorf("%s %s: no tenant in the payload: %v", j.Kind, j.ID, err))
	}
	result, cancelled := "", false
	err := a.db.Run(ctx, store.Unit{System: true, Budget: eraseBudget}, func(tx *store.Tx) error {
		// A second run of the job (a lease that ran out) waits here, then
		// finds the erasure done.
		if err := tx.Lock(ctx, "tenant-erasure:"+in.TenantID); err != nil {
			return err
		}
		e, err := tx.GetErasure(ctx, in.TenantID)
		if err != nil {
			return err
		}
		if e.State == store.ErasureErased {
			result = "already erased"
			return nil
		}
		t, err := tx.GetTenant(ctx, in.TenantID)
		if err != nil {
			return err
		}
		if t.Status == tenant.Active {
			cancelled = true
			if err := tx.CancelErasure(ctx, in.TenantID); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, a.erasureEvent(ctx, e, "tenant.erase.cancel", map[string]string{"slug": e.Slug}))
		}
		users, err := tx.TenantOnlyUsers(ctx, in.TenantID)
		if err != nil {
			return err
		}
		now := a.now()
		// The users erased with the tenant are erased as persons too: the
		// other logs (the platform's) name them by pseudonym from now on.
		redacted := 0
		for _, uid := range users {
			u, err := tx.GetUser(ctx, uid)
			if err != nil {
				return err
			}
			n, _, err := forgetPerson(ctx, tx, uid, u.Email, in.TenantID, now)
			if err != nil {
				return err
			}
			redacted += n
		}
		rows, err := tx.EraseTenant(ctx, in.TenantID, users, now)
		if err != nil {
			return err
		}
		tx.Touch(store.ConfigTopic)
		result = fmt.Sprintf("erased: %d rows, %d users", rows, len(users))
		return tx.AppendAudit(ctx, a.erasureEvent(ctx, e, "tenant.erase", map[string]string{
			"slug": e.Slug, "reason": e.Reason, "forced": strconv.FormatBool(e.Forced),
			"requested_at": e.RequestedAt.UTC().Format(time.RFC3339), "rows": strconv.FormatInt(rows, 10),
			"users": strconv.Itoa(len(users)), "audit_events_pseudonymised": strconv.Itoa(redacted),
		}))
	})
	if errs.Is(err, errs.NotFound) {
		return "", job.Permanent(fmt.Errorf("%s: tenant %s or its erasure record not found: %w", j.Kind, in.TenantID, err))
	}
	if err != nil {
		return "", err
	}
	a.callers.forget()
	if cancelled {
		return "", job.Permanent(errEraseCancelled)
	}
	return result, nil
}

// erasureEvent is an event of the platform's log about erasure e, by the
// platform admin who asked for it.
func (a *App) erasureEvent(ctx context.Context, e *store.TenantErasure, action string, details map[string]string) *audit.Event {
	ev := a.event(ctx, tenant.PublicID, nil, action, "tenant", e.TenantID, audit.Success, details)
	ev.ActorID, ev.ActorEmail = e.RequestedBy, e.RequestedByEmail
	return ev
}
