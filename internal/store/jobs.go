package store

import (
	"context"

	"github.com/tenantry/tenantry/internal/job"
)

// The job queue is platform-level, like the mail outbox: any transaction may
// enqueue, so a job commits or rolls back with the change that causes it;
// only system transactions claim and record jobs (package outbox).

// EnqueueJob writes j to the queue in the current transaction. A job with a
// Key is not written when a pending job of the same kind and key exists; it
// reports whether j was written.
func (t *Tx) EnqueueJob(ctx context.Context, j *job.Job) (bool, error) {
	var key any
	if j.Key != "" {
		key = j.Key
	}
	payload := string(j.Payload)
	if payload == "" {
		payload = "{}"
	}
	maxAttempts := j.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = job.DefaultMaxAttempts
	}
	r, err := t.exec(ctx, `INSERT INTO jobs (id, tenant_id, kind, dedupe_key, payload, run_at, max_attempts, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		j.ID, j.TenantID, j.Kind, key, payload, ts(j.RunAt), maxAttempts, ts(j.CreatedAt))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
