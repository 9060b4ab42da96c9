package apikey

import (
	"strings"
	"time"
)

// PlatformPrefix marks a platform key's secret: "tnt_plat_", then the same
// body and checksum as a tenant key's, so a mistyped one is refused without
// a lookup and it can never be taken for a tenant key (or the other way).
const PlatformPrefix = "tnt_plat_"

// PlatformKey is a platform-level machine credential, managed by platform
// admins, that the seed surfaces accept where their documents name the
// platform's key (pers's business key, the supertokens core's api-key). It
// belongs to no tenant. At rest only Hash(secret) and the visible prefix.
type PlatformKey struct {
	ID         string
	Name       string
	Prefix     string
	Hash       string
	CreatedBy  string // the platform admin who made it
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Active reports whether the key may still authenticate.
func (k *PlatformKey) Active() bool { return k.RevokedAt == nil }

// NewPlatformSecret returns a fresh platform key secret.
func NewPlatformSecret() (string, error) {
	s, err := NewSecret("prod")
	if err != nil {
		return "", err
	}
	head := PlatformPrefix + s[len(LivePrefix):len(s)-checkLen]
	return head + checksum(head), nil
}

// PlatformWellFormed reports whether s has a platform key secret's shape.
func PlatformWellFormed(s string) bool {
	rest, ok := strings.CutPrefix(s, PlatformPrefix)
	if !ok || len(s) != secretLen {
		return false
	}
	for i := range len(rest) {
		if strings.IndexByte(base62, rest[i]) < 0 {
			return false
		}
	}
	head := s[:len(s)-checkLen]
	return checksum(head) == s[len(s)-checkLen:]
}
