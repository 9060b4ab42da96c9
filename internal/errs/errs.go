// Package errs defines the error kinds and stable machine codes shared by every
// layer of Tenantry. It knows nothing of HTTP: the api package is the only
// place that maps a Kind to a status code.
package errs

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds of error. The zero value is Internal so that an unclassified error
// is never mistaken for a client mistake.
const (
	Internal        Kind = iota // a bug or an unexpected failure; details only in the log
	Invalid                     // the request is well-formed but its content is not acceptable
	Malformed                   // the request cannot be parsed
	NotFound                    // the resource does not exist or is not visible to the caller
	Conflict                    // the resource already exists or the state forbids the change
	Unauthenticated             // no valid credentials were presented
	Forbidden                   // the caller is known but may not do this
	LimitExceeded               // a plan limit would be exceeded
	RateLimited                 // too many requests; retry later
	TooLarge                    // the request body is too large
	Unavailable                 // a dependency is down; retry later
)

// FieldError names one bad field of a request and what is wrong with it.
type FieldError struct {
	Field   string
	Code    string
	Message string
}

// Error is the error type every layer returns for failures a client may see.
type Error struct {
	Kind       Kind
	Code       string        // stable machine code, e.g. "slug_taken"
	Op         string        // the operation that failed, for logs
	Msg        string        // a human sentence safe to show to the client
	Fields     []FieldError  // per-field problems for Invalid errors
	RetryAfter time.Duration // for RateLimited and Unavailable
	Err        error         // the underlying cause, never shown to clients
}

// Error renders the error for logs.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Code != "" {
		b.WriteString(e.Code)
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// E builds an error of the given kind with a stable code and a client-safe message.
func E(kind Kind, code, msg string) *Error {
	return &Error{Kind: kind, Code: code, Msg: msg}
}

// Fields builds an Invalid error listing every bad field.
func Fields(fields ...FieldError) *Error {
	return &Error{Kind: Invalid, Code: "validation_failed", Msg: "The request has invalid fields.", Fields: fields}
}

// Wrapf wraps err with an operation name, keeping its kind and code.
func Wrapf(err error, op string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(op+": %w", append(args, err)...)
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// KindOf reports the kind of err; errors without a Kind are Internal.
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return Internal
}

// CodeOf reports the machine code of err, or "" when it has none.
func CodeOf(err error) string {
	if e, ok := As(err); ok {
		return e.Code
	}
	return ""
}

// Is reports whether err has the given kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }
