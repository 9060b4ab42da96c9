package api

import (
	"context"
	"encoding/json"
	"errors"
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

// statusClientClosed is nginx's 499 "client closed request": the status
// recorded (in the log line and tenantry_http_requests_total, never sent)
// for a request whose client went away before it was answered.
const statusClientClosed = 499

// writeProblem renders err. Errors without a kind are logged in full and
// answered with a generic 500. When the client has gone away (the request's
// context is cancelled) whatever failed is a consequence of that, not a
// server error: nothing is written and the request is recorded as 499. A
// deadline of the server's own (a database budget) is not a cancellation: it
// arrives as an Unavailable error, a 503.
func writeProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	if clientGone(r) {
		infoOf(r.Context()).clientGone = true
		log.DebugContext(r.Context(), "client closed request", "err", err, "request_id", requestID(r.Context()))
		return
	}
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

// clientGone reports whether r's client went away: net/http cancels a
// request's context when its connection closes.
func clientGone(r *http.Request) bool { return errors.Is(r.Context().Err(), context.Canceled) }

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
