package setting

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Normalize checks raw against d's type, bounds and validator and returns
// the canonical JSON to store (a duration rewritten as time.Duration
// prints it). The error's message says what is wrong, for the caller.
func (d *Def) Normalize(raw json.RawMessage) (json.RawMessage, error) {
	v, err := d.Decode(raw)
	if err != nil {
		return nil, err
	}
	if d.Check != nil {
		if err := d.Check(v); err != nil {
			return nil, err
		}
	}
	if d.Type == JSON {
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return nil, invalid("The value is not valid JSON.")
		}
		return b.Bytes(), nil
	}
	if dur, ok := v.(time.Duration); ok {
		v = dur.String()
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("setting: encode %s: %w", d.Key, err)
	}
	return out, nil
}

// Decode reads raw as a value of d's type: bool, int64, string (string and
// enum), time.Duration, or any (json). It checks the type, an enum's values
// and an integer's bounds, a json value against its schema, not Check.
func (d *Def) Decode(raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, invalid("A value of type %s is required.", d.Type)
	}
	switch d.Type {
	case Boolean:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return nil, invalid("The value must be true or false.")
		}
		return b, nil
	case Integer:
		var f float64
		if json.Unmarshal(raw, &f) != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, invalid("The value must be an integer.")
		}
		n := int64(f)
		if d.Min != nil && n < *d.Min || d.Max != nil && n > *d.Max {
			return nil, invalid("The value must be between %s and %s.", bound(d.Min, "-∞"), bound(d.Max, "∞"))
		}
		return n, nil
	case String, Enum:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, invalid("The value must be a string.")
		}
		if d.Type == Enum && !slices.Contains(d.Values, s) {
			return nil, invalid("The value must be one of: %s.", strings.Join(d.Values, ", "))
		}
		return s, nil
	case Duration:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, invalid(`The value must be a duration string such as "15m" or "24h".`)
		}
		v, err := time.ParseDuration(s)
		if err != nil || v < 0 {
			return nil, invalid(`The value must be a duration string such as "15m" or "24h".`)
		}
		return v, nil
	case JSON:
		var v any
		if json.Unmarshal(raw, &v) != nil {
			return nil, invalid("The value is not valid JSON.")
		}
		if d.Schema != nil {
			if err := d.validateSchema(raw); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	return nil, fmt.Errorf("setting: %s has unknown type %q", d.Key, d.Type)
}

// Invalid is a value that does not fit its key, or a definition that does
// not hold together; Msg is for the caller. Code, when set, names what is
// wrong for programs (invalid_schema: the schema does not compile;
// schema_not_allowed: a schema on a key that is not json).
type Invalid struct {
	Msg  string
	Code string
}

func (e *Invalid) Error() string { return e.Msg }

func invalid(format string, args ...any) error { return &Invalid{Msg: fmt.Sprintf(format, args...)} }

func bound(n *int64, none string) string {
	if n == nil {
		return none
	}
	return fmt.Sprint(*n)
}
