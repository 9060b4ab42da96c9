// Package job describes durable background jobs: work written to the jobs
// table in the transaction of the change that causes it (an email, a partner
// account to provision, a billing period to roll over, a payment provider to
// synchronise) and carried out later, at least once, by the worker of package
// outbox with leases, retries and exponential backoff. A job's state stays
// visible after it ends: done with its result, or failed with its last error.
package job

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/id"
)

// Kinds of job. Each kind has one handler, registered with the worker when
// the server is assembled.
const (
	Mail             = "mail"              // deliver one email (package mail)
	PartnerProvision = "partner.provision" // create a tenant's Paper.id partner account
	BillingRollover  = "billing.rollover"  // end a subscription's period: renew, apply a scheduled change, end a trial
	BillingGraceEnd  = "billing.grace_end" // suspend a past-due subscription whose grace period ended unpaid
	StripeSync       = "stripe.sync"       // bring a tenant's Stripe customer and subscription in line
	AuditShip        = "audit.ship"        // write a tenant's sealed audit batches to its own storage
	TenantErase      = "tenant.erase"      // delete every row of a deactivated tenant (platform work: names the tenant in its payload)
	WebhookDeliver   = "webhook.deliver"   // send one webhook delivery (its id in the payload; keyed by it)
)

// Statuses of a job.
const (
	StatusPending = "pending" // waiting for its first or next attempt
	StatusDone    = "done"    // carried out; Result says how
	StatusFailed  = "failed"  // given up after MaxAttempts, or refused for good; kept for inspection
)

// DefaultMaxAttempts is how many attempts a job gets unless it says otherwise.
const DefaultMaxAttempts = 16

// Job is one unit of background work.
type Job struct {
	ID       string
	TenantID string // the tenant it concerns, or "" for platform work
	Kind     string
	// Key, when set, makes the job unique among the pending jobs of its
	// kind: enqueueing a second pending job with the same kind and key is a
	// no-op (for example one rollover per subscription period).
	Key         string
	Payload     json.RawMessage // the handler's input, JSON
	RunAt       time.Time       // not before this time
	MaxAttempts int
	CreatedAt   time.Time

	// State, kept by the worker.
	Attempts  int
	LastError string     // why the last attempt failed, "" after success
	Result    string     // what the handler reported on success
	DoneAt    *time.Time // when it was carried out
	FailedAt  *time.Time // when the worker gave up
}

// New returns a pending job of kind for tenantID, due at runAt, with payload
// encoded as JSON.
func New(kind, tenantID string, payload any, runAt, now time.Time) (*Job, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return nil, fmt.Errorf("job %s: encode payload: %w", kind, err)
	}
	return &Job{ID: id.NewAt(id.Job, now), TenantID: tenantID, Kind: kind, Payload: raw, RunAt: runAt,
		MaxAttempts: DefaultMaxAttempts, CreatedAt: now}, nil
}

// Decode reads the job's payload into v.
func (j *Job) Decode(v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return fmt.Errorf("job %s %s: decode payload: %w", j.Kind, j.ID, err)
	}
	return nil
}

// DecodeTenant reads the payload of a job that must name a tenant into v.
// Either failing is a Permanent error: retrying the same job cannot help.
func (j *Job) DecodeTenant(v any) error {
	if err := j.Decode(v); err != nil {
		return Permanent(err)
	}
	if j.TenantID == "" {
		return Permanent(fmt.Errorf("job %s %s names no tenant", j.Kind, j.ID))
	}
	return nil
}

// Status returns StatusPending, StatusDone or StatusFailed.
func (j *Job) Status() string {
	switch {
	case j.DoneAt != nil:
		return StatusDone
	case j.FailedAt != nil:
		return StatusFailed
	}
	return StatusPending
}

// Backoff is the wait before attempt n+1 after n failed attempts: 30 s,
// doubling, capped at 6 hours — the sixteen attempts of DefaultMaxAttempts
// span about a day and a half.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// deferral asks the worker to run the job again at a given time.
type deferral struct {
	at     time.Time
	reason string
}

func (d deferral) Error() string { return d.reason }

// Defer returns an error that reschedules the job to run again at at,
// without counting an attempt against MaxAttempts: the handler keeps its own
// count and schedule (a webhook delivery's retries, or a delivery waiting for
// an earlier one of its resource). reason stays as the job's last error.
func Defer(at time.Time, reason string) error { return deferral{at: at, reason: reason} }

// Deferred reports whether err came from Defer, and until when.
func Deferred(err error) (time.Time, bool) {
	var d deferral
	if errors.As(err, &d) {
		return d.at, true
	}
	return time.Time{}, false
}

// permanent marks an error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so that the worker fails the job at once instead of
// retrying it.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was wrapped by Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
