package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
)

// MaxLine bounds one line of an export.
const MaxLine = 16 << 20

// Reader reads an export in NDJSON form, record by record, and checks at
// its end that the trailer is there and its counts match what was read.
type Reader struct {
	r       *bufio.Reader
	n       int64 // bytes read, lines whole
	line    int64
	header  Header
	counts  map[string]int64
	records int64
	done    bool
}

// NewReader reads the header of an export from r.
func NewReader(r io.Reader) (*Reader, error) {
	x := &Reader{r: bufio.NewReaderSize(r, 64<<10), counts: map[string]int64{}}
	b, err := x.next()
	if err == io.EOF {
		return nil, errs.E(errs.Invalid, "export_empty", "The file is empty.")
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &x.header); err != nil || x.header.Format != Format {
		return nil, errs.E(errs.Invalid, "export_format", "This is not a Tenantry export (no tenantry-export header).")
	}
	if x.header.Version != Version {
		return nil, errs.E(errs.Invalid, "export_version",
			fmt.Sprintf("Export format version %d is not supported (this build reads version %d).", x.header.Version, Version))
	}
	if x.header.TenantID == "" || x.header.ExportID == "" {
		return nil, errs.E(errs.Invalid, "export_format", "The header names no tenant or export.")
	}
	return x, nil
}

// Header is the export's header.
func (x *Reader) Header() Header { return x.header }

// Bytes is the number of bytes read so far.
func (x *Reader) Bytes() int64 { return x.n }

// Records is the number of records read so far.
func (x *Reader) Records() int64 { return x.records }

// Next returns the next record: its type and its data (one of this
// package's record structs). After the last record it returns io.EOF once
// the trailer was read and checked; a file that ends without one, or whose
// counts differ, is an Invalid error (export_truncated).
func (x *Reader) Next() (string, any, error) {
	if x.done {
		return "", nil, io.EOF
	}
	b, err := x.next()
	if err == io.EOF {
		return "", nil, errs.E(errs.Invalid, "export_truncated",
			fmt.Sprintf("The file ends after %d records without its trailer: it is incomplete.", x.records))
	}
	if err != nil {
		return "", nil, err
	}
	var l struct {
		Type string          `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return "", nil, x.bad("not a JSON record")
	}
	if l.Type == "trailer" {
		return "", nil, x.trailer(b)
	}
	rec := New(l.Type)
	if rec == nil {
		return "", nil, x.bad(fmt.Sprintf("unknown record type %q", l.Type))
	}
	d := json.NewDecoder(bytes.NewReader(l.Data))
	d.DisallowUnknownFields()
	if err := d.Decode(rec); err != nil {
		return "", nil, x.bad(fmt.Sprintf("bad %s record: %v", l.Type, err))
	}
	x.records++
	x.counts[l.Type]++
	return l.Type, rec, nil
}

func (x *Reader) trailer(b []byte) error {
	var t Trailer
	if err := json.Unmarshal(b, &t); err != nil {
		return x.bad("bad trailer")
	}
	if t.Records != x.records || !maps.Equal(t.Counts, x.counts) {
		return errs.E(errs.Invalid, "export_truncated", fmt.Sprintf(
			"The trailer counts %d records (%s) but the file holds %d (%s): it is damaged.",
			t.Records, countsText(t.Counts), x.records, countsText(x.counts)))
	}
	if _, err := x.next(); err != io.EOF {
		return x.bad("data after the trailer")
	}
	x.done = true
	return io.EOF
}

func countsText(m map[string]int64) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func (x *Reader) bad(why string) error {
	return errs.E(errs.Invalid, "export_malformed", fmt.Sprintf("Line %d: %s.", x.line, why))
}

// next returns the next non-empty line without its newline.
func (x *Reader) next() ([]byte, error) {
	for {
		b, err := x.r.ReadSlice('\n')
		for err == bufio.ErrBufferFull {
			if len(b) > MaxLine {
				return nil, x.bad("line too long")
			}
			var more []byte
			more, err = x.r.ReadSlice('\n')
			b = append(append([]byte(nil), b...), more...)
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("exchange: read: %w", err)
		}
		if err == io.EOF && !bytes.HasSuffix(b, []byte("\n")) {
			// a last line without newline is cut short: only whole lines count
			if len(bytes.TrimSpace(b)) > 0 {
				x.line++
				return nil, errs.E(errs.Invalid, "export_truncated",
					fmt.Sprintf("The file ends inside line %d: it is incomplete.", x.line))
			}
			return nil, io.EOF
		}
		x.n += int64(len(b))
		x.line++
		if t := bytes.TrimSpace(b); len(t) > 0 {
			return t, nil
		}
	}
}
