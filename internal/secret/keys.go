package secret

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// ParseKey decodes a master key given as 64 hex characters or as base64 of 32 bytes.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if k, err := hex.DecodeString(s); err == nil && len(k) == KeySize {
		return k, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, errors.New("secret: a master key must be 32 bytes, written as 64 hex characters or base64")
}

// ParseKeys decodes a comma-separated list of master keys (current first),
// as ParseKey does each. An error names a key by its position, never by its
// value.
func ParseKeys(list string) ([][]byte, error) {
	var out [][]byte
	for i, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("secret: master key %d of the list is empty", i+1)
		}
		k, err := ParseKey(s)
		if err != nil {
			return nil, fmt.Errorf("master key %d of the list: %w", i+1, err)
		}
		out = append(out, k)
	}
	return out, nil
}

// Fingerprint is a master key's version: 8 hex characters derived from the
// key one way, stable for the key and safe to print.
func Fingerprint(key []byte) string {
	fp, err := hkdf.Key(sha256.New, key, nil, "tenantry master key fingerprint v1", 4)
	if err != nil { // only for a length HKDF cannot give, never 4 bytes
		panic(fmt.Sprintf("secret: fingerprint: %v", err))
	}
	return hex.EncodeToString(fp)
}
