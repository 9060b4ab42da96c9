package app

import (
	"context"
	"fmt"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/setting"

	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// queueMail writes a message to the job queue in tx, so that it leaves
// exactly when tx commits. After the commit, call a.jobsQueued to send it at
// once. Mail of a tenant carries its sender name (mail.from_name, prod),
// resolved now: a later change does not alter queued mail, and the worker
// looks nothing up.
func (a *App) queueMail(ctx context.Context, tx *store.Tx, tenantID, kind, to, subject, text string) error {
	m := mail.New(kind, tenantID, to, subject, text, a.now())
	if tenantID != "" && (tx.TenantID() == "" || tx.TenantID() == tenantID) {
		c, err := a.settingsOf(ctx, tx, tenantID, auth.EnvProd)
		if err != nil {
			return fmt.Errorf("app: sender name: %w", err)
		}
		m.FromName = c.s.String(setting.MailFromName)
	}
	return tx.EnqueueMail(ctx, m)
}

// jobsQueued wakes the job worker after a commit that queued a job (mail or
// any other kind); the worker's poll would find it within a second anyway.
func (a *App) jobsQueued() {
	if a.opt.JobsQueued != nil {
		a.opt.JobsQueued()
	}
}

// queueWelcome queues the welcome message to the owner of a new tenant.
func (a *App) queueWelcome(ctx context.Context, tx *store.Tx, tenantID, tenantName, to, firstName string) error {
	subject, text := mail.Welcome(to, firstName, tenantName, a.opt.PublicURL)
	return a.queueMail(ctx, tx, tenantID, mail.KindWelcome, to, subject, text)
}
