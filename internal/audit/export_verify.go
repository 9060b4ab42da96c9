package audit

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Truncated is the problem of a file that ends without its end line.
const Truncated = "truncated"

// maxLine bounds one line of an export file.
const maxLine = 16 << 20

// VerifyFile verifies an export file (NDJSON or CSV, told apart by its
// first byte) offline: every seal's signature against the keys of its
// header, every event against its sealed hash, the chain from the resume
// point (or the first batch's previous hash) to the last complete batch.
// Events after the last complete batch are counted as Uncovered, events
// not sealed yet as Unsealed. A file that cannot be read as an export is an
// error; a file that reads but does not verify is a report with a Problem.
// The keys come from the file itself: compare them with the server's
// published keys (GET /.well-known/jwks.json) to know who signed it.
func VerifyFile(r io.Reader) (Report, error) { return VerifyFileKeys(r, nil) }

// VerifyFileKeys is VerifyFile with the keys a verifier trusts (by kid),
// in place of those the file's header carries; nil trusts the header.
func VerifyFileKeys(r io.Reader, trusted map[string]ed25519.PublicKey) (Report, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := br.Peek(1)
	if err != nil {
		return Report{}, fmt.Errorf("audit: read the export: %w", err)
	}
	var next func() (*fileLine, error)
	if first[0] == '{' {
		next = ndjsonLines(br)
	} else {
		next = csvLines(br)
	}
	f := &fileVerifier{trusted: trusted}
	for n := 1; ; n++ {
		l, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = f.line(l)
		}
		if err != nil {
			return Report{}, fmt.Errorf("audit: export line %d: %w", n, err)
		}
		if f.v != nil && f.v.Failed() {
			break
		}
	}
	if f.v == nil {
		return Report{}, errors.New("audit: the export has no header line")
	}
	rep := f.v.Finish()
	if rep.Problem == nil && !f.ended {
		rep.Problem = &Problem{Kind: Truncated, Detail: "the file ends without its end line: it was cut short"}
		rep.OK = false
	}
	return rep, nil
}

// fileLine is one line of a file: its type and JSON object, or for a CSV
// event row the event rebuilt from its columns.
type fileLine struct {
	kind  string
	data  []byte // the JSON object (the whole NDJSON line)
	event *eventLine
	byCol *Event // CSV: the event of the columns, which must agree with data when set
}

