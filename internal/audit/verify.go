package audit

import (
	"crypto/ed25519"
	"fmt"
	"time"
)

// Problem kinds a verification reports.
const (
	Edited           = "edited"            // an event no longer matches the hash it was sealed with
	Deleted          = "deleted"           // a sealed event or chain position is gone
	Inserted         = "inserted"          // an event sits inside the sealed range without being sealed
	Reordered        = "reordered"         // sealed events are no longer in their sealed order
	ChainBroken      = "chain_broken"      // a chain hash or a batch hash does not follow from what precedes it
	BatchMissing     = "batch_missing"     // a batch is missing between two others
	SignatureInvalid = "signature_invalid" // a batch's checkpoint signature does not verify
)

// Problem is the first thing a verification found wrong.
type Problem struct {
	Kind    string `json:"kind"`
	Batch   int64  `json:"batch,omitempty"`
	Seq     int64  `json:"seq,omitempty"`
	EventID string `json:"event_id,omitempty"`
	Detail  string `json:"detail"`
}

// Report is the outcome of verifying one tenant's chain.
type Report struct {
	TenantID      string
	OK            bool
	Batches       int64     // sealed batches whose events were recomputed
	PrunedBatches int64     // batches removed by retention, checked by signature and linkage
	Events        int64     // sealed events recomputed
	Redacted      int64     // sealed events pseudonymised by a user erasure, accepted by their redaction record
	Unsealed      int64     // events newer than the last batch, not sealed yet (not a fault)
	Uncovered     int64     // in a partial file: events after its last complete batch
	SealedThrough time.Time // created_at of the last sealed event
	Problem       *Problem
}

// Redaction records that a user erasure rewrote a sealed event's personal
// identifiers to a pseudonym: the hash the event had when it was rewritten
// (Original; what its chain position holds once sealed) and the hash of
// its rewritten form (Redacted). The verifier accepts the rewritten event
// at a position holding Original, and reports it as redacted, not edited;
// any other change, or a rewrite without its record, is still an edit.
type Redaction struct {
	EventID  string
	Original Hash
	Redacted Hash
}

// KeyFunc finds the public key a checkpoint names.
type KeyFunc func(kid string) (ed25519.PublicKey, bool)

// Verifier recomputes a tenant's chain from its seals and events, fed in
// chain order: Seal for each batch, then Entry for each of its positions.
// It stops at the first problem. One verifier checks the database (every
// batch from the first) and exported files (partial: they may start and
// end inside a batch).
type Verifier struct {
	keys      KeyFunc
	partial   bool
	r         Report
	started   bool
	chain     Hash
	nextSeq   int64
	nextBatch int64
	open      *Seal
	inOpen    int64
	lastAt    time.Time
	lastID    string
	redacted  map[string]Redaction
}

// NewVerifier starts verifying tenantID's chain. A partial verifier accepts
// a first batch entered in its middle (see Resume) and an unfinished last one.
func NewVerifier(tenantID string, keys KeyFunc, partial bool) *Verifier {
	return &Verifier{keys: keys, partial: partial, r: Report{TenantID: tenantID},
		chain: Genesis(tenantID), nextSeq: 1, nextBatch: 1}
}

// Redactions gives the verifier the tenant's redaction records, by event id.
func (v *Verifier) Redactions(m map[string]Redaction) { v.redacted = m }

// Redact adds one redaction record (an export file's, read before its event).
func (v *Verifier) Redact(r Redaction) {
	if v.redacted == nil {
		v.redacted = map[string]Redaction{}
	}
	v.redacted[r.EventID] = r
}

// Failed reports whether a problem was found; further input is ignored.
func (v *Verifier) Failed() bool { return v.r.Problem != nil }

func (v *Verifier) fail(p Problem) {
	if v.r.Problem == nil {
		v.r.Problem = &p
	}
}

// Seal begins batch s. A pruned batch is complete in itself: its signature
// and its place in the chain are checked, and its hash carries the chain on.
func (v *Verifier) Seal(s *Seal) {
	if v.Failed() {
		return
	}
	if v.open != nil {
		v.fail(Problem{Kind: Deleted, Batch: v.open.Batch, Seq: v.nextSeq,
			Detail: fmt.Sprintf("batch %d ends at position %d but its positions from %d on are missing", v.open.Batch, v.open.LastSeq, v.nextSeq)})
		return
	}
	if v.partial && !v.started {
		v.chain, v.nextSeq, v.nextBatch = s.PrevHash, s.FirstSeq, s.Batch
	}
	v.started = true
	switch {
	case s.TenantID != v.r.TenantID:
		v.fail(Problem{Kind: ChainBroken, Batch: s.Batch, Detail: "the batch belongs to tenant " + s.TenantID})
	case s.Batch != v.nextBatch:
		v.fail(Problem{Kind: BatchMissing, Batch: v.nextBatch, Detail: fmt.Sprintf("batch %d follows batch %d", s.Batch, v.nextBatch-1)})
	case s.FirstSeq != v.nextSeq || s.LastSeq < s.FirstSeq:
		v.fail(Problem{Kind: ChainBroken, Batch: s.Batch, Seq: v.nextSeq,
			Detail: fmt.Sprintf("batch %d covers positions %d to %d; the chain is at %d", s.Batch, s.FirstSeq, s.LastSeq, v.nextSeq)})
	case s.PrevHash != v.chain:
		v.fail(Problem{Kind: ChainBroken, Batch: s.Batch, Detail: fmt.Sprintf("batch %d does not continue the chain hash of the batch before it", s.Batch)})
	case !v.signed(s):
		v.fail(Problem{Kind: SignatureInvalid, Batch: s.Batch, Detail: fmt.Sprintf("the checkpoint of batch %d is not signed by signing key %q", s.Batch, s.KeyID)})
	case s.PrunedAt != nil:
		v.chain, v.nextSeq, v.nextBatch = s.Hash, s.LastSeq+1, s.Batch+1
		v.lastAt, v.lastID, v.r.SealedThrough = s.LastAt, s.LastID, s.LastAt
		v.r.PrunedBatches++
	default:
		v.open, v.inOpen = s, 0
	}
}

