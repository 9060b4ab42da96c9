package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"hash"
	"net/url"
	"strings"
	"time"
)

// TOTP (RFC 6238) as authenticator apps expect it: HMAC-SHA-1, 6 digits,
// 30-second steps. A code is accepted for the current step and one step
// either side, and a step once used is refused afterwards (the caller keeps
// the last used step).
const (
	TOTPDigits = 6
	TOTPPeriod = 30 * time.Second
	TOTPSkew   = 1
	TOTPIssuer = "Tenantry"
)

var base32NoPad = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a fresh 160-bit secret (the RFC 4226 recommended size).
func NewTOTPSecret() ([]byte, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("auth: totp secret: %w", err)
	}
	return b, nil
}

// EncodeTOTPSecret writes a secret as unpadded base32, as authenticator apps take it.
func EncodeTOTPSecret(secret []byte) string { return base32NoPad.EncodeToString(secret) }

// TOTPURI is the otpauth:// URI (Key Uri Format) that authenticator apps
// scan, labelled "Tenantry:account".
func TOTPURI(account string, secret []byte) string {
	q := url.Values{}
	q.Set("secret", EncodeTOTPSecret(secret))
	q.Set("issuer", TOTPIssuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(TOTPDigits))
	q.Set("period", fmt.Sprint(int(TOTPPeriod.Seconds())))
	return "otpauth://totp/" + url.PathEscape(TOTPIssuer+":"+account) + "?" + q.Encode()
}

// TOTPStep is the time step t falls in.
func TOTPStep(t time.Time) int64 { return t.Unix() / int64(TOTPPeriod.Seconds()) }

// TOTPCode is the code of secret for one time step.
func TOTPCode(secret []byte, step int64) string {
	return HOTP(sha1.New, secret, uint64(step), TOTPDigits)
}

// HOTP is the RFC 4226 one-time password of key for counter, with the given
// hash and number of digits (RFC 6238 allows SHA-1, SHA-256 and SHA-512).
func HOTP(h func() hash.Hash, key []byte, counter uint64, digits int) string {
	mac := hmac.New(h, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// MatchTOTP checks code against secret at now, allowing TOTPSkew steps
// either side, and returns the step it matched. Steps at or before
// lastUsed (when not nil) are refused, so a code cannot be replayed.
func MatchTOTP(secret []byte, code string, now time.Time, lastUsed *int64) (int64, bool) {
	code = NormalizeTOTPCode(code)
	if !IsTOTPCode(code) {
		return 0, false
	}
	cur := TOTPStep(now)
	for step := cur - TOTPSkew; step <= cur+TOTPSkew; step++ {
		if lastUsed != nil && step <= *lastUsed {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(TOTPCode(secret, step)), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// NormalizeTOTPCode drops the spaces people type into codes.
func NormalizeTOTPCode(code string) string {
	return strings.ReplaceAll(strings.TrimSpace(code), " ", "")
}

// IsTOTPCode reports whether code has the shape of a TOTP code (6 digits);
// anything else presented as a second factor is taken as a recovery code.
func IsTOTPCode(code string) bool {
	if len(code) != TOTPDigits {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
