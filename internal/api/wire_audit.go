package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// AuditEvent is one audit log entry.
type AuditEvent struct {
	ID           string            `json:"id"`
	TenantID     string            `json:"tenant_id"`
	ActorID      string            `json:"actor_id"`
	ActorEmail   string            `json:"actor_email"`
	Action       string            `json:"action"`
	ResourceType string            `json:"resource_type"`
	ResourceID   string            `json:"resource_id"`
	Outcome      string            `json:"outcome"`
	IP           string            `json:"ip"`
	UserAgent    string            `json:"user_agent"`
	RequestID    string            `json:"request_id"`
	Details      map[string]string `json:"details"`
	CreatedAt    time.Time         `json:"created_at"`
	// ImpersonatorID names the platform admin behind an impersonation token
	// when the actor acted under one.
	ImpersonatorID string `json:"impersonator_id,omitempty"`
}

func auditOf(e audit.Event) AuditEvent {
	d := e.Details
	if d == nil {
		d = map[string]string{}
	}
	return AuditEvent{ID: e.ID, TenantID: e.TenantID, ActorID: e.ActorID, ActorEmail: e.ActorEmail, Action: e.Action,
		ResourceType: e.ResourceType, ResourceID: e.ResourceID, Outcome: string(e.Outcome), IP: e.IP,
		UserAgent: e.UserAgent, RequestID: e.RequestID, Details: d, CreatedAt: e.CreatedAt, ImpersonatorID: e.ImpersonatorID}
}

// AuditVerification is the outcome of recomputing a tenant's audit chain.
type AuditVerification struct {
	TenantID      string        `json:"tenant_id"`
	OK            bool          `json:"ok"`
	Batches       int64         `json:"batches"`        // sealed batches recomputed
	PrunedBatches int64         `json:"pruned_batches"` // removed by retention; checked by signature and linkage
	Events        int64         `json:"events"`         // sealed events recomputed
	Redacted      int64         `json:"redacted"`       // of those, pseudonymised by a user erasure (accepted by their redaction record)
	Unsealed      int64         `json:"unsealed"`       // newer events the sealer has not reached yet
	SealedThrough *time.Time    `json:"sealed_through"` // created_at of the last sealed event
	Problem       *AuditProblem `json:"problem"`        // the first fault found; null when ok
}

// AuditProblem is the first fault a verification found: its kind (edited,
// deleted, inserted, reordered, chain_broken, batch_missing,
// signature_invalid), where, and what.
type AuditProblem struct {
	Kind    string `json:"kind"`
	Batch   int64  `json:"batch,omitempty"`
	Seq     int64  `json:"seq,omitempty"`
	EventID string `json:"event_id,omitempty"`
	Detail  string `json:"detail"`
}

func verificationOf(r *audit.Report) AuditVerification {
	v := AuditVerification{TenantID: r.TenantID, OK: r.OK, Batches: r.Batches, PrunedBatches: r.PrunedBatches,
		Events: r.Events, Redacted: r.Redacted, Unsealed: r.Unsealed}
	if p := r.Problem; p != nil {
		v.Problem = &AuditProblem{Kind: p.Kind, Batch: p.Batch, Seq: p.Seq, EventID: p.EventID, Detail: p.Detail}
	}
	if !r.SealedThrough.IsZero() {
		t := r.SealedThrough
		v.SealedThrough = &t
	}
	return v
}
