package audit

import (
	"bufio"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Export formats (docs/audit.md).
const (
	FormatNDJSON = "ndjson" // one JSON object a line
	FormatCSV    = "csv"    // one row a line, with a record column
)

// ExportVersion names the layout of an export file, in its header.
const ExportVersion = "tenantry-audit-export/v1"

// Line types of an export file.
const (
	lineHeader = "header"
	lineResume = "resume"
	lineSeal   = "seal"
	lineEvent  = "event"
	lineEnd    = "end"
	// lineRedaction goes before a sealed event a user erasure rewrote: the
	// hash sealed and the hash of the rewritten form (see Redaction).
	lineRedaction = "redaction"
)

// ExportKey is a signing key a verifier of the file may need: its id and
// its Ed25519 public key.
type ExportKey struct {
	KID       string `json:"kid"`
	PublicKey []byte `json:"public_key"` // base64 (standard) in the file
}

// headerLine opens a file: whose log it is, the range asked for and the
// keys that sign its seals.
type headerLine struct {
	Type     string      `json:"type"`
	Version  string      `json:"version"`
	TenantID string      `json:"tenant_id"`
	From     *string     `json:"from"` // RFC 3339; null: from the first event
	To       *string     `json:"to"`   // RFC 3339, exclusive; null: to the last
	Keys     []ExportKey `json:"keys"`
}

// resumeLine gives, when the first event of the file is in the middle of
// its batch, the chain hash at the position before it.
type resumeLine struct {
	Type      string `json:"type"`
	Seq       int64  `json:"seq"`
	ChainHash string `json:"chain_hash"`
}

// sealLine is a batch's seal, written before the first of its events.
type sealLine struct {
	Type      string `json:"type"`
	Batch     int64  `json:"batch"`
	FirstSeq  int64  `json:"first_seq"`
	LastSeq   int64  `json:"last_seq"`
	PrevHash  string `json:"prev_hash"`
	Hash      string `json:"hash"`
	LastAt    string `json:"last_at"`
	LastID    string `json:"last_id"`
	KeyID     string `json:"key_id"`
	Signature []byte `json:"signature"`
	SealedAt  string `json:"sealed_at"`
}

// eventLine is one event: with its chain position when sealed, alone when
// not yet; Event is its canonical form (null when a sealed event's row is gone).
type eventLine struct {
	Type      string          `json:"type"`
	Seq       int64           `json:"seq,omitempty"`
	Batch     int64           `json:"batch,omitempty"`
	EventHash string          `json:"event_hash,omitempty"`
	ChainHash string          `json:"chain_hash,omitempty"`
	Event     json.RawMessage `json:"event"`
}

// redactionLine records that the next event was pseudonymised after it
// was sealed (see Redaction).
type redactionLine struct {
	Type         string `json:"type"`
	EventID      string `json:"event_id"`
	OriginalHash string `json:"original_hash"`
	RedactedHash string `json:"redacted_hash"`
}

// endLine closes a complete file, so that a truncated one is told apart
// from a shorter range.
type endLine struct {
	Type     string `json:"type"`
	Events   int64  `json:"events"`   // event lines, sealed or not
	Unsealed int64  `json:"unsealed"` // of which not sealed yet
}

func sealLineOf(s *Seal) sealLine {
	return sealLine{Type: lineSeal, Batch: s.Batch, FirstSeq: s.FirstSeq, LastSeq: s.LastSeq,
		PrevHash: hex.EncodeToString(s.PrevHash[:]), Hash: hex.EncodeToString(s.Hash[:]),
		LastAt: s.LastAt.UTC().Format(TimeLayout), LastID: s.LastID, KeyID: s.KeyID, Signature: s.Signature,
		SealedAt: s.SealedAt.UTC().Format(TimeLayout)}
}

func (l *sealLine) seal(tenantID string) (*Seal, error) {
	s := &Seal{TenantID: tenantID, Batch: l.Batch, FirstSeq: l.FirstSeq, LastSeq: l.LastSeq, LastID: l.LastID,
		KeyID: l.KeyID, Signature: l.Signature}
	var err error
	if s.PrevHash, err = parseHash(l.PrevHash); err != nil {
		return nil, fmt.Errorf("prev_hash: %w", err)
	}
	if s.Hash, err = parseHash(l.Hash); err != nil {
		return nil, fmt.Errorf("hash: %w", err)
	}
	if s.LastAt, err = time.Parse(TimeLayout, l.LastAt); err != nil {
		return nil, fmt.Errorf("last_at: %w", err)
	}
	if s.SealedAt, err = time.Parse(TimeLayout, l.SealedAt); err != nil {
		return nil, fmt.Errorf("sealed_at: %w", err)
	}
	return s, nil
}

func parseHash(s string) (Hash, error) {
	var h Hash
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != HashSize {
		return h, fmt.Errorf("not a hex SHA-256: %q", s)
	}
	copy(h[:], b)
	return h, nil
}

// eventOf rebuilds an event from its canonical form.
func eventOf(c *canonical) (*Event, error) {
	at, err := time.Parse(TimeLayout, c.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("created_at: %w", err)
	}
	return &Event{TenantID: c.TenantID, ID: c.ID, ActorID: c.ActorID, ActorEmail: c.ActorEmail, Action: c.Action,
		ResourceType: c.ResourceType, ResourceID: c.ResourceID, Outcome: c.Outcome, IP: c.IP, UserAgent: c.UserAgent,
		RequestID: c.RequestID, Details: c.Details, CreatedAt: at, ImpersonatorID: c.ImpersonatorID}, nil
}

// Exporter writes one tenant's export file (docs/audit.md) through a
// buffer, flushing it, and w when w has a Flush method, every flushEvery
// lines: memory stays constant however many events pass.
type Exporter struct {
	w        io.Writer
	bw       *bufio.Writer
	csv      *csv.Writer // nil for NDJSON
	lines    int
	events   int64
	unsealed int64
	buf      []byte // an event line, reused
	err      error
}

// flushEvery is how many lines an Exporter writes between flushes.
const flushEvery = 1000

// Flusher is a writer that can push what it holds to its reader (an HTTP
// response).
type Flusher interface{ Flush() error }

// NewExporter returns an exporter writing format (FormatNDJSON or FormatCSV) to w.
func NewExporter(w io.Writer, format string) (*Exporter, error) {
	x := &Exporter{w: w, bw: bufio.NewWriterSize(w, 64<<10)}
	switch format {
	case FormatNDJSON:
	case FormatCSV:
		x.csv = csv.NewWriter(x.bw)
		x.row(csvColumns)
	default:
		return nil, fmt.Errorf("audit: no export format %q", format)
	}
	return x, nil
}

// Header writes the file's first line.
func (x *Exporter) Header(tenantID string, from, to time.Time, keys []ExportKey) error {
	h := headerLine{Type: lineHeader, Version: ExportVersion, TenantID: tenantID, Keys: keys}
	if h.Keys == nil {
		h.Keys = []ExportKey{}
	}
	if !from.IsZero() {
		s := from.UTC().Format(time.RFC3339Nano)
		h.From = &s
	}
	if !to.IsZero() {
		s := to.UTC().Format(time.RFC3339Nano)
		h.To = &s
	}
	return x.object(lineHeader, h)
}

// Resume writes the chain hash at position seq, the one before the file's
// first event, when that event is not its batch's first.
func (x *Exporter) Resume(seq int64, chain Hash) error {
	return x.object(lineResume, resumeLine{Type: lineResume, Seq: seq, ChainHash: hex.EncodeToString(chain[:])})
}

// Seal writes a batch's seal; it goes before the first of its events.
func (x *Exporter) Seal(s *Seal) error { return x.object(lineSeal, sealLineOf(s)) }

// Event writes an event at its chain position l, or without one (l nil)
// when it is not sealed yet. A sealed position whose event is gone (e nil)
// is written with a null event, which verifies as deleted.
func (x *Exporter) Event(l *Link, e *Event) error {
	x.events++
	if l == nil {
		x.unsealed++
	}
	if x.csv != nil {
		return x.eventRow(l, e)
	}
	// Written by hand: the hot path of a large export, the same bytes
	// json.Marshal would write for an eventLine.
	b := x.buf[:0]
	b = append(b, `{"type":"event"`...)
	if l != nil {
		b = append(b, `,"seq":`...)
		b = strconv.AppendInt(b, l.Seq, 10)
		b = append(b, `,"batch":`...)
		b = strconv.AppendInt(b, l.Batch, 10)
		b = append(b, `,"event_hash":"`...)
		b = hex.AppendEncode(b, l.EventHash[:])
		b = append(b, `","chain_hash":"`...)
		b = hex.AppendEncode(b, l.Chain[:])
		b = append(b, '"')
	}
	b = append(b, `,"event":`...)
	if e == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, Canonical(e)...)
	}
	b = append(b, "}\n"...)
	x.buf = b
	if x.err == nil {
		_, x.err = x.bw.Write(b)
	}
	return x.written()
}

