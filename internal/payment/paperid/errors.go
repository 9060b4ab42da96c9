package paperid

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/job"
)

// ErrNotFound is matched (errors.Is) by the error of a call for a partner
// Paper.id does not have.
var ErrNotFound = errors.New("paperid: partner not found")

// Error is a failed call: an answer other than 2xx (Status, and Paper.id's
// Code and Message when it gave them), or no usable answer at all (Status
// 0 for a transport failure, Cause says what happened).
type Error struct {
	Op      string // the call: "create partner", "get partner", "find partner"
	Status  int    // the HTTP status, 0 when none arrived
	Code    string // Paper.id's error_code
	Message string // Paper.id's message, shortened
	Cause   error  // the transport or decoding failure, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "paperid: %s: ", e.Op)
	switch {
	case e.Status != 0 && e.Cause == nil:
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.Code != "" {
			fmt.Fprintf(&b, " %s", e.Code)
		}
		if e.Message != "" {
			fmt.Fprintf(&b, ": %s", e.Message)
		}
	case e.Status != 0:
		fmt.Fprintf(&b, "HTTP %d: %v", e.Status, e.Cause)
	default:
		fmt.Fprintf(&b, "%v", e.Cause)
	}
	return b.String()
}

// Unwrap returns the transport or decoding failure.
func (e *Error) Unwrap() error { return e.Cause }

// Is makes a 404 match ErrNotFound.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// Retryable reports whether the same call may succeed later: a transport
// failure or timeout, an unreadable answer, a 5xx or a 429.
func (e *Error) Retryable() bool {
	return e.Cause != nil || e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// fail builds the error of a call, scrubbed of the client secret, and wraps
// it with job.Permanent unless it is retryable.
func (c *Client) fail(op string, status int, env *envelope, cause error) error {
	e := &Error{Op: op, Status: status, Cause: cause}
	if env != nil {
		e.Code, e.Message = c.scrub(shorten(env.ErrorCode, 100)), c.scrub(shorten(env.Message, 300))
	}
	if cause != nil {
		if s := cause.Error(); strings.Contains(s, c.secret) {
			e.Cause = errors.New(c.scrub(s))
		}
	}
	if e.Retryable() {
		return e
	}
	return job.Permanent(e)
}

// scrub removes the client secret from s, should an answer echo it.
func (c *Client) scrub(s string) string {
	if c.secret == "" {
		return s
	}
	return strings.ReplaceAll(s, c.secret, "[redacted]")
}

// shorten cuts s to at most n bytes on a character boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
