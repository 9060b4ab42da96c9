package auth

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// TOTPFactor is a user's TOTP enrolment: the secret sealed with the master
// key, whether the user confirmed it with a first code, and the last step
// used (a code of that step or an earlier one is refused).
type TOTPFactor struct {
	UserID       string
	SecretSealed string
	ConfirmedAt  *time.Time // nil until confirmed; an unconfirmed factor is not required at login
	LastStep     *int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TOTPSealContext binds a sealed TOTP secret to its user.
func TOTPSealContext(userID string) string { return "totp:" + userID }

// ProviderSealContext binds a sealed third-party client secret to its tenant and provider.
func ProviderSealContext(tenantID, providerID string) string {
	return "auth_provider:" + tenantID + ":" + providerID
}

// MFA challenges: what a correct first factor yields when a second one is
// needed. The token is shown once and stored hashed.
const (
	MFAChallengeTTL = 5 * time.Minute
	MFAMaxAttempts  = 5
)

// MFAChallenge is a pending second step of a login, bound to the user, the
// tenant named at login ("" for a global login) and the first factor used.
// Enroll marks a challenge for a user who must first enrol TOTP (the tenant
// requires it); such a token allows only the enrolment calls.
type MFAChallenge struct {
	ID        string
	Hash      string
	UserID    string
	TenantID  string
	Method    string
	Enroll    bool
	Attempts  int
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

// Live reports whether the challenge can still be answered at now.
func (c *MFAChallenge) Live(now time.Time) bool {
	return c.UsedAt == nil && c.Attempts < MFAMaxAttempts && now.Before(c.ExpiresAt)
}

// RecoveryCodeCount is how many recovery codes an enrolment gives.
const RecoveryCodeCount = 10

const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// NewRecoveryCodes returns n single-use recovery codes ("xxxxx-xxxxx", 50
// random bits each) and the hashes under which they are stored.
func NewRecoveryCodes(n int) (plain, hashes []string, err error) {
	for range n {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, fmt.Errorf("auth: recovery code: %w", err)
		}
		for i := range b {
			b[i] = recoveryAlphabet[b[i]&31]
		}
		code := string(b[:5]) + "-" + string(b[5:])
		plain = append(plain, code)
		hashes = append(hashes, HashRecoveryCode(code))
	}
	return plain, hashes, nil
}

// HashRecoveryCode returns the storage hash of a recovery code, ignoring
// case, spaces and dashes as people type them.
func HashRecoveryCode(code string) string {
	norm := strings.NewReplacer("-", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(code)))
	return HashOpaque("recovery:" + norm)
}
