package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

// timeLayout is fixed-width UTC, so that text comparisons on SQLite order
// like time, and PostgreSQL parses it into timestamptz.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts formats a time as a query argument.
func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// tsp formats an optional time as a query argument.
func tsp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

// timeCol scans a timestamp column whether the driver returns time.Time or text.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*c.t = v.UTC()
		return nil
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	}
	return fmt.Errorf("store: cannot scan %T into a time", src)
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("store: time %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// nullTimeCol scans a nullable timestamp column.
type nullTimeCol struct{ t **time.Time }

func (c nullTimeCol) Scan(src any) error {
	if src == nil {
		*c.t = nil
		return nil
	}
	var t time.Time
	if err := (timeCol{&t}).Scan(src); err != nil {
		return err
	}
	*c.t = &t
	return nil
}

// jsonArg encodes v as JSON text for a json/jsonb column.
func jsonArg(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("store: encode json: %w", err)
	}
	return string(b), nil
}

// jsonCol scans a json/jsonb column into v.
type jsonCol struct{ v any }

func (c jsonCol) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return fmt.Errorf("store: cannot scan %T as json", src)
	}
	if err := json.Unmarshal(b, c.v); err != nil {
		return fmt.Errorf("store: decode json: %w", err)
	}
	return nil
}

// Duplicate is the cause of a Conflict error raised by a unique key; Key names
// the key as "table.column", e.g. "tenants.slug".
type Duplicate struct{ Key string }

func (d *Duplicate) Error() string { return "duplicate " + d.Key }

// DuplicateError returns the Conflict error an engine raises for a unique key violation.
func DuplicateError(key string, cause error) error {
	return &errs.Error{Kind: errs.Conflict, Code: "already_exists", Msg: "The resource already exists.",
		Err: errors.Join(&Duplicate{Key: key}, cause)}
}

// IsDuplicate reports whether err is a violation of the unique key.
func IsDuplicate(err error, key string) bool {
	var d *Duplicate
	return errors.As(err, &d) && d.Key == key
}

// UnavailableError returns the error an engine raises when the database cannot be reached.
func UnavailableError(cause error) error {
	return &errs.Error{Kind: errs.Unavailable, Code: "database_unavailable",
		Msg: "The database is unavailable; try again shortly.", RetryAfter: 2 * time.Second, Err: cause}
}
