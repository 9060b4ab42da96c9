package api

import (
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// exportIdle is how long an export may wait on a slow client between two
// flushes before the connection is dropped (the server's write timeout
// would otherwise end every export at 60 s).
const exportIdle = 60 * time.Second

var exportTypes = map[string]string{audit.FormatNDJSON: "application/x-ndjson", audit.FormatCSV: "text/csv; charset=utf-8"}

func (s *Server) exportAudit(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = audit.FormatNDJSON
	}
	ctype, ok := exportTypes[format]
	if !ok {
		return errs.Fields(errs.FieldError{Field: "format", Code: "invalid_choice", Message: "Must be ndjson or csv."})
	}
	sw := &streamWriter{w: w, rc: http.NewResponseController(w), header: func(h http.Header) {
		h.Set("Content-Type", ctype)
		h.Set("Content-Disposition", `attachment; filename="audit-export.`+format+`"`)
	}}
	x, err := audit.NewExporter(sw, format)
	if err != nil {
		return err
	}
	err = s.app.ExportAudit(r.Context(), p, app.AuditExportInput{TenantID: q.Get("tenant_id"), From: q.Get("from"), To: q.Get("to")}, x)
	if err != nil && sw.started {
		// Half a file has gone out: cut the connection, so that the client
		// sees a broken transfer (and the file no end line), never a short file.
		s.log.WarnContext(r.Context(), "audit export cut short", "err", err, "request_id", requestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
	return err
}

// streamWriter writes a streamed response: the headers at the first byte
// (until then a problem can still be answered), and at every flush the
// bytes so far, pushing the write deadline on.
type streamWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	header  func(http.Header)
	started bool
}

func (s *streamWriter) Write(b []byte) (int, error) {
	if !s.started {
		s.started = true
		s.header(s.w.Header())
		_ = s.rc.SetWriteDeadline(time.Now().Add(exportIdle))
		s.w.WriteHeader(http.StatusOK)
	}
	return s.w.Write(b)
}

// Flush sends what has been written and gives the client exportIdle more.
func (s *streamWriter) Flush() error {
	if !s.started {
		return nil
	}
	if err := s.rc.Flush(); err != nil {
		return err
	}
	_ = s.rc.SetWriteDeadline(time.Now().Add(exportIdle)) // not every writer has deadlines (tests' recorders)
	return nil
}
