package tenant

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen is the longest slug accepted; it fits a DNS label.
const MaxSlugLen = 63

// reserved slugs can never name a tenant: they collide with routes, hosts or
// the platform itself.
var reserved = map[string]bool{
	"public": true, "admin": true, "api": true, "www": true, "app": true, "auth": true,
	"login": true, "logout": true, "static": true, "assets": true, "docs": true, "metrics": true,
	"healthz": true, "readyz": true, "system": true, "root": true, "support": true, "help": true,
	"billing": true, "status": true, "console": true, "platform": true, "tenants": true,
	"me": true, "new": true, "settings": true, "mail": true, "internal": true, "openapi": true,
	"well-known": true, "check-availability": true, "register": true, "signup": true,
}

// IsReserved reports whether slug is a reserved word.
func IsReserved(slug string) bool { return reserved[slug] }

// Slugify turns a business name into a slug: lower case ASCII letters, digits
// and single hyphens. Accents are dropped ("Café" → "cafe").
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > MaxSlugLen {
		s = strings.TrimRight(s[:MaxSlugLen], "-")
	}
	return s
}

// ValidSlug reports whether s is a well-formed slug: 2 to 63 characters of
// lower case letters, digits and inner hyphens.
func ValidSlug(s string) bool {
	if len(s) < 2 || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
		if c == '-' && s[i-1] == '-' {
			return false
		}
	}
	return true
}

// Candidate returns the n-th candidate for base: base itself, then base-1,
// base-2 and so on, trimmed to fit MaxSlugLen.
func Candidate(base string, n int) string {
	if n == 0 {
		return base
	}
	suffix := "-" + strconv.Itoa(n)
	if len(base)+len(suffix) > MaxSlugLen {
		base = strings.TrimRight(base[:MaxSlugLen-len(suffix)], "-")
	}
	return base + suffix
}
