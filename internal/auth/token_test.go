package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/tenantry/tenantry/internal/secret"
)

func newRing(t *testing.T, keys ...SigningKey) (*KeyRing, *secret.Box) {
	t.Helper()
	box, err := secret.NewBox("1", map[string][]byte{"1": make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) == 0 {
		k, err := NewSigningKey(box, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	var r KeyRing
	if err := r.Load(keys, box); err != nil {
		t.Fatal(err)
	}
	return &r, box
}

func TestIssueVerify(t *testing.T) {
	ring, _ := newRing(t)
	tok := NewTokens(ring, "tenantry", "tenantry-api")
	now := time.Now()
	raw, err := tok.Issue(Principal{UserID: "usr_1", TenantID: "ten_1", Role: "owner", OutletIDs: []string{"out_1"}, Env: EnvProd,
		SessionID: "fam_1"}, now, 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	c, err := tok.Verify(raw)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != "usr_1" || c.TenantID != "ten_1" || c.Role != "owner" || c.Env != "prod" || c.ID == "" || c.SessionID != "fam_1" ||
		len(c.OutletIDs) != 1 || c.Issuer != "tenantry" || !c.ExpiresAt.Time.Equal(now.Add(30*time.Minute).Truncate(time.Second)) {
		t.Fatalf("claims %+v", c)
	}
	// Wrong issuer or audience, expiry and tampering are refused.
	for name, other := range map[string]*Tokens{
		"issuer":   NewTokens(ring, "someone-else", "tenantry-api"),
		"audience": NewTokens(ring, "tenantry", "other-api"),
	} {
		if _, err := other.Verify(raw); err == nil {
			t.Errorf("token accepted with wrong %s", name)
		}
	}
	expired, _ := tok.Issue(Principal{UserID: "usr_1"}, now.Add(-2*time.Hour), time.Hour)
	if _, err := tok.Verify(expired); err == nil {
		t.Error("expired token accepted")
	}
	parts := strings.Split(raw, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	forged := strings.Replace(string(payload), `"owner"`, `"admin"`, 1)
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(forged))
	if _, err := tok.Verify(strings.Join(parts, ".")); err == nil {
		t.Error("tampered token accepted")
	}
}

func TestAlgorithmPinned(t *testing.T) {
	ring, _ := newRing(t)
	tok := NewTokens(ring, "tenantry", "tenantry-api")
	claims := Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "usr_1", Issuer: "tenantry",
		Audience: jwt.ClaimStrings{"tenantry-api"}, IssuedAt: jwt.NewNumericDate(time.Now()), ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}}
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	hs, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("secret"))
	for name, raw := range map[string]string{"none": none, "HS256": hs} {
		if _, err := tok.Verify(raw); err == nil {
			t.Errorf("alg %s accepted", name)
		}
	}
}

func TestRotationAndUnknownKey(t *testing.T) {
	box, _ := secret.NewBox("1", map[string][]byte{"1": make([]byte, 32)})
	old, _ := NewSigningKey(box, time.Now().Add(-time.Hour))
	ring, _ := newRing(t, old)
	tok := NewTokens(ring, "i", "a")
	before, _ := tok.Issue(Principal{UserID: "u"}, time.Now(), time.Hour)
	fresh, _ := NewSigningKey(box, time.Now())
	if err := ring.Load([]SigningKey{old, fresh}, box); err != nil {
		t.Fatal(err)
	}
	after, _ := tok.Issue(Principal{UserID: "u"}, time.Now(), time.Hour)
	for _, raw := range []string{before, after} {
		if _, err := tok.Verify(raw); err != nil {
			t.Errorf("after rotation: %v", err)
		}
	}
	if jwks := ring.JWKS(); len(jwks) != 2 || jwks[0].Kid != fresh.ID {
		t.Fatalf("JWKS %+v", jwks)
	}
	// A token of a key this ring has never loaded names ErrUnknownKey.
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	stranger := jwt.NewWithClaims(jwt.SigningMethodEdDSA, Claims{RegisteredClaims: jwt.RegisteredClaims{Subject: "u", Issuer: "i",
		Audience: jwt.ClaimStrings{"a"}, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}})
	stranger.Header["kid"] = "kid_unknown"
	raw, _ := stranger.SignedString(priv)
	if _, err := tok.Verify(raw); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("unknown key: %v", err)
	}
}

func TestOpaque(t *testing.T) {
	a, ha, err := NewOpaque("rt_")
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewOpaque("rt_")
	if a == b || ha == hb || !strings.HasPrefix(a, "rt_") || HashOpaque(a) != ha || len(a) < 40 {
		t.Fatalf("opaque tokens %q %q", a, b)
	}
}
