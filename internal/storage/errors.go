package storage

import (
	"errors"
	"strings"
)

// Error is a failure of the store, its text being the provider's own with
// the configuration's secrets removed, so that it can be shown to the
// tenant. ErrExists and ErrNotFound are found in it with errors.Is.
type Error struct {
	Op   string // what was done: "put audit/…", "probe: write"
	Text string // the provider's error text, secrets removed
	err  error
}

// Error is the operation and the provider's text.
func (e *Error) Error() string { return "storage: " + e.Op + ": " + e.Text }

// Unwrap returns the sentinel the failure matches (ErrExists,
// ErrNotFound), if any; never the provider's own error, whose text may
// carry a secret.
func (e *Error) Unwrap() error {
	for _, s := range []error{ErrExists, ErrNotFound} {
		if errors.Is(e.err, s) {
			return s
		}
	}
	return nil
}

// meaning is a provider's error with the sentinel it means (or nil), and
// its text condensed when not "".
type meaning struct {
	err      error
	sentinel error
	text     string
}

func (m meaning) Error() string {
	if m.text != "" {
		return m.text
	}
	return m.err.Error()
}

func (m meaning) Unwrap() []error {
	if m.sentinel == nil {
		return []error{m.err}
	}
	return []error{m.err, m.sentinel}
}

// fail wraps a provider's error as an *Error with the secrets removed;
// nil stays nil, and an *Error is kept.
func (c *Client) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Op: op, Text: c.redact(err.Error()), err: err}
}

// redact removes every secret of the configuration from s, and condenses
// it to one line of at most 2000 bytes.
func (c *Client) redact(s string) string {
	for _, v := range c.secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 2000 {
		s = strings.ToValidUTF8(s[:2000], "") + "…"
	}
	return s
}
