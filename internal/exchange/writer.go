package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Writer writes an export: the header, the records, then the trailer.
// In NDJSON (the default) each is one line; in document mode they are one
// JSON document {"header": …, "records": […], "trailer": …}, written as a
// stream all the same.
type Writer struct {
	w        *bufio.Writer
	count    *countWriter
	document bool
	records  int64
	counts   map[string]int64
	buf      bytes.Buffer
	enc      *json.Encoder
	progress func(records, bytes int64)
}

// NewWriter returns a Writer on w; document selects the one-document JSON form.
func NewWriter(w io.Writer, document bool) *Writer {
	cw := &countWriter{w: w}
	x := &Writer{w: bufio.NewWriterSize(cw, 64<<10), count: cw, document: document, counts: map[string]int64{}}
	x.enc = json.NewEncoder(&x.buf)
	return x
}

// Progress has fn called after every record with the records and bytes so far.
func (x *Writer) Progress(fn func(records, bytes int64)) { x.progress = fn }

// line is a record as written: its type and its data.
type line struct {
	Type string `json:"type"`
	Data any    `json:"data"`
}

// Header writes the header; it comes first.
func (x *Writer) Header(h Header) error {
	if x.document {
		if _, err := x.w.WriteString(`{"header":`); err != nil {
			return err
		}
	}
	if err := x.encode(h); err != nil {
		return err
	}
	if x.document {
		_, err := x.w.WriteString(`,"records":[`)
		return err
	}
	return nil
}

// Record writes one record of type typ.
func (x *Writer) Record(typ string, data any) error {
	if x.document && x.records > 0 {
		if err := x.w.WriteByte(','); err != nil {
			return err
		}
	}
	if err := x.encode(line{Type: typ, Data: data}); err != nil {
		return err
	}
	x.records++
	x.counts[typ]++
	if x.records%flushEvery == 0 {
		if err := x.push(); err != nil {
			return err
		}
	}
	if x.progress != nil {
		x.progress(x.records, x.Bytes())
	}
	return nil
}

// Close writes the trailer and flushes; the export is complete.
func (x *Writer) Close() error {
	t := Trailer{Type: "trailer", Records: x.records, Counts: x.counts}
	if x.document {
		if _, err := x.w.WriteString(`],"trailer":`); err != nil {
			return err
		}
	}
	if err := x.encode(t); err != nil {
		return err
	}
	if x.document {
		if _, err := x.w.WriteString("}\n"); err != nil {
			return err
		}
	}
	return x.w.Flush()
}

// flushEvery is how many records go between two pushes to the client.
const flushEvery = 2000

// flusher is a destination that sends what it was written (a streamed response).
type flusher interface{ Flush() error }

// push writes what is buffered and, when the destination can, sends it on.
func (x *Writer) push() error {
	if err := x.w.Flush(); err != nil {
		return err
	}
	if f, ok := x.count.w.(flusher); ok {
		return f.Flush()
	}
	return nil
}

// Records is the number of records written so far.
func (x *Writer) Records() int64 { return x.records }

// Bytes is the number of bytes written so far, buffered ones included.
func (x *Writer) Bytes() int64 { return x.count.n + int64(x.w.Buffered()) }

// encode writes v as one line (NDJSON) or one value (document).
func (x *Writer) encode(v any) error {
	x.buf.Reset()
	if err := x.enc.Encode(v); err != nil {
		return fmt.Errorf("exchange: encode: %w", err)
	}
	b := x.buf.Bytes()
	if x.document {
		b = b[:len(b)-1] // the encoder's newline
	}
	_, err := x.w.Write(b)
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Canon returns raw JSON in one canonical form (compact, object keys
// sorted, numbers as written), so a value reads the same whichever engine
// stored it (PostgreSQL's jsonb reorders keys and adds spaces). Empty
// input stays empty.
func Canon(raw []byte) (json.RawMessage, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("exchange: canonical json: %w", err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("exchange: canonical json: %w", err)
	}
	return b, nil
}
