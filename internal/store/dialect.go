package store

import (
	"fmt"
	"strconv"
	"strings"
)

// Fragment is a piece of SQL that has to be written differently for each
// engine, and the one sanctioned way to write such a piece in this package.
//
// The rule: the SQL of this package is one text for every engine. Where the
// engines really differ (a date function, a JSON operator, a lock clause),
// write the difference as a Fragment literal at the place it is used, both
// texts side by side, and pick it with Tx.pick:
//
//	day := t.pick(Fragment{SQLite: `date(created_at)`, Postgres: `created_at::date`})
//
// Keep a fragment to the differing expression, not a whole statement, use ?
// for its parameters like the rest of the query, and cover it in storetest.
// Nothing else in the package may branch on the engine: this file is the only
// one that asks the engine how its SQL differs, which internal/archtest checks.
type Fragment struct {
	SQLite   string
	Postgres string
}

// dialect is the SQL dialect of an engine, read once from its name.
type dialect int

const (
	sqliteDialect dialect = iota + 1
	postgresDialect
)

// dialectOf returns the dialect of eng. An engine whose name no Fragment
// field covers is a programming error, reported when the DB is made.
func dialectOf(eng Engine) dialect {
	switch eng.Name() {
	case "sqlite":
		return sqliteDialect
	case "postgres":
		return postgresDialect
	}
	panic(fmt.Sprintf("store: engine %q has no SQL dialect: add it to Fragment", eng.Name()))
}

// pick returns the fragment's text for the dialect.
func (d dialect) pick(f Fragment) string {
	if d == postgresDialect {
		return f.Postgres
	}
	return f.SQLite
}

// pick returns the fragment's text for the transaction's engine.
func (t *Tx) pick(f Fragment) string { return t.db.dialect.pick(f) }

// Engine returns the engine's name.
func (db *DB) Engine() string { return db.eng.Name() }

// placeholders rewrites q's ? parameters the way eng writes them.
func placeholders(eng Engine, q string) string {
	if !eng.DollarPlaceholders() {
		return q
	}
	return dollarParams(q)
}

// rebind rewrites q's ? parameters for the DB's engine, remembering the
// result: the package's queries are a small, fixed set of texts.
func (db *DB) rebind(q string) string {
	if !db.eng.DollarPlaceholders() {
		return q
	}
	if v, ok := db.rebinds.Load(q); ok {
		return v.(string)
	}
	out := dollarParams(q)
	db.rebinds.Store(q, out)
	return out
}

// dollarParams rewrites each ? parameter of q as $1, $2 … It leaves alone a ?
// inside a string literal ('…', a doubled quote standing for one; E'…' also
// with backslash escapes), a quoted identifier ("…"), a dollar-quoted string ($tag$…$tag$)
// and a comment (-- to the end of the line, /* … */ nested as PostgreSQL
// nests them). PostgreSQL's jsonb operators ?, ?| and ?& cannot be told from
// a parameter: write jsonb_exists and its siblings, in a Fragment.
func dollarParams(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); {
		if j := skipQuoted(q, i); j > i {
			b.WriteString(q[i:j])
			i = j
			continue
		}
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		} else {
			b.WriteByte(q[i])
		}
		i++
	}
	return b.String()
}

// skipQuoted returns the end of the literal, quoted identifier or comment
// that starts at q[i], or i when none starts there. An unterminated one runs
// to the end of q.
func skipQuoted(q string, i int) int {
	switch {
	case q[i] == '\'':
		backslash := i > 0 && (q[i-1] == 'E' || q[i-1] == 'e') && (i == 1 || !identByte(q[i-2]))
		return closeQuote(q, i+1, '\'', backslash)
	case q[i] == '"':
		return closeQuote(q, i+1, '"', false)
	case strings.HasPrefix(q[i:], "--"):
		if j := strings.IndexByte(q[i:], '\n'); j >= 0 {
			return i + j
		}
		return len(q)
	case strings.HasPrefix(q[i:], "/*"):
		return closeComment(q, i)
	case q[i] == '$' && (i == 0 || !identByte(q[i-1])):
		if tag := dollarTag(q[i:]); tag != "" {
			if j := strings.Index(q[i+len(tag):], tag); j >= 0 {
				return i + len(tag) + j + len(tag)
			}
			return len(q)
		}
	}
	return i
}

// closeQuote returns the index after the quote closing a literal whose text
// starts at q[i]; a doubled quote stands for itself, and so does a
// backslash-escaped character when backslash is set.
func closeQuote(q string, i int, quote byte, backslash bool) int {
	for i < len(q) {
		switch {
		case backslash && q[i] == '\\':
			i += 2
		case q[i] == quote && i+1 < len(q) && q[i+1] == quote:
			i += 2
		case q[i] == quote:
			return i + 1
		default:
			i++
		}
	}
	return len(q)
}

// closeComment returns the index after the block comment starting at q[i].
func closeComment(q string, i int) int {
	depth := 0
	for i < len(q) {
		switch {
		case strings.HasPrefix(q[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(q[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return len(q)
}

// dollarTag returns the $tag$ (or $$) that s starts with, or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '$':
			return s[:j+1]
		case c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z' || c >= 0x80:
		case '0' <= c && c <= '9' && j > 1:
		default:
			return ""
		}
	}
	return ""
}

// identByte reports whether c may be part of an unquoted identifier.
func identByte(c byte) bool {
	return c == '_' || c == '$' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z' || c >= 0x80
}
