package identity

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Password length bounds. The maximum keeps hashing cost bounded.
const (
	MinPasswordLen     = 8  // the seed policy's minimum
	MinNISTPasswordLen = 12 // the nist policy's minimum
	MaxPasswordLen     = 128
)

// The password policies (the values of the auth.password_policy key).
const (
	PolicySeed = "seed" // MinPasswordLen characters with an upper-case letter, a lower-case letter and a digit
	PolicyNIST = "nist" // MinNISTPasswordLen characters, no composition rules (NIST SP 800-63B)
)

// MinLength is the shortest password policy accepts; an unknown policy is
// the seed policy.
func MinLength(policy string) int {
	if policy == PolicyNIST {
		return MinNISTPasswordLen
	}
	return MinPasswordLen
}

// PasswordProblems lists every rule of policy (PolicySeed or PolicyNIST;
// anything else is PolicySeed) the password breaks, as stable codes with a
// sentence each; it is empty when the password is acceptable. The
// common-password check is IsCommonPassword, under every policy.
func PasswordProblems(pw, policy string) []Problem {
	var out []Problem
	n, min := utf8.RuneCountInString(pw), MinLength(policy)
	if n < min {
		out = append(out, Problem{"too_short", fmt.Sprintf("at least %d characters", min)})
	}
	if n > MaxPasswordLen {
		out = append(out, Problem{"too_long", fmt.Sprintf("at most %d characters", MaxPasswordLen)})
	}
	if policy == PolicyNIST {
		return out
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
