package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/tenantry/tenantry/internal/id"
)

// Tokens issues and verifies access tokens with the keys of a KeyRing.
type Tokens struct {
	Ring     *KeyRing
	Issuer   string
	Audience string
	Now      func() time.Time // the clock Verify checks expiry and issue times by; nil: time.Now
	parser   *jwt.Parser
}

// NewTokens returns a Tokens pinned to EdDSA, the issuer and the audience.
func NewTokens(ring *KeyRing, issuer, audience string) *Tokens {
	t := &Tokens{Ring: ring, Issuer: issuer, Audience: audience}
	t.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{Alg}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(t.now),
	)
	return t
}

func (t *Tokens) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// Issue signs an access token for p that lives for ttl.
func (t *Tokens) Issue(p Principal, now time.Time, ttl time.Duration) (string, error) {
	kid, key := t.Ring.signing()
	if key == nil {
		return "", errors.New("auth: no signing key loaded")
	}
	c := Claims{
		TenantID: p.TenantID, Role: string(p.Role), OutletIDs: p.OutletIDs, Env: p.Env, AMR: p.AMR, SessionID: p.SessionID,
		Act: actorOf(p.ImpersonatorID),
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   p.UserID,
			Issuer:    t.Issuer,
			Audience:  jwt.ClaimStrings{t.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
			ID:        id.NewAt(id.Token, now),
		},
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		return "", fmt.Errorf("auth: sign: %w", err)
	}
	return s, nil
}

// Verify checks a token's signature, algorithm, issuer, audience and expiry
// and returns its claims. A token signed by a key not loaded here fails with
// ErrUnknownKey so the caller can reload keys and try once more.
func (t *Tokens) Verify(raw string) (*Claims, error) {
	var c Claims
	_, err := t.parser.ParseWithClaims(raw, &c, func(tok *jwt.Token) (any, error) {
		kid, _ := tok.Header["kid"].(string)
		k, ok := t.Ring.PublicKey(kid)
		if !ok {
			return nil, ErrUnknownKey
		}
		return k, nil
	})
	if err != nil {
		return nil, fmt.Errorf("auth: verify: %w", err)
	}
	if c.Subject == "" {
		return nil, errors.New("auth: verify: token has no subject")
	}
	return &c, nil
}

// NewOpaque returns a high-entropy opaque token (for refresh tokens) and the
// hash under which it is stored.
func NewOpaque(prefix string) (plain, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: opaque token: %w", err)
	}
	plain = prefix + base64.RawURLEncoding.EncodeToString(b)
	return plain, HashOpaque(plain), nil
}

// HashOpaque returns the storage hash of an opaque token.
func HashOpaque(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

func actorOf(impersonator string) *Actor {
	if impersonator == "" {
		return nil
	}
	return &Actor{Sub: impersonator}
}
