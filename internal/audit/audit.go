// Package audit describes audit events: who did what to which resource of
// which tenant, when and from where. Events are append-only and never carry
// secrets, passwords, codes or tokens.
package audit

import (
	"strings"
	"time"
)

// Outcome says whether the audited action succeeded.
type Outcome string

// Outcomes.
const (
	Success Outcome = "success"
	Failure Outcome = "failure"
)

// Event is one audited action.
type Event struct {
	TenantID     string // "public" for platform-level events
	ID           string
	ActorID      string // user id, or "" for anonymous
	ActorEmail   string
	Action       string // e.g. "tenant.create", "auth.login"
	ResourceType string
	ResourceID   string
	Outcome      Outcome
	IP           string
	UserAgent    string
	RequestID    string
	Details      map[string]string
	CreatedAt    time.Time
	// ImpersonatorID names the platform admin behind an impersonation token
	// when the actor (ActorID) acted under one; "" otherwise.
	ImpersonatorID string
}

// Filter narrows a listing of audit events (newest first: created_at, then
// id, descending).
type Filter struct {
	TenantID     string // "" for every tenant (platform admins only)
	Action       string
	ActorID      string
	ResourceType string
	ResourceID   string
	Outcome      Outcome   // "" for both
	From, To     time.Time // created_at in [From, To); zero: unbounded
	After        *Key      // keyset paging: only events after this one in the order (then Skip is ignored)
	Skip         int
	Limit        int
}

// Key is an event's position in the listing's order: the keyset cursor of
// deep pages.
type Key struct {
	CreatedAt time.Time
	ID        string
}

// sensitive names detail keys that must never be recorded.
var sensitive = []string{"password", "secret", "token", "code", "key"}

// Redact returns details without any key that looks like a secret.
func Redact(details map[string]string) map[string]string {
	if len(details) == 0 {
		return nil
	}
	out := make(map[string]string, len(details))
	for k, v := range details {
		if isSensitive(k) {
			out[k] = "[redacted]"
			continue
		}
		out[k] = v
	}
	return out
}

func isSensitive(k string) bool {
	k = strings.ToLower(k)
	for _, s := range sensitive {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}
