package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/job"
)

// The job queue is platform-level: any transaction may enqueue, so a job
// commits or rolls back with the change that causes it; only system
// transactions read, claim and record jobs (package outbox).

const jobCols = `id, tenant_id, kind, dedupe_key, payload, run_at, max_attempts, attempts, last_error, result,
	done_at, failed_at, created_at`

// pendingJob is the condition of a job still waiting for an attempt.
const pendingJob = `done_at IS NULL AND failed_at IS NULL`

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

// DueJobs returns the ids of up to limit jobs of the given kinds due at now:
// pending, run_at reached and not leased by a worker. Oldest due first.
func (t *Tx) DueJobs(ctx context.Context, now time.Time, kinds []string, limit int) ([]string, error) {
	if err := t.systemOnly("DueJobs"); err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		return nil, nil
	}
	args := []any{ts(now), ts(now)}
	for _, k := range kinds {
		args = append(args, k)
	}
	rows, err := t.query(ctx, `SELECT id FROM jobs WHERE `+pendingJob+` AND run_at <= ?
		AND (locked_until IS NULL OR locked_until < ?) AND kind IN (`+marks(len(kinds))+`)
		ORDER BY run_at, id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// DueJobKinds returns the distinct kinds of the pending jobs due at now,
// leased or not: the worker compares them with its handlers to warn about
// jobs that no handler will run.
func (t *Tx) DueJobKinds(ctx context.Context, now time.Time) ([]string, error) {
	if err := t.systemOnly("DueJobKinds"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT DISTINCT kind FROM jobs WHERE `+pendingJob+` AND run_at <= ? ORDER BY kind`, ts(now))
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

// ClaimJob leases job id, if it is still due at now, until the time until,
// and returns it. The lease is a conditional update, so of several workers
// (in one process or many) claiming the same job exactly one gets it; the
// others get a Conflict (job_not_due), as for a job that is no longer due.
func (t *Tx) ClaimJob(ctx context.Context, id string, now, until time.Time) (*job.Job, error) {
	if err := t.systemOnly("ClaimJob"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `UPDATE jobs SET locked_until = ? WHERE id = ? AND `+pendingJob+` AND run_at <= ?
		AND (locked_until IS NULL OR locked_until < ?) RETURNING `+jobCols, ts(until), id, ts(now), ts(now))
	if err != nil {
		return nil, err
	}
	got, err := scanJobs(rows)
	if err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, errs.E(errs.Conflict, "job_not_due", "The job is not due or another worker holds it.")
	}
	return got[0], nil
}

// MarkJobDone records that j was carried out: j.DoneAt, j.Result and
// j.Attempts are written and the lease released. The work happened, so no
// lease is required (a worker whose lease expired mid-run still records its
// success); a job already done is left alone and reported as NotFound
// (job_not_pending).
func (t *Tx) MarkJobDone(ctx context.Context, j *job.Job) error {
	if err := t.systemOnly("MarkJobDone"); err != nil {
		return err
	}
	if j.DoneAt == nil {
		return fmt.Errorf("store: MarkJobDone %s without DoneAt", j.ID)
	}
	r, err := t.exec(ctx, `UPDATE jobs SET done_at = ?, result = ?, attempts = ?, last_error = '', failed_at = NULL,
		locked_until = NULL WHERE id = ? AND done_at IS NULL`, tsp(j.DoneAt), j.Result, j.Attempts, j.ID)
	if err != nil {
		return err
	}
	if affected(r) == 0 {
		return errs.E(errs.NotFound, "job_not_pending", "No pending job with this id.")
	}
	return nil
}

// RescheduleJob records a failed attempt on j, which the caller leased
// until lease: j.Attempts, j.LastError, j.RunAt and j.FailedAt (set when
// giving up) are written and the lease released. If the lease was lost
// meanwhile (it expired and another worker claimed the job), nothing is
// written and a Conflict (job_lease_lost) is returned.
func (t *Tx) RescheduleJob(ctx context.Context, j *job.Job, lease time.Time) error {
	if err := t.systemOnly("RescheduleJob"); err != nil {
		return err
	}
	r, err := t.exec(ctx, `UPDATE jobs SET attempts = ?, last_error = ?, run_at = ?, failed_at = ?, locked_until = NULL
		WHERE id = ? AND done_at IS NULL AND locked_until = ?`,
		j.Attempts, j.LastError, ts(j.RunAt), tsp(j.FailedAt), j.ID, ts(lease))
	if err != nil {
		return err
	}
	if affected(r) == 0 {
		return errs.E(errs.Conflict, "job_lease_lost", "The job is no longer leased by this worker.")
	}
	return nil
}

