package secret

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// deriveMACKey derives the key of MAC from a master key, so that the master
// key itself is only ever used for encryption.
func deriveMACKey(master []byte) ([]byte, error) {
	k, err := hkdf.Key(sha256.New, master, nil, "tenantry mac v1", 32)
	if err != nil {
		return nil, fmt.Errorf("secret: derive mac key: %w", err)
	}
	return k, nil
}

// MAC returns the hex HMAC-SHA256 of the parts, under a key derived from the
// current master key. It hashes short secrets (one-time codes) for storage:
// unlike a plain hash, a copy of the database alone does not let anyone try
// every possible code. Parts are length-prefixed, so ("ab", "c") and ("a",
// "bc") differ.
func (b *Box) MAC(parts ...string) string { return mac(b.macKeys[0], parts) }

// VerifyMAC reports whether m is the MAC of the parts under any of the Box's
// keys, so a code issued just before the current key changed still verifies
// while the previous key stays configured. Every key is tried, in constant
// time for each.
func (b *Box) VerifyMAC(m string, parts ...string) bool {
	ok := false
	for _, k := range b.macKeys {
		if EqualMAC(m, mac(k, parts)) {
			ok = true
		}
	}
	return ok
}

func mac(key []byte, parts []string) string {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		fmt.Fprintf(m, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(m.Sum(nil))
}

// EqualMAC compares two values returned by MAC in constant time.
func EqualMAC(a, b string) bool { return hmac.Equal([]byte(a), []byte(b)) }
