package app

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/payment/paperid"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// A tenant's Paper.id partner account (reserva seed): created in the
// background after the tenant, so that registration never waits for or
// fails because of Paper.id. createTenant queues a job.PartnerProvision job
// in its transaction; ProvisionPartner carries it out.

var (
	errPartnerDisabled = errs.E(errs.Conflict, "partner_provisioning_disabled",
		"Paper.id is not configured on this server, so no partner account can be provisioned.")
	errPartnerProvisioned = errs.E(errs.Conflict, "partner_already_provisioned",
		"This tenant's Paper.id partner account is already provisioned.")
	errPaperIDOff = errors.New("no Paper.id is configured on this server")
	errNoPhone    = errors.New("the tenant has no phone number, which Paper.id requires for a partner: set one, then retry")
)

// partnerErrorLen bounds a stored error.
const partnerErrorLen = 500

// queuePartner queues the provisioning of new tenant t's partner account
// in tx, when Paper.id is configured; otherwise t stays disabled.
func (a *App) queuePartner(ctx context.Context, tx *store.Tx, t *tenant.Tenant) error {
	if a.opt.PaperID == nil {
		return nil
	}
	return a.enqueuePartner(ctx, tx, t.ID, t.CreatedAt)
}

// enqueuePartner marks tenantID's partner account pending and queues its
// job, due now. A job already pending for the tenant is kept (Key) and made
// due now if it was waiting out a backoff.
func (a *App) enqueuePartner(ctx context.Context, tx *store.Tx, tenantID string, now time.Time) error {
	if _, err := tx.SetTenantPartner(ctx, tenantID, tenant.Partner{Status: tenant.PartnerPending, UpdatedAt: &now}); err != nil {
		return err
	}
	return enqueueForTenant(ctx, tx, job.PartnerProvision, tenantID, now)
}

// enqueueForTenant queues in tx a job of kind for tenantID, due now, keyed
// by the tenant: a job of that kind already pending for it is kept and made
// due now if it was waiting out a backoff.
func enqueueForTenant(ctx context.Context, tx *store.Tx, kind, tenantID string, now time.Time) error {
	j, err := job.New(kind, tenantID, struct{}{}, now, now)
	if err != nil {
		return err
	}
	j.Key = tenantID
	queued, err := tx.EnqueueJob(ctx, j)
	if err != nil || queued {
		return err
	}
	_, err = tx.HastenJob(ctx, kind, tenantID, now)
	return err
}

// ProvisionPartner is the handler of job.PartnerProvision: it gives the
// job's tenant a partner account of the platform's Paper.id company and
// stores its ids. It is idempotent: a provisioned tenant is done, and the
// Paper.id call (outside any transaction) reuses a partner an earlier
// attempt created, found by its number (the tenant's id). A retryable
// failure is returned for the worker to retry with backoff while the tenant
// stays pending with the error; a permanent one, or the last attempt's,
// marks the tenant failed with the error.
func (a *App) ProvisionPartner(ctx context.Context, j *job.Job) (string, error) {
	if err := j.DecodeTenant(&struct{}{}); err != nil {
		return "", err
	}
	var t *tenant.Tenant
	var state *tenant.Partner
	err := a.db.ReadTenant(ctx, j.TenantID, func(tx *store.Tx) (err error) {
		if t, err = tx.GetTenant(ctx, j.TenantID); err != nil {
			return err
		}
		state, err = tx.TenantPartner(ctx, j.TenantID)
		return err
	})
	switch {
	case errs.Is(err, errs.NotFound):
		return "", job.Permanent(fmt.Errorf("%s: tenant %s not found", j.Kind, j.TenantID))
	case err != nil:
		return "", err
	case state.Status == tenant.PartnerProvisioned && t.ClientPartnerID != nil:
		return "already provisioned: partner " + *t.ClientPartnerID, nil
	}
	c := a.opt.PaperID
	switch {
	case c == nil:
		err = job.Permanent(errPaperIDOff)
	case paperid.E164(t.Phone) == "":
		err = job.Permanent(errNoPhone)
	}
	var p *paperid.Partner
	if err == nil {
		number := t.ID
		if t.ClientPartnerNumber != nil && *t.ClientPartnerNumber != "" {
			number = *t.ClientPartnerNumber
		}
		p, err = c.EnsurePartner(ctx, paperid.NewPartner{Name: t.Name, Number: number, Type: paperid.ClientType,
			Email: t.Email, Phone: t.Phone})
	}
	// Record the outcome even when ctx ends now (shutdown): the call happened.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err != nil {
		final := job.IsPermanent(err) || j.Attempts+1 >= max(j.MaxAttempts, 1)
		if recErr := a.recordPartnerFailure(rec, t.ID, err, final); recErr != nil {
			a.log.Warn("paper.id partner: cannot record the failure", "tenant_id", t.ID, "err", recErr)
		}
		return "", err
	}
	err = a.db.InTenant(rec, t.ID, func(tx *store.Tx) error {
		changed, err := tx.ProvisionTenantPartner(rec, t.ID, p.ID, p.Number, a.now())
		if err != nil || !changed { // !changed: a concurrent attempt provisioned it
			return err
		}
		return a.record(rec, tx, t.ID, nil, "tenant.partner.provision", "tenant", t.ID,
			map[string]string{"client_partner_id": p.ID, "client_partner_number": p.Number})
	})
	if err != nil {
		return "", err // retried: the next attempt finds the partner by its number
	}
	return "provisioned partner " + p.ID + " (" + p.Number + ")", nil
}

