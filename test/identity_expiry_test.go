package test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/store"
)

// newestSecret returns the code or reset token in the newest message of
// kind queued to the address to. The message is queued in the request's
// transaction, so it is in the outbox when the answer arrives.
func newestSecret(t *testing.T, db *store.DB, to, kind string) string {
	t.Helper()
	for _, m := range mailTo(t, db, to) { // newest first
		if m.Kind != kind {
			continue
		}
		if kind == mail.KindOTP {
			return sixDigits.FindString(m.Subject)
		}
		u, err := url.Parse(regexp.MustCompile(`https?://\S+/reset-password\?\S+`).FindString(m.Text))
		if err == nil && u.Query().Get("token") != "" {
			return u.Query().Get("token")
		}
	}
	t.Fatalf("no %s message to %s in the outbox", kind, to)
	return ""
}

// TestSecretsExpireOnTheServerClock: a sign-in code lives 10 minutes and a
// reset link an hour of the server's clock, to the second.
func TestSecretsExpireOnTheServerClock(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		email, db := h.newAccount(t, "expiry@example.com"), outbox(t, h.cfg)
		verify := func() *response {
			return h.post(t, "/api/v1/auth/otp/verify", "", map[string]any{"email": email, "code": newestSecret(t, db, email, mail.KindOTP)})
		}
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email}).expect(http.StatusOK)
		h.clock.advance(identity.OTPTTL)
		verify().problem(http.StatusUnauthorized, "invalid_code")
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email}).expect(http.StatusOK)
		h.clock.advance(identity.OTPTTL - time.Second)
		verify().expect(http.StatusOK)

		reset := func(password string) *response {
			return h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": newestSecret(t, db, email, mail.KindReset),
				"new_password": password})
		}
		h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": email}).expect(http.StatusOK)
		h.clock.advance(identity.ResetTTL)
		reset(newPass).problem(http.StatusUnauthorized, "invalid_reset_token")
		h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": email}).expect(http.StatusOK)
		h.clock.advance(identity.ResetTTL - time.Second)
		reset(newPass).expect(http.StatusOK)
		h.login(t, email, newPass)
	})
}

// TestResetThrottle: five reset links per email in 15 minutes, for any
// email, then 429 reset_throttled until the 15 minutes have passed; the
// sign-in code requests of the same email are counted apart.
func TestResetThrottle(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		for _, email := range []string{h.newAccount(t, "forgetful@example.com"), "nobody@example.com"} {
			forgot := func() *response {
				return h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": email})
			}
			for range 5 {
				forgot().expect(http.StatusOK)
			}
			r := forgot()
			r.problem(http.StatusTooManyRequests, "reset_throttled")
			if ra := r.header.Get("Retry-After"); ra != "900" {
				t.Errorf("Retry-After %q, want 900", ra)
			}
			h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email}).expect(http.StatusOK)
			h.clock.advance(15*time.Minute - 10*time.Millisecond)
			forgot().problem(http.StatusTooManyRequests, "reset_throttled")
			h.clock.advance(10 * time.Millisecond)
			if o := forgot().expect(http.StatusOK).obj(); !strings.HasPrefix(o.str("message"), "If that email exists") {
				t.Errorf("answer %s", o)
			}
		}
	})
}