// RetryJob puts failed job id back in the queue, due at now with a fresh
// count of attempts; its last error stays visible until the next attempt.
// A job that is not failed is a Conflict (job_not_failed); a failed job whose
// dedupe key a newer pending job holds is a Conflict (job_duplicate).
func (t *Tx) RetryJob(ctx context.Context, id string, now time.Time) (*job.Job, error) {
	if err := t.systemOnly("RetryJob"); err != nil {
		return nil, err
	}
	r, err := t.exec(ctx, `UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = ?, locked_until = NULL
		WHERE id = ? AND failed_at IS NOT NULL AND done_at IS NULL`, ts(now), id)
	var dup *Duplicate
	if errors.As(err, &dup) {
		return nil, errs.E(errs.Conflict, "job_duplicate", "A pending job of this kind and key exists.")
	}
	if err != nil {
		return nil, err
	}
	j, err := t.GetJob(ctx, id)
	if err != nil {
		return nil, err
	}
	if affected(r) == 0 {
		return nil, errs.E(errs.Conflict, "job_not_failed", "Only a failed job can be retried.")
	}
	return j, nil
}

// GetJob returns one job of the queue.
func (t *Tx) GetJob(ctx context.Context, id string) (*job.Job, error) {
	if err := t.systemOnly("GetJob"); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+jobCols+` FROM jobs WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	got, err := scanJobs(rows)
	if err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, errs.E(errs.NotFound, "job_not_found", "Not found.")
	}
	return got[0], nil
}

// JobFilter selects jobs for ListJobs; empty fields select everything.
type JobFilter struct {
	Kind     string
	Status   string // job.StatusPending, job.StatusDone or job.StatusFailed
	TenantID string
	Limit    int // at most this many, default 100
}

// ListJobs returns the newest jobs matching f, newest first.
func (t *Tx) ListJobs(ctx context.Context, f JobFilter) ([]*job.Job, error) {
	if err := t.systemOnly("ListJobs"); err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if f.Kind != "" {
		where, args = append(where, "kind = ?"), append(args, f.Kind)
	}
	if f.TenantID != "" {
		where, args = append(where, "tenant_id = ?"), append(args, f.TenantID)
	}
	switch f.Status {
	case "":
	case job.StatusPending:
		where = append(where, pendingJob)
	case job.StatusDone:
		where = append(where, "done_at IS NOT NULL")
	case job.StatusFailed:
		where = append(where, "failed_at IS NOT NULL AND done_at IS NULL")
	default:
		return nil, errs.E(errs.Invalid, "job_status_invalid", "Status must be pending, done or failed.")
	}
	q := `SELECT ` + jobCols + ` FROM jobs`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	rows, err := t.query(ctx, q+` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return scanJobs(rows)
}

// scanJobs reads rows of jobCols and closes them.
func scanJobs(rows *sql.Rows) ([]*job.Job, error) {
	defer rows.Close()
	var out []*job.Job
	for rows.Next() {
		j := &job.Job{}
		var key sql.NullString
		var payload []byte
		if err := rows.Scan(&j.ID, &j.TenantID, &j.Kind, &key, &payload, timeCol{&j.RunAt}, &j.MaxAttempts,
			&j.Attempts, &j.LastError, &j.Result, nullTimeCol{&j.DoneAt}, nullTimeCol{&j.FailedAt},
			timeCol{&j.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: scan job: %w", err)
		}
		j.Key, j.Payload = key.String, payload
		out = append(out, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: job rows: %w", err)
	}
	return out, nil
}

// marks returns n comma-separated ? placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// HastenJob makes the pending job of kind with key due at at, if it waits
// for later and no worker holds it (an operator's retry should not wait
// out a backoff). Any transaction may call it, like EnqueueJob; it reports
// whether a job moved.
func (t *Tx) HastenJob(ctx context.Context, kind, key string, at time.Time) (bool, error) {
	r, err := t.exec(ctx, `UPDATE jobs SET run_at = ? WHERE kind = ? AND dedupe_key = ? AND `+pendingJob+`
		AND run_at > ? AND (locked_until IS NULL OR locked_until < ?)`, ts(at), kind, key, ts(at), ts(at))
	if err != nil {
		return false, err
	}
	return affected(r) == 1, nil
}
