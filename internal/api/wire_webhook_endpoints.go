package api

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/webhook"
)

// CreateWebhookRequest registers an endpoint. event_types lists the event
// types it receives (docs/webhooks.md); left out, empty or ["*"]: every
// one. enabled defaults to true.
type CreateWebhookRequest struct {
	URL         string   `json:"url"`
	EventTypes  []string `json:"event_types,omitempty"`
	Description string   `json:"description,omitempty"`
	Enabled     *bool    `json:"enabled,omitempty"`
}

// UpdateWebhookRequest changes the fields it names.
type UpdateWebhookRequest struct {
	URL         *string   `json:"url,omitempty"`
	EventTypes  *[]string `json:"event_types,omitempty"`
	Description *string   `json:"description,omitempty"`
	Enabled     *bool     `json:"enabled,omitempty"`
}

// WebhookEndpoint is a registered endpoint, never with its secret.
type WebhookEndpoint struct {
	ID          string   `json:"id"`
	Scope       string   `json:"scope"` // tenant or platform
	TenantID    string   `json:"tenant_id,omitempty"`
	URL         string   `json:"url"`
	Description string   `json:"description"`
	EventTypes  []string `json:"event_types"`
	Enabled     bool     `json:"enabled"`
	// DisabledReason says why the server disabled the endpoint (the
	// receiver answered 410 Gone); "" otherwise.
	DisabledReason string `json:"disabled_reason"`
	// PreviousSecretExpiresAt is when the secret before the last rotation
	// stops signing; null when only one secret signs.
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at"`
	CreatedAt               time.Time  `json:"created_at"`
	UpdatedAt               time.Time  `json:"updated_at"`
}

// IssuedWebhookEndpoint is an endpoint as created or rotated, with its
// signing secret (whsec_…): the only time it is shown.
type IssuedWebhookEndpoint struct {
	ID                      string     `json:"id"`
	Scope                   string     `json:"scope"`
	TenantID                string     `json:"tenant_id,omitempty"`
	URL                     string     `json:"url"`
	Description             string     `json:"description"`
	EventTypes              []string   `json:"event_types"`
	Enabled                 bool       `json:"enabled"`
	DisabledReason          string     `json:"disabled_reason"`
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at"`
	CreatedAt               time.Time  `json:"created_at"`
	UpdatedAt               time.Time  `json:"updated_at"`
	Secret                  string     `json:"secret"`
}

// WebhookDelivery is one event on its way to an endpoint. Its id is the
// webhook-id header of every attempt.
type WebhookDelivery struct {
	ID           string          `json:"id"`
	TenantID     string          `json:"tenant_id"`
	EventID      string          `json:"event_id"`
	EventType    string          `json:"event_type"`
	ResourceType string          `json:"resource_type"`
	ResourceID   string          `json:"resource_id"`
	Status       string          `json:"status"` // pending, succeeded or failed
	Attempts     int             `json:"attempts"`
	ResponseCode int             `json:"response_code"` // of the last attempt; 0 when none answered
	DurationMS   int64           `json:"duration_ms"`   // of the last attempt
	LastError    string          `json:"last_error"`
	NextAttempt  *time.Time      `json:"next_attempt_at"` // pending only
	LastAttempt  *time.Time      `json:"last_attempt_at"`
	CreatedAt    time.Time       `json:"created_at"`
	Payload      json.RawMessage `json:"payload"` // the body, as signed
}

func webhookOf(e *webhook.Endpoint) WebhookEndpoint {
	scope := "tenant"
	if e.Platform() {
		scope = "platform"
	}
	out := WebhookEndpoint{ID: e.ID, Scope: scope, TenantID: e.TenantID, URL: e.URL, Description: e.Description,
		EventTypes: nonNilStrings(e.EventTypes), Enabled: e.Enabled, DisabledReason: e.DisabledReason,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if e.PreviousUntil != nil && e.PreviousSealed != "" {
		out.PreviousSecretExpiresAt = e.PreviousUntil
	}
	return out
}

func issuedWebhookOf(v *app.IssuedWebhook) IssuedWebhookEndpoint {
	e := webhookOf(&v.Endpoint)
	return IssuedWebhookEndpoint{ID: e.ID, Scope: e.Scope, TenantID: e.TenantID, URL: e.URL, Description: e.Description,
		EventTypes: e.EventTypes, Enabled: e.Enabled, DisabledReason: e.DisabledReason,
		PreviousSecretExpiresAt: e.PreviousSecretExpiresAt, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Secret: v.Secret}
}

func deliveryOf(d *webhook.Delivery) WebhookDelivery {
	rtype, rid, _ := strings.Cut(d.ResourceKey, ":")
	out := WebhookDelivery{ID: d.ID, TenantID: d.TenantID, EventID: d.EventID, EventType: d.EventType, ResourceType: rtype,
		ResourceID: rid, Status: d.Status, Attempts: d.Attempts, ResponseCode: d.ResponseCode, DurationMS: d.DurationMS,
		LastError: d.LastError, LastAttempt: d.LastAttempt, CreatedAt: d.CreatedAt, Payload: json.RawMessage(d.Payload)}
	if d.Status == webhook.Pending {
		next := d.NextAttempt
		out.NextAttempt = &next
	}
	return out
}
