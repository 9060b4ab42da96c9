package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/job"
)

// EraseTenantRequest confirms a tenant's erasure.
type EraseTenantRequest struct {
	ConfirmSlug string `json:"confirm_slug"`     // the tenant's slug, typed again
	Force       bool   `json:"force,omitempty"`  // erase without a completed export
	Reason      string `json:"reason,omitempty"` // why; required with force
}

// TenantErasure is a tenant's erasure: requested (pending), then erased,
// when it is the tenant's tombstone.
type TenantErasure struct {
	TenantID          string     `json:"tenant_id"`
	Slug              string     `json:"slug"`  // reserved for good
	State             string     `json:"state"` // pending or erased
	Forced            bool       `json:"forced"`
	Reason            string     `json:"reason"`
	RequestedBy       AdminActor `json:"requested_by"`
	RequestedAt       time.Time  `json:"requested_at"`
	ExportCompletedAt *time.Time `json:"export_completed_at"` // the export the erasure relied on; null when forced without one
	ErasedAt          *time.Time `json:"erased_at"`
	RowsDeleted       int64      `json:"rows_deleted"`
	UsersDeleted      int64      `json:"users_deleted"`
	Job               ErasureJob `json:"job"`
}

// ErasureJob is the state of the background job that erases a tenant.
type ErasureJob struct {
	ID        string     `json:"id"`
	Status    string     `json:"status"` // pending, done or failed
	Attempts  int        `json:"attempts"`
	LastError string     `json:"last_error,omitempty"`
	Result    string     `json:"result,omitempty"`
	RunAt     time.Time  `json:"run_at"`
	DoneAt    *time.Time `json:"done_at"`
	FailedAt  *time.Time `json:"failed_at"`
}

// UserErasure is what a person's erasure did.
type UserErasure struct {
	UserID     string    `json:"user_id"`
	Pseudonym  string    `json:"pseudonym"`    // what the audit log names the person by now
	Tenants    int       `json:"tenants"`      // memberships removed
	Redacted   int       `json:"audit_events"` // audit events pseudonymised
	References int       `json:"references"`   // other records that named the person, rewritten or removed
	ErasedAt   time.Time `json:"erased_at"`
}

func tenantErasureOf(v *app.TenantErasureView) TenantErasure {
	e := &v.Erasure
	out := TenantErasure{TenantID: e.TenantID, Slug: e.Slug, State: e.State, Forced: e.Forced, Reason: e.Reason,
		RequestedBy: AdminActor{ID: e.RequestedBy, Email: e.RequestedByEmail}, RequestedAt: e.RequestedAt,
		ExportCompletedAt: e.ExportCompletedAt, ErasedAt: e.ErasedAt, RowsDeleted: e.RowsDeleted, UsersDeleted: e.UsersDeleted}
	if j := v.Job; j != nil {
		out.Job = erasureJobOf(j)
	}
	return out
}

func erasureJobOf(j *job.Job) ErasureJob {
	return ErasureJob{ID: j.ID, Status: j.Status(), Attempts: j.Attempts, LastError: j.LastError, Result: j.Result,
		RunAt: j.RunAt, DoneAt: j.DoneAt, FailedAt: j.FailedAt}
}

func userErasureOf(u *app.UserErasure) UserErasure {
	return UserErasure{UserID: u.UserID, Pseudonym: u.Pseudonym, Tenants: u.Tenants, Redacted: u.Redacted,
		References: u.References, ErasedAt: u.ErasedAt}
}
