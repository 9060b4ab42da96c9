package audit

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"
)

// HashSize is the size of every hash in the chain (SHA-256).
const HashSize = sha256.Size

// Hash is one hash of the chain.
type Hash [HashSize]byte

// Link is one event's position in its tenant's chain: its sequence number,
// its batch, the hash of the event as it was sealed, and the running chain
// hash after it: Chain = SHA-256(previous Chain ‖ EventHash).
type Link struct {
	Seq       int64
	Batch     int64
	EventID   string
	EventHash Hash
	Chain     Hash
}

// Seal is one sealed batch of a tenant's chain: the positions it covers,
// the chain hash before and after them, the position of its last event in
// (created_at, id) order, and the signature of its checkpoint.
type Seal struct {
	TenantID  string
	Batch     int64
	FirstSeq  int64
	LastSeq   int64
	PrevHash  Hash
	Hash      Hash
	LastAt    time.Time // created_at of the batch's last event
	LastID    string    // id of the batch's last event
	KeyID     string    // signing key of the checkpoint
	Signature []byte    // Ed25519 over Checkpoint
	SealedAt  time.Time
	PrunedAt  *time.Time // set when retention removed the batch's events
}

// Count is the number of events the batch covers.
func (s *Seal) Count() int64 { return s.LastSeq - s.FirstSeq + 1 }

// canonical is the form of an event its hash covers: every field, with
// the time in UTC at microsecond precision (what both engines store).
type canonical struct {
	TenantID       string            `json:"tenant_id"`
	ID             string            `json:"id"`
	ActorID        string            `json:"actor_id"`
	ActorEmail     string            `json:"actor_email"`
	Action         string            `json:"action"`
	ResourceType   string            `json:"resource_type"`
	ResourceID     string            `json:"resource_id"`
	Outcome        Outcome           `json:"outcome"`
	IP             string            `json:"ip"`
	UserAgent      string            `json:"user_agent"`
	RequestID      string            `json:"request_id"`
	Details        map[string]string `json:"details"`
	CreatedAt      string            `json:"created_at"`
	ImpersonatorID string            `json:"impersonator_id"`
}

// TimeLayout is the layout of CreatedAt in the canonical form and in exports.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// Canonical returns the canonical JSON of e (keys in a fixed order, details
// sorted by key), which its hash covers.
func Canonical(e *Event) []byte {
	d := e.Details
	if d == nil {
		d = map[string]string{}
	}
	b, err := json.Marshal(canonical{
		TenantID: e.TenantID, ID: e.ID, ActorID: e.ActorID, ActorEmail: e.ActorEmail, Action: e.Action,
		ResourceType: e.ResourceType, ResourceID: e.ResourceID, Outcome: e.Outcome, IP: e.IP,
		UserAgent: e.UserAgent, RequestID: e.RequestID, Details: d,
		CreatedAt: e.CreatedAt.UTC().Truncate(time.Microsecond).Format(TimeLayout), ImpersonatorID: e.ImpersonatorID,
	})
	if err != nil { // strings and a map of strings always marshal
		panic(fmt.Sprintf("audit: canonical form: %v", err))
	}
	return b
}

// EventHash is the SHA-256 of e's canonical form.
func EventHash(e *Event) Hash { return sha256.Sum256(Canonical(e)) }

// Next returns the chain hash after an event: SHA-256(prev ‖ eventHash).
func Next(prev, eventHash Hash) Hash {
	var b [2 * HashSize]byte
	copy(b[:], prev[:])
	copy(b[HashSize:], eventHash[:])
	return sha256.Sum256(b[:])
}

// Genesis is the chain hash before a tenant's first event, bound to the
// tenant so that one tenant's chain cannot be passed off as another's.
func Genesis(tenantID string) Hash {
	return sha256.Sum256([]byte("tenantry-audit-genesis/v1\x00" + tenantID))
}

// Checkpoint is the message a batch's signature covers: the tenant, the
// batch number, its positions and its hashes before and after. The prefix
// keeps it apart from anything else the signing keys sign (JWTs).
func Checkpoint(s *Seal) []byte {
	b := make([]byte, 0, 128)
	b = append(b, "tenantry-audit-seal/v1\x00"...)
	b = append(b, s.TenantID...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint64(b, uint64(s.Batch))
	b = binary.BigEndian.AppendUint64(b, uint64(s.FirstSeq))
	b = binary.BigEndian.AppendUint64(b, uint64(s.LastSeq))
	b = append(b, s.PrevHash[:]...)
	b = append(b, s.Hash[:]...)
	return b
}

// Before reports whether event position (at, id) comes before (bAt, bID) in
// the chain's order: created_at, then id.
func Before(at time.Time, id string, bAt time.Time, bID string) bool {
	if !at.Equal(bAt) {
		return at.Before(bAt)
	}
	return id < bID
}
