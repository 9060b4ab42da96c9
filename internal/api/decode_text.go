package api

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/text"
)

// Text the API never accepts, whatever the field: a NUL character, bytes
// that are not UTF-8 (overlong forms and encoded surrogates included) and
// JSON escapes of unpaired UTF-16 surrogates. PostgreSQL cannot store the
// first two, and encoding/json would silently turn the last two into U+FFFD,
// altering what the client sent; so they are refused where the request
// enters, naming the field, instead of deep inside a use case.
const (
	codeNUL            = text.Code
	codeUTF8           = "invalid_utf8"
	msgNUL             = "Must not contain NUL characters (U+0000)."
	msgUTF8            = "Must be valid UTF-8 text."
	msgSurrog          = `Holds an unpaired UTF-16 surrogate escape (such as \ud800); send valid Unicode text.`
	maxTextFieldErrors = 20
)

// textProblem says what, if anything, s holds that no field accepts.
func textProblem(s string) (code, msg string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return codeUTF8, msgUTF8
		case r == 0:
			return codeNUL, msgNUL
		}
		i += size
	}
	return "", ""
}

// checkBodyText walks a JSON body that has already decoded without error
// and reports every field (or, for a bad key, the object holding it) whose
// raw string holds text no field accepts. It reads the raw bytes because
// decoding has by then replaced bad bytes and lone surrogates with U+FFFD.
func checkBodyText(body []byte) error {
	w := textWalker{b: body}
	w.value("")
	if len(w.fields) == 0 {
		return nil
	}
	return errs.Fields(w.fields...)
}

// textWalker is a small scanner over valid JSON that tracks the field path
// (a.b, list[2]) of every string. It never indexes past the end of b, so
// input that is not valid JSON ends the walk early instead of panicking.
type textWalker struct {
	b      []byte
	i      int
	fields []errs.FieldError
	seen   map[string]bool
}

func (w *textWalker) value(path string) {
	w.space()
	if w.i >= len(w.b) {
		return
	}
	switch w.b[w.i] {
	case '{':
		w.i++
		for w.more('}') {
			key, ok := w.str(path, true) // a bad key is named by the object holding it
			if !ok {
				return
			}
			w.space()
			if w.i < len(w.b) && w.b[w.i] == ':' {
				w.i++
			}
			w.value(joinPath(path, key))
		}
	case '[':
		w.i++
		for n := 0; w.more(']'); n++ {
			w.value(path + "[" + strconv.Itoa(n) + "]")
		}
	case '"':
		w.str(path, false)
	default: // a number, true, false or null
		for w.i < len(w.b) && !isDelim(w.b[w.i]) {
			w.i++
		}
	}
}

// more skips a separating comma and reports whether another member or
// element follows before end, consuming end when it does not.
func (w *textWalker) more(end byte) bool {
	w.space()
	if w.i < len(w.b) && w.b[w.i] == ',' {
		w.i++
		w.space()
	}
	if w.i >= len(w.b) {
		return false
	}
	if w.b[w.i] == end {
		w.i++
		return false
	}
	return true
}

// str reads the string at w.i, reporting its problems under field, and
// returns its decoded value when asked (for keys).
func (w *textWalker) str(field string, decoded bool) (string, bool) {
	if w.i >= len(w.b) || w.b[w.i] != '"' {
		return "", false
	}
	start := w.i
	w.i++
	var code, msg string
	for w.i < len(w.b) && w.b[w.i] != '"' {
		c := w.b[w.i]
		switch {
		case c == '\\' && w.i+1 < len(w.b) && w.b[w.i+1] == 'u':
			r, n := w.escape(w.i)
			switch {
			case r == 0 && code == "":
				code, msg = codeNUL, msgNUL
			case utf16.IsSurrogate(r):
				// A high surrogate escape needs a low one right after it.
				if r2, n2 := w.escape(w.i + n); r >= 0xDC00 || utf16.DecodeRune(r, r2) == utf8.RuneError {
					code, msg = codeUTF8, msgSurrog
				} else {
					n += n2
				}
			}
			w.i += max(n, 2)
		case c == '\\':
			w.i += 2
		case c < utf8.RuneSelf:
			if c == 0 && code == "" {
				code, msg = codeNUL, msgNUL
			}
			w.i++
		default:
			r, size := utf8.DecodeRune(w.b[w.i:])
			if r == utf8.RuneError && size == 1 {
				code, msg = codeUTF8, msgUTF8
			}
			w.i += size
		}
	}
	end := min(w.i+1, len(w.b))
	w.i = end
	if code != "" {
		w.report(field, code, msg)
	}
	var s string
	if decoded {
		_ = json.Unmarshal(w.b[start:end], &s)
	}
	return s, true
}

// escape decodes the \uXXXX escape at i, returning its code point and
// length, or -1 and 0 when there is none.
func (w *textWalker) escape(i int) (rune, int) {
	if i+6 > len(w.b) || w.b[i] != '\\' || w.b[i+1] != 'u' {
		return -1, 0
	}
	v, err := strconv.ParseUint(string(w.b[i+2:i+6]), 16, 16)
	if err != nil {
		return -1, 0
	}
	return rune(v), 6
}

func (w *textWalker) report(field, code, msg string) {
	if field == "" {
		field = "body"
	}
	if w.seen[field] || len(w.fields) >= maxTextFieldErrors {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[field] = true
	w.fields = append(w.fields, errs.FieldError{Field: field, Code: code, Message: msg})
}

func (w *textWalker) space() {
	for w.i < len(w.b) && (w.b[w.i] == ' ' || w.b[w.i] == '\t' || w.b[w.i] == '\n' || w.b[w.i] == '\r') {
		w.i++
	}
}

func isDelim(c byte) bool {
	return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
