// Package secret encrypts credentials at rest with AES-256-GCM under
// versioned master keys, so that keys can be rotated without re-encrypting
// everything at once: a Box seals with its current key and opens with any of
// its keys, and Reseal moves one value to the current key.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
)

// KeySize is the length of a master key in bytes.
const KeySize = 32

// LegacyVersion is the version every value was sealed under before master
// keys had fingerprints: a Box without a key of that explicit version tries
// each of its keys on such a value (GCM authenticates, so only the key it was
// sealed with opens it).
const LegacyVersion = "1"

// Box seals and opens secrets. Sealed values read "v<version>.<base64>".
// A Box never prints its keys (see String).
type Box struct {
	current string
	order   []string // versions, current first
	aeads   map[string]cipher.AEAD
	macKeys [][]byte // derived from each key, current first; see MAC
}

// NewBox returns a Box sealing with keys[current] and opening with any of
// keys, under versions chosen by the caller (tests; servers use FromKeys).
func NewBox(current string, keys map[string][]byte) (*Box, error) {
	if keys[current] == nil {
		return nil, fmt.Errorf("secret: no key for current version %q", current)
	}
	order := []string{current}
	var rest []string
	for v := range keys {
		if v != current {
			rest = append(rest, v)
		}
	}
	sort.Strings(rest)
	order = append(order, rest...)
	b := &Box{current: current, order: order, aeads: map[string]cipher.AEAD{}}
	for _, v := range order {
		k := keys[v]
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
		mk, err := deriveMACKey(k)
		if err != nil {
			return nil, err
		}
		b.aeads[v] = aead
		b.macKeys = append(b.macKeys, mk)
	}
	return b, nil
}

// FromKeys returns a Box sealing with keys[0] and opening with any of keys,
// each under its Fingerprint as version. Values of LegacyVersion open with
// whichever key sealed them.
func FromKeys(keys [][]byte) (*Box, error) {
	if len(keys) == 0 {
		return nil, errors.New("secret: no master key")
	}
	m := make(map[string][]byte, len(keys))
	for i, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("secret: master key %d is %d bytes, want %d", i+1, len(k), KeySize)
		}
		v := Fingerprint(k)
		if m[v] != nil {
			return nil, fmt.Errorf("secret: master key %d is given twice (fingerprint %s)", i+1, v)
		}
		m[v] = k
	}
	return NewBox(Fingerprint(keys[0]), m)
}

// Current returns the version new values are sealed under.
func (b *Box) Current() string { return b.current }

// Versions returns the versions of the Box's keys, the current one first.
func (b *Box) Versions() []string { return append([]string(nil), b.order...) }

// String describes the Box without its keys, so printing or logging one by
// mistake reveals nothing.
func (b *Box) String() string {
	return fmt.Sprintf("secret.Box(current %s, %d keys)", b.current, len(b.order))
}

// GoString is String, for %#v.
func (b *Box) GoString() string { return b.String() }

// LogValue is String, for log/slog.
func (b *Box) LogValue() slog.Value { return slog.StringValue(b.String()) }

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

// VersionOf returns the version a sealed value names ("" when it names none).
func VersionOf(sealed string) string {
	rest, ok := strings.CutPrefix(sealed, "v")
	version, _, dot := strings.Cut(rest, ".")
	if !ok || !dot {
		return ""
	}
	return version
}

// IsCurrent reports whether sealed is under the current key's version.
func (b *Box) IsCurrent(sealed string) bool { return VersionOf(sealed) == b.current }

// Open decrypts a value made by Seal with the same context.
func (b *Box) Open(sealed, context string) ([]byte, error) {
	rest, _ := strings.CutPrefix(sealed, "v")
	version, body, ok := strings.Cut(rest, ".")
	if !ok {
		return nil, errors.New("secret: malformed sealed value")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return nil, errors.New("secret: malformed sealed value")
	}
	if aead := b.aeads[version]; aead != nil {
		return open(aead, raw, context)
	}
	if version != LegacyVersion {
		return nil, fmt.Errorf("secret: unknown key version %q", version)
	}
	for _, v := range b.order {
		if plain, err := open(b.aeads[v], raw, context); err == nil {
			return plain, nil
		}
	}
	return nil, errors.New("secret: open: no configured master key opens this value (version 1)")
}

func open(aead cipher.AEAD, raw []byte, context string) ([]byte, error) {
	if len(raw) < aead.NonceSize() {
		return nil, errors.New("secret: malformed sealed value")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(context))
	if err != nil {
		return nil, fmt.Errorf("secret: open: %w", err)
	}
	return plain, nil
}

// Reseal returns sealed re-encrypted under the current key, and true; or
// sealed itself and false when it already is under the current key.
func (b *Box) Reseal(sealed, context string) (string, bool, error) {
	if b.IsCurrent(sealed) {
		return sealed, false, nil
	}
	plain, err := b.Open(sealed, context)
	if err != nil {
		return "", false, err
	}
	out, err := b.Seal(plain, context)
	clear(plain)
	return out, err == nil, err
}

// NewKey returns a fresh random master key, hex-encoded.
func NewKey() (string, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return "", fmt.Errorf("secret: new key: %w", err)
	}
	return hex.EncodeToString(k), nil
}