// Redaction writes a redaction record; it goes before the event it covers.
func (x *Exporter) Redaction(r *Redaction) error {
	return x.object(lineRedaction, redactionLine{Type: lineRedaction, EventID: r.EventID,
		OriginalHash: hex.EncodeToString(r.Original[:]), RedactedHash: hex.EncodeToString(r.Redacted[:])})
}

// Close writes the end line and flushes everything.
func (x *Exporter) Close() error {
	if err := x.object(lineEnd, endLine{Type: lineEnd, Events: x.events, Unsealed: x.unsealed}); err != nil {
		return err
	}
	return x.flush()
}

// object writes one line: a JSON object, or in CSV a row of its record type
// with the object in the data column.
func (x *Exporter) object(kind string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("audit: encode a %s line: %w", kind, err)
	}
	if x.csv != nil {
		row := make([]string, len(csvColumns))
		row[0], row[len(row)-1] = kind, string(b)
		return x.row(row)
	}
	if x.err == nil {
		_, x.err = x.bw.Write(append(b, '\n'))
	}
	return x.written()
}

func (x *Exporter) row(r []string) error {
	if x.err == nil {
		x.err = x.csv.Write(r)
	}
	return x.written()
}

// written counts a line and flushes every flushEvery lines.
func (x *Exporter) written() error {
	if x.err != nil {
		return x.err
	}
	if x.lines++; x.lines%flushEvery == 0 {
		return x.flush()
	}
	return nil
}