func (v *Verifier) signed(s *Seal) bool {
	pub, ok := v.keys(s.KeyID)
	return ok && len(s.Signature) == ed25519.SignatureSize && ed25519.Verify(pub, Checkpoint(s), s.Signature)
}

// Resume sets, in a partial file that enters its first batch in the middle,
// the position and chain hash just before its first event.
func (v *Verifier) Resume(seq int64, chain Hash) {
	if v.partial && v.open != nil && v.inOpen == 0 && seq >= v.open.FirstSeq-1 && seq < v.open.LastSeq {
		v.nextSeq, v.chain = seq+1, chain
	}
}

// Entry checks the next position l of the open batch and its event e as it
// is now (nil when the event row is gone).
func (v *Verifier) Entry(l *Link, e *Event) {
	if v.Failed() {
		return
	}
	switch {
	case v.open == nil:
		v.fail(Problem{Kind: Inserted, Seq: l.Seq, EventID: l.EventID, Detail: fmt.Sprintf("position %d is in no sealed batch", l.Seq)})
		return
	case l.Seq > v.nextSeq:
		v.fail(Problem{Kind: Deleted, Batch: v.open.Batch, Seq: v.nextSeq, Detail: fmt.Sprintf("positions %d to %d are missing", v.nextSeq, l.Seq-1)})
		return
	case l.Seq < v.nextSeq || l.Seq > v.open.LastSeq || l.Batch != v.open.Batch:
		v.fail(Problem{Kind: Reordered, Batch: v.open.Batch, Seq: l.Seq, EventID: l.EventID,
			Detail: fmt.Sprintf("position %d of batch %d appears where position %d of batch %d belongs", l.Seq, l.Batch, v.nextSeq, v.open.Batch)})
		return
	case e == nil:
		v.fail(Problem{Kind: Deleted, Batch: l.Batch, Seq: l.Seq, EventID: l.EventID, Detail: "the event sealed at this position is gone"})
		return
	case e.ID != l.EventID || e.TenantID != v.r.TenantID:
		v.fail(Problem{Kind: Edited, Batch: l.Batch, Seq: l.Seq, EventID: l.EventID, Detail: "the position holds event " + e.ID})
		return
	case v.lastID != "" && !Before(v.lastAt, v.lastID, e.CreatedAt, e.ID):
		v.fail(Problem{Kind: Reordered, Batch: l.Batch, Seq: l.Seq, EventID: l.EventID,
			Detail: "the event does not come after the one sealed before it (created_at, id)"})
		return
	}
	if h := EventHash(e); h != l.EventHash {
		r, ok := v.redacted[e.ID]
		if !ok || r.Original != l.EventHash || r.Redacted != h {
			v.fail(Problem{Kind: Edited, Batch: l.Batch, Seq: l.Seq, EventID: l.EventID, Detail: "the event differs from what was sealed"})
			return
		}
		v.r.Redacted++ // pseudonymised by a user erasure, as its redaction record says
	}
	next := Next(v.chain, l.EventHash)
	if next != l.Chain {
		// The event is intact, but its chain hash does not follow from the
		// position before: it was sealed elsewhere in the chain.
		v.fail(Problem{Kind: Reordered, Batch: l.Batch, Seq: l.Seq, EventID: l.EventID,
			Detail: "the event is intact but was not sealed at this position (or the position's chain hash was rewritten)"})
		return
	}
	v.chain, v.nextSeq, v.lastAt, v.lastID = next, l.Seq+1, e.CreatedAt, e.ID
	v.inOpen++
	v.r.Events++
	if l.Seq == v.open.LastSeq {
		if v.chain != v.open.Hash {
			v.fail(Problem{Kind: ChainBroken, Batch: l.Batch, Detail: fmt.Sprintf("the events of batch %d do not hash to its sealed hash", l.Batch)})
			return
		}
		v.r.Batches++
		v.r.SealedThrough = v.open.LastAt
		v.nextBatch, v.open = v.open.Batch+1, nil
	}
}

// Unchained reports an event that has no chain position. Inside the sealed
// range (not after the last sealed event) it was inserted; after it, it is
// waiting for the sealer.
func (v *Verifier) Unchained(e *Event) {
	if v.Failed() {
		return
	}
	if v.lastID != "" && !Before(v.lastAt, v.lastID, e.CreatedAt, e.ID) {
		v.fail(Problem{Kind: Inserted, EventID: e.ID, Detail: "the event lies inside the sealed range but was never sealed"})
		return
	}
	v.r.Unsealed++
}

// Finish ends the verification and returns its report.
func (v *Verifier) Finish() Report {
	if v.open != nil && !v.Failed() {
		if v.partial {
			v.r.Uncovered = v.inOpen
			v.r.Events -= v.inOpen
		} else {
			v.fail(Problem{Kind: Deleted, Batch: v.open.Batch, Seq: v.nextSeq,
				Detail: fmt.Sprintf("batch %d ends at position %d but its positions from %d on are missing", v.open.Batch, v.open.LastSeq, v.nextSeq)})
		}
	}
	v.r.OK = v.r.Problem == nil
	return v.r
}
