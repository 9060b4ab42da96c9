package api

import (
	"net/http"
	"strings"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

var exchangeTypes = map[string]string{app.ExportNDJSON: "application/x-ndjson", app.ExportJSON: "application/json"}

func (s *Server) exportTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	format := r.URL.Query().Get("format")
	if format == "" && acceptsJSON(r.Header.Get("Accept")) {
		format = app.ExportJSON
	}
	if format == "" {
		format = app.ExportNDJSON
	}
	ctype, ok := exchangeTypes[format]
	if !ok {
		return errs.Fields(errs.FieldError{Field: "format", Code: "invalid_choice", Message: "Must be ndjson or json."})
	}
	tenantID := r.PathValue("tenant_id")
	sw := &streamWriter{w: w, rc: http.NewResponseController(w), header: func(h http.Header) {
		h.Set("Content-Type", ctype)
		h.Set("Content-Disposition", `attachment; filename="tenant-`+tenantID+`.`+format+`"`)
	}}
	err := s.app.ExportTenant(r.Context(), p, app.TenantExportInput{TenantID: tenantID, Format: format}, sw)
	if err != nil && sw.started {
		// Half a file has gone out: cut the connection, so that the client
		// sees a broken transfer (and the file no trailer), never a short file.
		s.log.WarnContext(r.Context(), "tenant export cut short", "err", err, "request_id", requestID(r.Context()))
		panic(http.ErrAbortHandler)
	}
	return err
}

// acceptsJSON reports whether an Accept header asks for application/json
// rather than NDJSON.
func acceptsJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		switch mt {
		case "application/x-ndjson":
			return false
		case "application/json":
			return true
		}
	}
	return false
}