func (x *Exporter) flush() error {
	if x.err != nil {
		return x.err
	}
	if x.csv != nil {
		x.csv.Flush()
		x.err = x.csv.Error()
	}
	if x.err == nil {
		x.err = x.bw.Flush()
	}
	if f, ok := x.w.(Flusher); ok && x.err == nil {
		x.err = f.Flush()
	}
	return x.err
}

// csvColumns are the CSV layout: the record type, the chain position, the
// canonical fields of an event, and data, the JSON object of a header,
// resume, seal or end record (see docs/audit.md).
var csvColumns = []string{"record", "seq", "batch", "event_hash", "chain_hash", "tenant_id", "id", "actor_id",
	"actor_email", "action", "resource_type", "resource_id", "outcome", "ip", "user_agent", "request_id", "details",
	"created_at", "impersonator_id", "data"}

func (x *Exporter) eventRow(l *Link, e *Event) error {
	row := make([]string, len(csvColumns))
	row[0] = lineEvent
	if l != nil {
		row[1], row[2] = strconv.FormatInt(l.Seq, 10), strconv.FormatInt(l.Batch, 10)
		row[3], row[4] = hex.EncodeToString(l.EventHash[:]), hex.EncodeToString(l.Chain[:])
	}
	if e == nil {
		row[19] = "null"
		return x.row(row)
	}
	b := Canonical(e)
	var c canonical
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("audit: canonical form: %w", err)
	}
	details, err := json.Marshal(c.Details)
	if err != nil {
		return fmt.Errorf("audit: details: %w", err)
	}
	copy(row[5:19], []string{c.TenantID, c.ID, c.ActorID, c.ActorEmail, c.Action, c.ResourceType, c.ResourceID,
		string(c.Outcome), c.IP, c.UserAgent, c.RequestID, string(details), c.CreatedAt, c.ImpersonatorID})
	for _, v := range row[5:19] {
		if strings.Contains(v, "\r") {
			// A CSV reader turns a quoted CR LF into LF: the exact form
			// rides along in data, which the columns must then match.
			row[19] = string(b)
			break
		}
	}
	return x.row(row)
}
