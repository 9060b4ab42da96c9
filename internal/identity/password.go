package identity

import (
	"unicode"
	"unicode/utf8"
)

// Password length bounds. The maximum keeps hashing cost bounded.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// PasswordProblems lists every rule the password breaks, as stable codes with
// a sentence each; it is empty when the password is acceptable.
func PasswordProblems(pw string) []Problem {
	var out []Problem
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen {
		out = append(out, Problem{"too_short", "at least 8 characters"})
	}
	if n > MaxPasswordLen {
		out = append(out, Problem{"too_long", "at most 128 characters"})
	}
	var upper, lower, digit bool
	for _, r := range pw {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
		digit = digit || unicode.IsDigit(r)
	}
	if !upper {
		out = append(out, Problem{"missing_uppercase", "an uppercase letter"})
	}
	if !lower {
		out = append(out, Problem{"missing_lowercase", "a lowercase letter"})
	}
	if !digit {
		out = append(out, Problem{"missing_digit", "a number"})
	}
	return out
}

// Problem is one broken password rule.
type Problem struct {
	Code string
	What string // what is missing, e.g. "an uppercase letter"
}
