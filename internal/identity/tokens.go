package identity

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"time"
)

// One-time sign-in codes.
const (
	OTPDigits      = 6                // digits of a code
	OTPTTL         = 10 * time.Minute // how long a code is valid
	OTPMaxAttempts = 5                // wrong guesses after which a code is dead
)

// Lifetimes of the password flows' tokens.
const (
	ResetTTL = time.Hour        // a password reset link
	StampTTL = 10 * time.Minute // a password change concurrency stamp
)

// OTP is a one-time sign-in code as stored: a keyed hash of the code, never
// the code itself. Requesting a new code for an email retires the earlier ones.
type OTP struct {
	ID    string
	Email string
	// UserID is the account the code signs in to, or "" for a decoy: a row
	// written for an email without an active account, so that a request costs
	// the same either way. A decoy never verifies.
	UserID    string
	CodeHash  string
	Attempts  int // wrong guesses so far
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// NewOTPCode returns a fresh code of OTPDigits decimal digits, drawn
// uniformly from the operating system's CSPRNG.
func NewOTPCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", fmt.Errorf("otp code: %w", err)
	}
	return fmt.Sprintf("%0*d", OTPDigits, n), nil
}

// ValidOTPCode reports whether s has the shape of a code: OTPDigits digits.
func ValidOTPCode(s string) bool {
	if len(s) != OTPDigits {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// PasswordReset is a stored password reset token: its hash, the user it
// resets, and whether it was used. Like OTP, a reset with UserID "" is a
// decoy written for an unknown email; it never resets anything.
type PasswordReset struct {
	ID        string
	UserID    string
	Hash      string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// PasswordStamp is a concurrency stamp (storegister seed): requested before
// a password change and sent with it, it lets one change apply exactly once.
type PasswordStamp struct {
	ID        string
	UserID    string
	Hash      string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}
