// Package text holds Tenantry's rules for the text people type into names,
// addresses and other fields: which characters a single-line or multi-line
// value may hold, and the one normal form (NFC) text is kept in. Line
// breaks and other control characters in a name would show up as extra
// lines in mails sent to other people; bidirectional overrides would make a
// name read differently from what it holds.
package text

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tenantry/tenantry/internal/errs"
)

// Code is the stable code of a field that holds characters its kind of
// text refuses.
const Code = "invalid_characters"

// Messages of the problems CheckLine and CheckLines record.
const (
	LineMessage  = "Must be one line of text, without line breaks, control characters or bidirectional overrides."
	LinesMessage = "Must be text without control characters or bidirectional overrides (line feeds are allowed)."
)

// Normalize returns s in Unicode normalization form C, so that text typed
// with combining marks ("Cafe\u0301") is stored and compared as the
// precomposed form ("Café").
func Normalize(s string) string { return norm.NFC.String(s) }

// SingleLine reports whether s is valid UTF-8 free of control characters
// (Unicode category Cc, which holds CR, LF, tab, NUL and U+0085), line and
// paragraph separators (Zl, Zp) and the bidirectional embedding, override
// and isolate controls (U+202A–U+202E, U+2066–U+2069). Other format
// characters, such as the zero-width joiner and non-joiner that some
// scripts and emoji need, are allowed.
func SingleLine(s string) bool { return clean(s, false) }

// MultiLine is SingleLine for text that may span lines: it also allows
// line feeds (U+000A), and nothing else of those refused.
func MultiLine(s string) bool { return clean(s, true) }

func clean(s string, lines bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r == '\n' && lines:
		case refused(r):
			return false
		}
	}
	return true
}

// refused reports whether r may not appear in any text field: the whole of
// categories Cc, Zl and Zp (a test holds this list to the Unicode tables)
// and the bidirectional controls.
func refused(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f: // Cc
		return true
	case r == '\u2028', r == '\u2029': // Zl, Zp
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069': // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

// CheckLine records a problem with field in c when v is not SingleLine,
// and reports whether v passed.
func CheckLine(c *errs.Collector, field, v string) bool {
	ok := SingleLine(v)
	c.Check(!ok, field, Code, LineMessage)
	return ok
}

// CheckLines records a problem with field in c when v is not MultiLine,
// and reports whether v passed.
func CheckLines(c *errs.Collector, field, v string) bool {
	ok := MultiLine(v)
	c.Check(!ok, field, Code, LinesMessage)
	return ok
}
