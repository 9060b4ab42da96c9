package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
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

	// The members of a plan_limit_exceeded refusal. A creation past a limit
	// (403) names the meter, its limit, its current usage, the current plan
	// and the cheapest plan that would allow it (upgrade_to, absent when
	// none would); a downgrade (409) names the plan refused in plan and
	// every meter whose usage exceeds its limits in exceeded.
	Meter     string            `json:"meter,omitempty"`
	Limit     *int64            `json:"limit,omitempty"`
	Used      *int64            `json:"used,omitempty"`
	Plan      string            `json:"plan,omitempty"`
	UpgradeTo string            `json:"upgrade_to,omitempty"`
	Exceeded  []ProblemExceeded `json:"exceeded,omitempty"`
}

// ProblemExceeded is one meter over a plan's limit.
type ProblemExceeded struct {
	Meter string `json:"meter"`
	Used  int64  `json:"used"`
	Limit int64  `json:"limit"`
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
	renderProblem(w, r, status(e.Kind), e, limitOf(err))
}

// limitOf returns the plan refusal err carries, or nil.
func limitOf(err error) *plan.LimitError {
	var le *plan.LimitError
	if errors.As(err, &le) {
		return le
	}
	return nil
}

// addLimit writes a plan refusal's members into p.
func addLimit(p *Problem, le *plan.LimitError) {
	if le == nil {
		return
	}
	p.Plan, p.Exceeded = le.Plan, []ProblemExceeded{}
	for _, x := range le.Exceeded {
		p.Exceeded = append(p.Exceeded, ProblemExceeded{Meter: string(x.Meter), Used: x.Used, Limit: x.Limit})
	}
	if le.Err.Kind == errs.Conflict || len(le.Exceeded) == 0 {
		return // a downgrade: the list says it all
	}
	x := le.Exceeded[0]
	p.Meter, p.Limit, p.Used, p.UpgradeTo = string(x.Meter), &x.Limit, &x.Used, le.Allowing
}

// clientGone reports whether r's client went away: net/http cancels a
// request's context when its connection closes.
func clientGone(r *http.Request) bool { return errors.Is(r.Context().Err(), context.Canceled) }

// renderProblem writes e as a problem document with the given status and,
// for a plan refusal (le, else nil), its members.
func renderProblem(w http.ResponseWriter, r *http.Request, code int, e *errs.Error, le *plan.LimitError) {
	p := Problem{
		Type: "urn:tenantry:problem:" + e.Code, Title: http.StatusText(code), Status: code, Detail: e.Msg,
		Instance: r.URL.Path, Code: e.Code, RequestID: requestID(r.Context()),
	}
	for _, f := range e.Fields {
		p.Errors = append(p.Errors, ProblemField(f))
	}
	addLimit(&p, le)
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
