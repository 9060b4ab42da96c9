package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/tenantry/tenantry/internal/errs"
)

// Problem is an RFC 9457 problem details document with Tenantry's stable
// machine code and, for validation errors, every bad field.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one bad field of a request.
type ProblemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// status is the one mapping from error kind to HTTP status.
func status(k errs.Kind) int {
	switch k {
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.Malformed:
		return http.StatusBadRequest
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.Unauthenticated:
		return http.StatusUnauthorized
	case errs.Forbidden, errs.LimitExceeded:
		return http.StatusForbidden
	case errs.RateLimited:
		return http.StatusTooManyRequests
	case errs.TooLarge:
		return http.StatusRequestEntityTooLarge
	case errs.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeProblem renders err. Errors without a kind are logged in full and
// answered with a generic 500.
func writeProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	e, ok := errs.As(err)
	if !ok || e.Kind == errs.Internal {
		log.ErrorContext(r.Context(), "internal error", "err", err, "request_id", requestID(r.Context()),
			"method", r.Method, "path", r.URL.Path)
		e = errs.E(errs.Internal, "internal_error", "Something went wrong on our side; it has been logged.")
	} else if e.Kind == errs.Unavailable {
		log.WarnContext(r.Context(), "dependency unavailable", "err", err, "request_id", requestID(r.Context()))
	}
	renderProblem(w, r, status(e.Kind), e)
}

// renderProblem writes e as a problem document with the given status.
func renderProblem(w http.ResponseWriter, r *http.Request, code int, e *errs.Error) {
	p := Problem{
		Type: "urn:tenantry:problem:" + e.Code, Title: http.StatusText(code), Status: code, Detail: e.Msg,
		Instance: r.URL.Path, Code: e.Code, RequestID: requestID(r.Context()),
	}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, ProblemField(f))
	}
	h := w.Header()
	if e.RetryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(max(1, int(e.RetryAfter.Seconds()+0.999))))
	}
	if e.Kind == errs.Unauthenticated {
		h.Set("WWW-Authenticate", `Bearer realm="tenantry"`)
	}
	h.Set("Content-Type", "application/problem+json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(p)
}
