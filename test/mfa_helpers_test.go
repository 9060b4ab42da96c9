package test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// authenticator plays a user's authenticator app: it computes RFC 6238 codes
// (HMAC-SHA-1, 6 digits, 30 s) from the base32 secret shown at enrolment,
// written here independently of the server's code, at the time of the
// server's clock. Each code is of a later step than the last one it gave
// (the server refuses replays): when the current step's code was given, it
// moves the clock on to the next step, as a user waits for a new code.
type authenticator struct {
	t      testing.TB
	clock  *testClock
	secret []byte
	last   int64
}

func newAuthenticator(t testing.TB, clock *testClock, secret string) *authenticator {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil || len(key) < 16 {
		t.Fatalf("secret %q is not base32 of at least 128 bits: %v", secret, err)
	}
	return &authenticator{t: t, clock: clock, secret: key}
}

// codeAt is the code of one time step.
func (a *authenticator) codeAt(step int64) string {
	mac := hmac.New(sha1.New, a.secret)
	_ = binary.Write(mac, binary.BigEndian, step)
	sum := mac.Sum(nil)
	off := sum[19] & 0x0f
	n := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	return fmt.Sprintf("%06d", n%1000000)
}

// next returns a fresh code the server must accept.
func (a *authenticator) next() string {
	a.t.Helper()
	now := a.clock.peek()
	if step := now.Unix() / 30; step <= a.last {
		a.clock.advance(time.Unix((a.last+1)*30, 0).Sub(now))
	}
	a.last = a.clock.peek().Unix() / 30
	return a.codeAt(a.last)
}

// enrolTOTP enrols and confirms TOTP for the holder of token and returns
// the authenticator and the recovery codes.
func (h *harness) enrolTOTP(t testing.TB, token string) (*authenticator, []string) {
	t.Helper()
	e := h.post(t, "/api/v1/me/mfa/totp", token, nil).expect(http.StatusCreated).obj()
	app := newAuthenticator(t, h.clock, e.str("secret"))
	h.post(t, "/api/v1/me/mfa/totp/verify", token, map[string]any{"code": app.next()}).expect(http.StatusOK).obj()
	return app, e.strs("recovery_codes")
}

// loginBody logs in with a password (naming tenantID unless "") and returns
// the 200 body, tokens or MFA challenge.
func (h *harness) loginBody(t testing.TB, email, password, tenantID string) obj {
	t.Helper()
	body := map[string]any{"email": email, "password": password}
	if tenantID != "" {
		body["tenant_id"] = tenantID
	}
	return h.post(t, "/api/v1/auth/login", "", body).expect(http.StatusOK).obj()
}

// challenged checks that a login answered with an MFA challenge (with
// enrolment required or not) and returns its mfa_token.
func challenged(t testing.TB, o obj, enrol bool) string {
	t.Helper()
	if !o.boolean("mfa_required") || o.has("access_token") || o.has("refresh_token") {
		t.Fatalf("want an MFA challenge instead of tokens: %s", o)
	}
	if got := o.has("mfa_enrollment_required") && o.boolean("mfa_enrollment_required"); got != enrol {
		t.Fatalf("mfa_enrollment_required = %v, want %v: %s", got, enrol, o)
	}
	if f := o.strs("factors"); len(f) != 1 || f[0] != "totp" || o.num("expires_in") != 300 {
		t.Fatalf("challenge factors/expiry: %s", o)
	}
	tok := o.str("mfa_token")
	if len(tok) < 40 {
		t.Fatalf("mfa_token %q too short", tok)
	}
	return tok
}

// amr returns the amr claim of an access token.
func amr(t testing.TB, token string) []string {
	t.Helper()
	c := claims(t, token)
	if !c.has("amr") {
		return nil
	}
	return c.strs("amr")
}

// authConfig PUTs body as tenantID's auth config with token, expecting 200.
func (h *harness) authConfig(t testing.TB, token, tenantID string, body map[string]any) obj {
	t.Helper()
	return h.put(t, "/api/v1/tenants/"+tenantID+"/auth-config", token, body).expect(http.StatusOK).obj()
}

// auditActions returns the actions (with outcome) of a tenant's audit log,
// as the platform admin reads it, and the raw body to check for leaks.
func (h *harness) auditActions(t testing.TB, tenantID string) (map[string]int, string) {
	t.Helper()
	r := h.get(t, "/api/v1/audit-logs?limit=500&tenant_id="+tenantID, h.admin(t)).expect(http.StatusOK)
	out := map[string]int{}
	for _, e := range r.list() {
		out[e.str("action")+":"+e.str("outcome")]++
	}
	return out, string(r.body)
}

// noLeak fails when any secret appears in body.
func noLeak(t testing.TB, body string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(body, s) {
			t.Errorf("%q leaked into %s", s, body)
		}
	}
}
