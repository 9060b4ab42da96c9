package store

import (
	"encoding/json"
	"fmt"

	"github.com/tenantry/tenantry/internal/outlet"
)

// hoursCol scans the business_hours JSON column into outlet.Hours. Lists of
// outlets decode one per row, so the shape this package writes ({"day":
// [{"open":"HH:MM","close":"HH:MM"}…]…}, with or without PostgreSQL's
// spaces) is read by a small parser; anything else goes to encoding/json.
type hoursCol struct{ h *outlet.Hours }

func (c hoursCol) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return fmt.Errorf("store: cannot scan %T as business hours", src)
	}
	if h, ok := parseHours(b); ok {
		*c.h = h
		return nil
	}
	var row map[string][]intervalRow
	if err := json.Unmarshal(b, &row); err != nil {
		return fmt.Errorf("store: decode business hours: %w", err)
	}
	*c.h = make(outlet.Hours, len(row))
	for day, list := range row {
		ivs := make([]outlet.Interval, len(list))
		for i, iv := range list {
			ivs[i] = outlet.Interval(iv)
		}
		(*c.h)[day] = ivs
	}
	return nil
}

// intervalRow is the stored JSON form of outlet.Interval.
type intervalRow struct {
	Open  string `json:"open"`
	Close string `json:"close"`
}

// hoursArg encodes h as the stored JSON.
func hoursArg(h outlet.Hours) (string, error) {
	row := make(map[string][]intervalRow, len(h))
	for day, list := range h {
		rows := make([]intervalRow, len(list))
		for i, iv := range list {
			rows[i] = intervalRow(iv)
		}
		row[day] = rows
	}
	return jsonArg(row)
}

// parseHours reads the stored shape of business hours: an object of arrays
// of {"open","close"} objects whose strings hold no escapes. It reports false
// on anything else.
func parseHours(b []byte) (outlet.Hours, bool) {
	p := jsonScanner{b: b}
	h := outlet.Hours{}
	if !p.byte('{') {
		return nil, false
	}
	if p.byte('}') {
		return h, p.end()
	}
	for {
		day, ok := p.str()
		if !ok || !p.byte(':') || !p.byte('[') {
			return nil, false
		}
		list := []outlet.Interval{}
		for !p.byte(']') {
			if len(list) > 0 && !p.byte(',') {
				return nil, false
			}
			iv, ok := p.interval()
			if !ok {
				return nil, false
			}
			list = append(list, iv)
		}
		h[day] = list
		if p.byte('}') {
			return h, p.end()
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

// jsonScanner walks a JSON text for parseHours.
type jsonScanner struct {
	b []byte
	i int
}

func (p *jsonScanner) skip() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\t' || p.b[p.i] == '\r') {
		p.i++
	}
}

// byte consumes c (after white space) when it comes next.
func (p *jsonScanner) byte(c byte) bool {
	p.skip()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str consumes a string without escapes.
func (p *jsonScanner) str() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case '"':
			p.i++
			return string(p.b[start : p.i-1]), true
		case '\\':
			return "", false
		}
		p.i++
	}
	return "", false
}

// interval consumes {"open": "…", "close": "…"} with its keys in any order.
func (p *jsonScanner) interval() (outlet.Interval, bool) {
	var iv outlet.Interval
	if !p.byte('{') {
		return iv, false
	}
	for n := 0; n < 2; n++ {
		if n > 0 && !p.byte(',') {
			return iv, false
		}
		k, ok := p.str()
		if !ok || !p.byte(':') {
			return iv, false
		}
		v, ok := p.str()
		switch {
		case !ok:
			return iv, false
		case k == "open":
			iv.Open = v
		case k == "close":
			iv.Close = v
		default:
			return iv, false
		}
	}
	return iv, p.byte('}')
}

// end reports whether only white space is left.
func (p *jsonScanner) end() bool {
	p.skip()
	return p.i == len(p.b)
}
