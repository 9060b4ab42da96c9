// Package webhook describes outgoing webhooks: the endpoints a tenant (or
// the platform) registers, the events every audited change becomes, the
// deliveries that carry them, how they are signed (the Standard Webhooks
// specification) and which URLs they may go to. It holds no HTTP and no
// SQL: package outbound sends, package store keeps.
package webhook

import (
	"slices"
	"strings"
	"time"
)

// Prefixes of the identifiers of endpoints (a tenant's, the platform's)
// and deliveries.
const (
	EndpointPrefix         = "whk"
	PlatformEndpointPrefix = "pwhk"
	DeliveryPrefix         = "msg"
)

// AllEvents is the event-type filter that matches every event.
const AllEvents = "*"

// Endpoint is a URL that receives events: a tenant's (TenantID set), which
// receives its tenant's events, or the platform's (TenantID ""), which
// receives every tenant's.
type Endpoint struct {
	TenantID    string // "" for a platform endpoint
	ID          string
	URL         string
	Description string
	EventTypes  []string // the types it receives; [AllEvents] for every one
	Enabled     bool
	// SecretSealed is the signing secret, sealed with the master keys
	// (package secret, context SealContext(ID)); never shown after its
	// creation or rotation.
	SecretSealed string
	// PreviousSealed is the secret before the last rotation, still signing
	// until PreviousUntil; "" when none.
	PreviousSealed string
	PreviousUntil  *time.Time
	// DisabledReason says why the endpoint was disabled by the server
	// (a 410 Gone answer), "" otherwise.
	DisabledReason string
	CreatedBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Platform reports whether e is a platform endpoint.
func (e *Endpoint) Platform() bool { return e.TenantID == "" }

// Receives reports whether e, when enabled, receives events of type typ.
func (e *Endpoint) Receives(typ string) bool {
	return slices.Contains(e.EventTypes, AllEvents) || slices.Contains(e.EventTypes, typ)
}

// IsPlatformEndpoint reports whether an endpoint id names a platform endpoint.
func IsPlatformEndpoint(endpointID string) bool {
	return strings.HasPrefix(endpointID, PlatformEndpointPrefix+"_")
}

// SealContext is the seal context of an endpoint's signing secrets (both
// the current and the previous one, so a rotation moves the sealed value).
func SealContext(endpointID string) string { return "webhook_endpoint:" + endpointID }

// RotationOverlap is how long the previous secret keeps signing after a
// rotation, so receivers can switch without losing a message.
const RotationOverlap = 24 * time.Hour

// Statuses of a delivery.
const (
	Pending   = "pending"   // waiting for its first or next attempt
	Succeeded = "succeeded" // the receiver answered 2xx
	Failed    = "failed"    // given up (retries exhausted, 410 Gone, endpoint disabled or refused)
)

// Delivery is one event on its way to one endpoint. Its ID is the
// webhook-id header: the same on every attempt and replay.
type Delivery struct {
	TenantID     string // the event's tenant, for a platform endpoint too
	ID           string
	EndpointID   string
	EventID      string // the audit event it comes from
	EventType    string
	ResourceKey  string // resource_type:resource_id; deliveries of one endpoint and resource go in order
	Payload      []byte // the JSON body, as signed
	Status       string
	Attempts     int
	NextAttempt  time.Time // when the next attempt is due (pending only)
	LastAttempt  *time.Time
	ResponseCode int    // of the last attempt; 0 when none answered
	DurationMS   int64  // of the last attempt
	LastError    string // why the last attempt failed, "" after success
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Schedule is the wait before each retry: after the first failed attempt
// 5 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over a
// day and three hours — and then the delivery is failed.
var Schedule = []time.Duration{5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour,
	5 * time.Hour, 10 * time.Hour, 10 * time.Hour}

// MaxAttempts is how many attempts a delivery gets.
func MaxAttempts() int { return len(Schedule) + 1 }

// RetryAfter returns the wait after the attempts-th failed attempt, and
// false when the delivery has had all its attempts.
func RetryAfter(attempts int) (time.Duration, bool) {
	if attempts < 1 || attempts > len(Schedule) {
		return 0, false
	}
	return Schedule[attempts-1], true
}
