package app

import (
	"context"

	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// queueMail writes a message to the job queue in tx, so that it leaves
// exactly when tx commits. After the commit, call a.jobsQueued to send it at
// once.
func (a *App) queueMail(ctx context.Context, tx *store.Tx, tenantID, kind, to, subject, text string) error {
	return tx.EnqueueMail(ctx, mail.New(kind, tenantID, to, subject, text, a.now()))
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
