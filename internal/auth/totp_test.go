package auth

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestHOTPRFC6238Vectors checks the test vectors of RFC 6238 Appendix B
// (8 digits, 30-second steps, T0 = 0) for all three hash functions.
func TestHOTPRFC6238Vectors(t *testing.T) {
	keys := map[string][]byte{
		"SHA1":   []byte("12345678901234567890"),
		"SHA256": []byte("12345678901234567890123456789012"),
		"SHA512": []byte("1234567890123456789012345678901234567890123456789012345678901234"),
	}
	hashes := map[string]func() hash.Hash{"SHA1": sha1.New, "SHA256": sha256.New, "SHA512": sha512.New}
	vectors := []struct {
		unix int64
		alg  string
		want string
	}{
		{59, "SHA1", "94287082"}, {59, "SHA256", "46119246"}, {59, "SHA512", "90693936"},
		{1111111109, "SHA1", "07081804"}, {1111111109, "SHA256", "68084774"}, {1111111109, "SHA512", "25091201"},
		{1111111111, "SHA1", "14050471"}, {1111111111, "SHA256", "67062674"}, {1111111111, "SHA512", "99943326"},
		{1234567890, "SHA1", "89005924"}, {1234567890, "SHA256", "91819424"}, {1234567890, "SHA512", "93441116"},
		{2000000000, "SHA1", "69279037"}, {2000000000, "SHA256", "90698825"}, {2000000000, "SHA512", "38618901"},
		{20000000000, "SHA1", "65353130"}, {20000000000, "SHA256", "77737706"}, {20000000000, "SHA512", "47863826"},
	}
	for _, v := range vectors {
		step := TOTPStep(time.Unix(v.unix, 0))
		if got := HOTP(hashes[v.alg], keys[v.alg], uint64(step), 8); got != v.want {
			t.Errorf("%s at %d: %s, want %s", v.alg, v.unix, got, v.want)
		}
	}
	// The 6-digit SHA-1 code apps show is the last six digits of the vector.
	if got := TOTPCode(keys["SHA1"], TOTPStep(time.Unix(59, 0))); got != "287082" {
		t.Errorf("6-digit code %s, want 287082", got)
	}
}

func TestMatchTOTP(t *testing.T) {
	secret := []byte("12345678901234567890")
	now := time.Unix(1234567890, 0)
	cur := TOTPStep(now)
	for _, d := range []int64{-1, 0, 1} {
		step, ok := MatchTOTP(secret, TOTPCode(secret, cur+d), now, nil)
		if !ok || step != cur+d {
			t.Errorf("step %+d: matched %v at %d", d, ok, step)
		}
	}
	for _, d := range []int64{-2, 2} {
		if _, ok := MatchTOTP(secret, TOTPCode(secret, cur+d), now, nil); ok {
			t.Errorf("step %+d accepted outside the window", d)
		}
	}
	used := cur
	if _, ok := MatchTOTP(secret, TOTPCode(secret, cur), now, &used); ok {
		t.Error("a used step was accepted again")
	}
	if _, ok := MatchTOTP(secret, TOTPCode(secret, cur+1), now, &used); !ok {
		t.Error("the step after the used one was refused")
	}
	code := TOTPCode(secret, cur)
	if _, ok := MatchTOTP(secret, code[:3]+" "+code[3:], now, nil); !ok {
		t.Error("a code typed with a space was refused")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if _, ok := MatchTOTP(secret, bad, now, nil); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTOTPURIAndSecret(t *testing.T) {
	s, err := NewTOTPSecret()
	if err != nil || len(s) != 20 {
		t.Fatalf("secret %x: %v", s, err)
	}
	if other, _ := NewTOTPSecret(); string(other) == string(s) {
		t.Fatal("two secrets are equal")
	}
	u, err := url.Parse(TOTPURI("ana+1@example.com", s))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Tenantry:ana+1@example.com" ||
		q.Get("secret") != EncodeTOTPSecret(s) || q.Get("issuer") != "Tenantry" || q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Fatalf("uri %s", u)
	}
	if strings.Contains(EncodeTOTPSecret(s), "=") || len(EncodeTOTPSecret(s)) != 32 {
		t.Fatalf("encoded secret %s", EncodeTOTPSecret(s))
	}
}
