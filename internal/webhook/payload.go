package webhook

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
)

// Payload is the JSON body of every delivery.
type Payload struct {
	Type      string    `json:"type"`
	Timestamp time.Time `json:"timestamp"`
	Data      Data      `json:"data"`
}

// Data is what happened: to which resource of which tenant, by whom, with
// the audit event's details.
type Data struct {
	EventID      string            `json:"event_id"`
	TenantID     string            `json:"tenant_id"`
	Action       string            `json:"action"` // the audit action, finer than the type
	ResourceType string            `json:"resource_type"`
	ResourceID   string            `json:"resource_id"`
	Actor        Actor             `json:"actor"`
	Details      map[string]string `json:"details"`
}

// Actor is who made the change: a user (id and email), an API key or
// platform key (id), or the server itself (both empty).
type Actor struct {
	ID             string `json:"id"`
	Email          string `json:"email"`
	ImpersonatorID string `json:"impersonator_id,omitempty"`
}

// ResourceKey is the ordering key of an audit event's deliveries: events
// about one resource reach one endpoint in the order they happened.
func ResourceKey(e *audit.Event) string { return e.ResourceType + ":" + e.ResourceID }

// Build returns the body of the event of type typ that e becomes. Details
// whose key names a secret (audit.Redact) are left out altogether, and so
// are the client's address and user agent: a receiver learns what changed,
// never a secret.
func Build(e *audit.Event, typ string) ([]byte, error) {
	details := map[string]string{}
	for k, v := range audit.Redact(e.Details) {
		if v != "[redacted]" {
			details[k] = v
		}
	}
	b, err := json.Marshal(Payload{Type: typ, Timestamp: e.CreatedAt.UTC(), Data: Data{
		EventID: e.ID, TenantID: e.TenantID, Action: e.Action, ResourceType: e.ResourceType, ResourceID: e.ResourceID,
		Actor: Actor{ID: e.ActorID, Email: e.ActorEmail, ImpersonatorID: e.ImpersonatorID}, Details: details}})
	if err != nil {
		return nil, fmt.Errorf("webhook: payload of %s: %w", e.ID, err)
	}
	return b, nil
}