func ndjsonLines(br *bufio.Reader) func() (*fileLine, error) {
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return func() (*fileLine, error) {
		for sc.Scan() {
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			if k, ok := lineType(b); ok {
				return &fileLine{kind: k, data: b}, nil
			}
			var t struct {
				Type string `json:"type"`
			}
			if err := json.Unmarshal(b, &t); err != nil {
				return nil, fmt.Errorf("not JSON: %w", err)
			}
			return &fileLine{kind: t.Type, data: b}, nil
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
}

// lineType reads the type of a line as the exporter writes it, first,
// without parsing the whole line (the line is parsed later all the same).
func lineType(b []byte) (string, bool) {
	const prefix = `{"type":"`
	if !bytes.HasPrefix(b, []byte(prefix)) {
		return "", false
	}
	end := bytes.IndexByte(b[len(prefix):], '"')
	if end < 0 {
		return "", false
	}
	return string(b[len(prefix) : len(prefix)+end]), true
}

func csvLines(br *bufio.Reader) func() (*fileLine, error) {
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = len(csvColumns)
	cr.ReuseRecord = true
	started := false
	return func() (*fileLine, error) {
		row, err := cr.Read()
		if err != nil {
			return nil, err
		}
		if !started {
			started = true
			if strings.Join(row, ",") != strings.Join(csvColumns, ",") {
				return nil, errors.New("not an export's CSV columns")
			}
			if row, err = cr.Read(); err != nil {
				return nil, err
			}
		}
		l := &fileLine{kind: row[0], data: []byte(row[19])}
		if l.kind != lineEvent {
			return l, nil
		}
		return csvEvent(l, row)
	}
}

// csvEvent rebuilds an event row: its position and, from its columns, its
// canonical form.
func csvEvent(l *fileLine, row []string) (*fileLine, error) {
	l.event = &eventLine{Type: lineEvent, EventHash: row[3], ChainHash: row[4]}
	var err error
	if row[1] != "" {
		if l.event.Seq, err = strconv.ParseInt(row[1], 10, 64); err != nil {
			return nil, fmt.Errorf("seq: %w", err)
		}
		if l.event.Batch, err = strconv.ParseInt(row[2], 10, 64); err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
	}
	if row[19] == "null" {
		l.event.Event = json.RawMessage("null")
		return l, nil
	}
	c := canonical{TenantID: row[5], ID: row[6], ActorID: row[7], ActorEmail: row[8], Action: row[9], ResourceType: row[10],
		ResourceID: row[11], Outcome: Outcome(row[12]), IP: row[13], UserAgent: row[14], RequestID: row[15],
		CreatedAt: row[17], ImpersonatorID: row[18]}
	if err := json.Unmarshal([]byte(row[16]), &c.Details); err != nil {
		return nil, fmt.Errorf("details: %w", err)
	}
	if l.byCol, err = eventOf(&c); err != nil {
		return nil, err
	}
	if row[19] == "" {
		l.event.Event = Canonical(l.byCol)
	} else {
		l.event.Event = json.RawMessage(row[19])
	}
	return l, nil
}

// fileVerifier feeds a file's lines to a partial Verifier.
type fileVerifier struct {
	trusted map[string]ed25519.PublicKey // nil: the header's keys
	v       *Verifier
	resume  *resumeLine // read before its seal: applied after it
	ended   bool
	entries int64
}

func (f *fileVerifier) line(l *fileLine) error {
	if f.v == nil && l.kind != lineHeader {
		return fmt.Errorf("a %q line before the header", l.kind)
	}
	if f.ended {
		return errors.New("a line after the end line")
	}
	switch l.kind {
	case lineHeader:
		if f.v != nil {
			return errors.New("a second header")
		}
		var h headerLine
		if err := json.Unmarshal(l.data, &h); err != nil {
			return fmt.Errorf("header: %w", err)
		}
		if h.Version != ExportVersion {
			return fmt.Errorf("header: version %q, want %q", h.Version, ExportVersion)
		}
		keys := f.trusted
		if keys == nil {
			keys = map[string]ed25519.PublicKey{}
			for _, k := range h.Keys {
				if len(k.PublicKey) == ed25519.PublicKeySize {
					keys[k.KID] = ed25519.PublicKey(k.PublicKey)
				}
			}
		}
		f.v = NewVerifier(h.TenantID, func(kid string) (ed25519.PublicKey, bool) { k, ok := keys[kid]; return k, ok }, true)
	case lineSeal:
		var sl sealLine
		if err := json.Unmarshal(l.data, &sl); err != nil {
			return fmt.Errorf("seal: %w", err)
		}
		s, err := sl.seal(f.v.r.TenantID)
		if err != nil {
			return fmt.Errorf("seal: %w", err)
		}
		f.v.Seal(s)
		if r := f.resume; r != nil {
			f.resume = nil
			return f.resumeAt(r)
		}
	case lineResume:
		var r resumeLine
		if err := json.Unmarshal(l.data, &r); err != nil {
			return fmt.Errorf("resume: %w", err)
		}
		if f.v.open == nil {
			f.resume = &r // its batch's seal follows
			return nil
		}
		return f.resumeAt(&r)
	case lineRedaction:
		var rl redactionLine
		if err := json.Unmarshal(l.data, &rl); err != nil {
			return fmt.Errorf("redaction: %w", err)
		}
		r := Redaction{EventID: rl.EventID}
		var err error
		if r.Original, err = parseHash(rl.OriginalHash); err != nil {
			return fmt.Errorf("redaction original_hash: %w", err)
		}
		if r.Redacted, err = parseHash(rl.RedactedHash); err != nil {
			return fmt.Errorf("redaction redacted_hash: %w", err)
		}
		f.v.Redact(r)
	case lineEvent:
		return f.eventLine(l)
	case lineEnd:
		var e endLine
		if err := json.Unmarshal(l.data, &e); err != nil {
			return fmt.Errorf("end: %w", err)
		}
		if e.Events != f.entries {
			f.v.fail(Problem{Kind: Deleted, Detail: fmt.Sprintf("the end line counts %d events, the file holds %d", e.Events, f.entries)})
		}
		f.ended = true
	default:
		return fmt.Errorf("unknown line type %q", l.kind)
	}
	return nil
}

func (f *fileVerifier) resumeAt(r *resumeLine) error {
	h, err := parseHash(r.ChainHash)
	if err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	f.v.Resume(r.Seq, h)
	return nil
}

func (f *fileVerifier) eventLine(l *fileLine) error {
	line := l.event
	if line == nil {
		line = &eventLine{}
		if err := json.Unmarshal(l.data, line); err != nil {
			return fmt.Errorf("event: %w", err)
		}
	}
	f.entries++
	var e *Event
	if len(line.Event) > 0 && string(line.Event) != "null" {
		var c canonical
		if err := json.Unmarshal(line.Event, &c); err != nil {
			return fmt.Errorf("event: %w", err)
		}
		var err error
		if e, err = eventOf(&c); err != nil {
			return fmt.Errorf("event: %w", err)
		}
		if l.byCol != nil && !sameCSV(l.byCol, e) {
			f.v.fail(Problem{Kind: Edited, Seq: line.Seq, Batch: line.Batch, EventID: e.ID,
				Detail: "the event's columns differ from its exact form in data"})
			return nil
		}
	}
	if line.Seq == 0 {
		if e == nil {
			return errors.New("an unsealed event line without an event")
		}
		f.v.Unchained(e)
		return nil
	}
	lk := &Link{Seq: line.Seq, Batch: line.Batch}
	if e != nil {
		lk.EventID = e.ID
	}
	var err error
	if lk.EventHash, err = parseHash(line.EventHash); err != nil {
		return fmt.Errorf("event_hash: %w", err)
	}
	if lk.Chain, err = parseHash(line.ChainHash); err != nil {
		return fmt.Errorf("chain_hash: %w", err)
	}
	f.v.Entry(lk, e)
	return nil
}

// sameCSV reports whether col, an event read from CSV columns, is exact,
// the event of data, as a CSV reader hands it back: a quoted CR LF as LF.
func sameCSV(col, exact *Event) bool {
	return bytes.Equal(Canonical(col), Canonical(crlfToLF(exact)))
}

func crlfToLF(e *Event) *Event {
	n := *e
	f := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
	n.TenantID, n.ID, n.ActorID, n.ActorEmail, n.Action = f(e.TenantID), f(e.ID), f(e.ActorID), f(e.ActorEmail), f(e.Action)
	n.ResourceType, n.ResourceID, n.Outcome, n.IP = f(e.ResourceType), f(e.ResourceID), Outcome(f(string(e.Outcome))), f(e.IP)
	n.UserAgent, n.RequestID, n.ImpersonatorID = f(e.UserAgent), f(e.RequestID), f(e.ImpersonatorID)
	return &n // details travel as JSON text, which has no raw line breaks
}
