package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
)

// A secret reads "tnt_live_" (prod) or "tnt_test_" (staging, dev), then 43
// random base62 characters (256 bits from crypto/rand), then 6 base62
// characters of CRC-32 over everything before them, so that a mistyped or
// made-up key is refused without a database lookup and secret scanners can
// recognise a leaked one.
const (
	LivePrefix = "tnt_live_"
	TestPrefix = "tnt_test_"
	// PrefixLen is how many leading characters of a secret are kept in the
	// clear to tell keys apart in listings: the marker and 7 random
	// characters (about 42 of the 256 random bits).
	PrefixLen = 16

	bodyLen   = 43
	checkLen  = 6
	secretLen = len(LivePrefix) + bodyLen + checkLen
	base62    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

// MarkerOf returns the secret marker of keys made for env.
func MarkerOf(env string) string {
	if env == auth.EnvProd {
		return LivePrefix
	}
	return TestPrefix
}

// NewSecret returns a fresh secret for a key of environment env.
func NewSecret(env string) (string, error) {
	var b strings.Builder
	b.Grow(secretLen)
	b.WriteString(MarkerOf(env))
	buf := make([]byte, 64)
	for b.Len() < len(LivePrefix)+bodyLen {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("apikey: random: %w", err)
		}
		for _, c := range buf {
			// 248 is the largest multiple of 62 under 256: rejecting the
			// bytes above it keeps every character equally likely.
			if c < 248 && b.Len() < len(LivePrefix)+bodyLen {
				b.WriteByte(base62[c%62])
			}
		}
	}
	head := b.String()
	return head + checksum(head), nil
}

// WellFormed reports whether s has a secret's shape: a marker, the body and
// a checksum that matches.
func WellFormed(s string) bool {
	if len(s) != secretLen || !(strings.HasPrefix(s, LivePrefix) || strings.HasPrefix(s, TestPrefix)) {
		return false
	}
	for i := len(LivePrefix); i < len(s); i++ {
		if strings.IndexByte(base62, s[i]) < 0 {
			return false
		}
	}
	head := s[:len(s)-checkLen]
	return checksum(head) == s[len(s)-checkLen:]
}

// Hash is what is stored of a secret: its SHA-256, in hex. A secret holds
// 256 random bits, so a fast hash is enough — nobody can guess it, and a
// slow password hash would only slow every authenticated request.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// VisiblePrefix returns the part of secret kept in the clear.
func VisiblePrefix(secret string) string {
	if len(secret) < PrefixLen {
		return secret
	}
	return secret[:PrefixLen]
}

// checksum is CRC-32 (IEEE) of s as 6 base62 characters.
func checksum(s string) string {
	n := uint64(crc32.ChecksumIEEE([]byte(s)))
	out := make([]byte, checkLen)
	for i := checkLen - 1; i >= 0; i-- {
		out[i] = base62[n%62]
		n /= 62
	}
	return string(out)
}