// recordPartnerFailure keeps tenantID pending with the error, or (final)
// marks it failed with an audit event. A provisioned tenant is left alone.
func (a *App) recordPartnerFailure(ctx context.Context, tenantID string, cause error, final bool) error {
	now := a.now()
	st := tenant.Partner{Status: tenant.PartnerPending, LastError: shortenError(cause.Error()), UpdatedAt: &now}
	if final {
		st.Status = tenant.PartnerFailed
	}
	return a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		changed, err := tx.SetTenantPartner(ctx, tenantID, st)
		if err != nil || !changed || !final {
			return err
		}
		return tx.AppendAudit(ctx, a.event(ctx, tenantID, nil, "tenant.partner.provision", "tenant", tenantID,
			audit.Failure, map[string]string{"error": st.LastError}))
	})
}

// shortenError cuts an error message to partnerErrorLen bytes.
func shortenError(s string) string {
	n := partnerErrorLen
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// PartnerView is the state of a tenant's Paper.id partner account with its ids.
type PartnerView struct {
	TenantID            string
	Partner             tenant.Partner
	ClientPartnerID     *string
	ClientPartnerNumber *string
}

// RetryPartner queues the provisioning of a tenant's partner account again
// (platform admins): the tenant goes pending and its job is due now, or
// keeps the attempt already scheduled. A provisioned tenant, or a server
// without Paper.id, answers 409; a tenant created while Paper.id was not
// configured (disabled) is provisioned now that it is.
func (a *App) RetryPartner(ctx context.Context, p *auth.Principal, tenantID string) (*PartnerView, error) {
	if _, err := a.authorize(ctx, p, tenantID, membership.TenantPartnerRetry); err != nil {
		return nil, err
	}
	if a.opt.PaperID == nil {
		return nil, errPartnerDisabled
	}
	var v *PartnerView
	err := a.db.InTenant(ctx, tenantID, func(tx *store.Tx) error {
		t, err := tx.GetTenant(ctx, tenantID)
		if err != nil {
			return err
		}
		before, err := tx.TenantPartner(ctx, tenantID)
		if err != nil {
			return err
		}
		if before.Status == tenant.PartnerProvisioned {
			return errPartnerProvisioned
		}
		now := a.now()
		if err := a.enqueuePartner(ctx, tx, tenantID, now); err != nil {
			return err
		}
		if err := a.record(ctx, tx, tenantID, p, "tenant.partner.retry", "tenant", tenantID,
			map[string]string{"from": string(before.Status)}); err != nil {
			return err
		}
		v = &PartnerView{TenantID: tenantID, Partner: tenant.Partner{Status: tenant.PartnerPending, UpdatedAt: &now},
			ClientPartnerID: t.ClientPartnerID, ClientPartnerNumber: t.ClientPartnerNumber}
		return nil
	})
	if errs.Is(err, errs.NotFound) {
		return nil, errTenantNotFound
	}
	if err == nil {
		a.jobsQueued()
	}
	return v, err
}

// withPartner adds the partner state to v for a platform admin; nobody
// else sees it.
func withPartner(ctx context.Context, tx *store.Tx, p *auth.Principal, v *TenantView) error {
	if p == nil || !p.PlatformAdmin || v == nil {
		return nil
	}
	st, err := tx.TenantPartner(ctx, v.Tenant.ID)
	if err != nil {
		return err
	}
	v.Partner = st
	return nil
}

// withPartners adds each listed tenant's partner state (a platform admin's
// listing).
func withPartners(ctx context.Context, tx *store.Tx, list []tenant.Listing) error {
	ids := make([]string, len(list))
	for i := range list {
		ids[i] = list[i].Tenant.ID
	}
	states, err := tx.TenantPartners(ctx, ids)
	if err != nil {
		return err
	}
	for i := range list {
		if st, ok := states[list[i].Tenant.ID]; ok {
			list[i].Partner = &st
		}
	}
	return nil
}
