package auth

import "slices"

// Authentication method references (RFC 8176) carried in the "amr" claim of
// access tokens and kept with refresh tokens, so that a token says how its
// session was established: the first factor ("pwd" for email and password,
// "otp" for an emailed one-time code) and "mfa" once a second factor (TOTP
// or a recovery code) completed the login.
const (
	AMRPassword = "pwd"
	AMROTP      = "otp"
	AMRMFA      = "mfa"
)

// AMRFor returns the amr value of a first factor, or "" for one without.
func AMRFor(factor string) string {
	switch factor {
	case FactorEmailPassword:
		return AMRPassword
	case FactorOTPEmail:
		return AMROTP
	}
	return ""
}

// FirstFactorOf returns the first factor an amr list records, or "" when it
// records none (a token from before amr existed).
func FirstFactorOf(amr []string) string {
	switch {
	case slices.Contains(amr, AMRPassword):
		return FactorEmailPassword
	case slices.Contains(amr, AMROTP):
		return FactorOTPEmail
	}
	return ""
}

// HasMFA reports whether an amr list records a completed second factor.
func HasMFA(amr []string) bool { return slices.Contains(amr, AMRMFA) }
