package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/secret"
)

// Alg is the only signing algorithm Tenantry issues and accepts.
const Alg = "EdDSA"

// SigningKey is a token signing key as stored: the private half sealed with
// the master key.
type SigningKey struct {
	ID            string // the JWT "kid"
	Alg           string
	PublicKey     []byte
	PrivateSealed string
	CreatedAt     time.Time
}

// NewSigningKey makes a fresh Ed25519 key with its private half sealed by box.
func NewSigningKey(box *secret.Box, now time.Time) (SigningKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SigningKey{}, fmt.Errorf("new signing key: %w", err)
	}
	kid := id.NewAt(id.Key, now)
	sealed, err := box.Seal(priv.Seed(), sealContext(kid))
	if err != nil {
		return SigningKey{}, fmt.Errorf("new signing key: %w", err)
	}
	return SigningKey{ID: kid, Alg: Alg, PublicKey: pub, PrivateSealed: sealed, CreatedAt: now}, nil
}

func sealContext(kid string) string { return SigningKeySealContext(kid) }

// SigningKeySealContext binds a sealed private key to its key id.
func SigningKeySealContext(kid string) string { return "signing_key:" + kid }

// ErrUnknownKey means a token names a key this process has not loaded.
var ErrUnknownKey = errors.New("auth: unknown signing key")

// KeyRing holds the keys this process verifies with and the newest one it signs with.
type KeyRing struct {
	mu      sync.RWMutex
	signKID string
	signer  ed25519.PrivateKey
	public  map[string]ed25519.PublicKey
	order   []string // kids, newest first
}

// Load replaces the ring's contents with keys; the newest key signs.
func (r *KeyRing) Load(keys []SigningKey, box *secret.Box) error {
	if len(keys) == 0 {
		return errors.New("auth: no signing keys")
	}
	sorted := append([]SigningKey(nil), keys...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID > sorted[j].ID })
	newest := sorted[0]
	seed, err := box.Open(newest.PrivateSealed, sealContext(newest.ID))
	if err != nil {
		return fmt.Errorf("auth: open signing key %s (is the key it was sealed with in TENANTRY_MASTER_KEYS or TENANTRY_MASTER_KEY?): %w", newest.ID, err)
	}
	public := make(map[string]ed25519.PublicKey, len(sorted))
	order := make([]string, 0, len(sorted))
	for _, k := range sorted {
		public[k.ID] = ed25519.PublicKey(k.PublicKey)
		order = append(order, k.ID)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.signKID, r.signer, r.public, r.order = newest.ID, ed25519.NewKeyFromSeed(seed), public, order
	return nil
}

// Current returns the id of the key the ring signs with ("" before Load) and
// how many keys it holds.
func (r *KeyRing) Current() (kid string, n int) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.signKID, len(r.order)
}

func (r *KeyRing) signing() (string, ed25519.PrivateKey) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.signKID, r.signer
}

// Sign signs msg with the newest key and returns that key's id. Messages
// other than tokens carry a prefix of their own (audit checkpoints), so a
// signature of one kind never passes for another.
func (r *KeyRing) Sign(msg []byte) (kid string, sig []byte, err error) {
	kid, priv := r.signing()
	if priv == nil {
		return "", nil, errors.New("auth: the key ring has no signing key")
	}
	return kid, ed25519.Sign(priv, msg), nil
}

// PublicKey returns the verification key kid, if the ring holds it.
func (r *KeyRing) PublicKey(kid string) (ed25519.PublicKey, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.public[kid]
	return k, ok
}

// JWK is one public key in the JSON Web Key Set format (RFC 8037 for Ed25519).
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
}

// JWKS returns every verification key, newest first.
func (r *KeyRing) JWKS() []JWK {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]JWK, 0, len(r.order))
	for _, kid := range r.order {
		out = append(out, JWK{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(r.public[kid]), Kid: kid, Use: "sig", Alg: Alg})
	}
	return out
}
