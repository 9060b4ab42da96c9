// Package secret encrypts credentials at rest with AES-256-GCM under a
// versioned master key, so that keys can be rotated without re-encrypting
// everything at once.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length of a master key in bytes.
const KeySize = 32

// Box seals and opens secrets. Sealed values read "v<version>.<base64>".
type Box struct {
	current string
	aeads   map[string]cipher.AEAD
	macKey  []byte // derived from the current key, see MAC
}

// NewBox returns a Box sealing with keys[current] and opening with any of keys.
func NewBox(current string, keys map[string][]byte) (*Box, error) {
	b := &Box{current: current, aeads: map[string]cipher.AEAD{}}
	for v, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("secret: key %s is %d bytes, want %d", v, len(k), KeySize)
		}
		block, err := aes.NewCipher(k)
		if err != nil {
			return nil, fmt.Errorf("secret: key %s: %w", v, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("secret: key %s: %w", v, err)
		}
		b.aeads[v] = aead
	}
	if b.aeads[current] == nil {
		return nil, fmt.Errorf("secret: no key for current version %q", current)
	}
	mk, err := deriveMACKey(keys[current])
	if err != nil {
		return nil, err
	}
	b.macKey = mk
	return b, nil
}

// Seal encrypts plaintext, binding it to context (for example "signing_key:kid_…")
// so a sealed value cannot be moved to another row.
func (b *Box) Seal(plaintext []byte, context string) (string, error) {
	aead := b.aeads[b.current]
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secret: nonce: %w", err)
	}
	out := aead.Seal(nonce, nonce, plaintext, []byte(context))
	return "v" + b.current + "." + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a value made by Seal with the same context.
func (b *Box) Open(sealed, context string) ([]byte, error) {
	version, body, ok := strings.Cut(strings.TrimPrefix(sealed, "v"), ".")
	aead := b.aeads[version]
	if !ok || aead == nil {
		return nil, fmt.Errorf("secret: unknown key version %q", version)
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil || len(raw) < aead.NonceSize() {
		return nil, errors.New("secret: malformed sealed value")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(context))
	if err != nil {
		return nil, fmt.Errorf("secret: open: %w", err)
	}
	return plain, nil
}

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

// NewKey returns a fresh random master key, hex-encoded.
func NewKey() (string, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return "", fmt.Errorf("secret: new key: %w", err)
	}
	return hex.EncodeToString(k), nil
}
