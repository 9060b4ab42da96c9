package test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/mailtest"
)

const otpSent = "If that email can sign in, a code has been sent"

// TestOTPLogin: passwordless sign-in with a code read from the delivered
// mail; the answer to a request never tells whether the email has an
// account; a code works once, for the newest request only, and not after
// five wrong guesses; unknown emails answer like wrong codes.
func TestOTPLogin(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		acc := h.register(t, "Otp Spa")
		known := h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": acc.email}).expect(http.StatusOK)
		unknown := h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": "ghost@otp-spa.example.com"}).expect(http.StatusOK)
		if string(known.body) != string(unknown.body) || known.obj().str("message") != otpSent {
			t.Fatalf("answers differ: %s / %s", known.body, unknown.body)
		}
		m := nthMail(t, srv, acc.email, codeSubject, 1)
		code := codeOf(t, m)
		if !strings.Contains(m.Text, "10 minutes") {
			t.Errorf("the mail does not say how long the code lasts: %q", m.Text)
		}

		verify := func(email, code, tenantID string) *response {
			body := map[string]any{"email": email, "code": code}
			if tenantID != "" {
				body["tenant_id"] = tenantID
			}
			return h.post(t, "/api/v1/auth/otp/verify", "", body)
		}
		s := verify(acc.email, code, acc.tenantID).expect(http.StatusOK).obj()
		s.eq("tenant_id", acc.tenantID)
		s.eq("role", "owner")
		if s.str("refresh_token") == "" || len(s.objs("tenants")) != 1 {
			t.Fatalf("OTP login answer %s", s)
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, s.str("access_token")).expect(http.StatusOK)
		verify(acc.email, code, "").problem(http.StatusUnauthorized, "invalid_code") // single use

		// A newer code retires the older one.
		older := h.requestCode(t, srv, acc.email, 2)
		newer := h.requestCode(t, srv, acc.email, 3)
		if older != newer {
			verify(acc.email, older, "").problem(http.StatusUnauthorized, "invalid_code")
		}
		verify(acc.email, newer, "").expect(http.StatusOK)

		// Five wrong guesses kill a code: the right one fails afterwards.
		code = h.requestCode(t, srv, acc.email, 4)
		wrong := strconv.Itoa((mustAtoi(t, code) + 1) % 1000000)
		wrong = strings.Repeat("0", 6-len(wrong)) + wrong
		for i := 0; i < 5; i++ {
			verify(acc.email, wrong, "").problem(http.StatusUnauthorized, "invalid_code")
		}
		verify(acc.email, code, "").problem(http.StatusUnauthorized, "invalid_code")

		// Unknown emails and malformed codes answer like wrong codes; missing fields are 422.
		verify("ghost@otp-spa.example.com", "123456", "").problem(http.StatusUnauthorized, "invalid_code")
		verify(acc.email, "12ab56", "").problem(http.StatusUnauthorized, "invalid_code")
		p := h.post(t, "/api/v1/auth/otp/verify", "", map[string]any{"email": "nope"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		if fe := p.fieldErrors(); fe["email"] != "invalid_email" || fe["code"] != "required" {
			t.Errorf("field errors %v", fe)
		}

		// Nothing was sent to the unknown email, and no code or token reached the audit log.
		if got := srv.To("ghost@otp-spa.example.com"); len(got) != 0 {
			t.Errorf("mail sent to an unknown email: %v", got)
		}
		actions, raw := h.auditActions(t, "public")
		if actions["auth.otp_request:success"] != 5 || actions["auth.otp_verify:failure"] < 8 {
			t.Errorf("audit of the public tenant: %v", actions)
		}
		scoped, _ := h.auditActions(t, acc.tenantID)
		if scoped["auth.otp_verify:success"] != 1 || scoped["auth.login:success"] != 1 {
			t.Errorf("audit of the tenant: %v", scoped)
		}
		noLeak(t, raw, code, older, newer, s.str("access_token"), s.str("refresh_token"))
	})
}

func mustAtoi(t testing.TB, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOTPConcurrentVerify: of several simultaneous verifications of one
// code, exactly one signs in.
func TestOTPConcurrentVerify(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		email := h.newAccount(t, "race@otp.example.com")
		code := h.requestCode(t, srv, email, 1)
		var wg sync.WaitGroup
		statuses := make([]int, 6)
		for i := range statuses {
			wg.Go(func() {
				statuses[i] = h.post(t, "/api/v1/auth/otp/verify", "", map[string]any{"email": email, "code": code}).status
			})
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusUnauthorized:
			default:
				t.Errorf("status %d", s)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of %d concurrent verifications signed in: %v", ok, len(statuses), statuses)
		}
	})
}

// TestOTPThrottleAndInactive: requests are limited to five per email in 15
// minutes (429 otp_throttled with Retry-After, for any email), after which
// the email may ask again; a deactivated account gets the same answer and no
// code.
func TestOTPThrottleAndInactive(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		for _, email := range []string{h.newAccount(t, "busy@otp.example.com"), "nobody@otp.example.com"} {
			for i := 0; i < 5; i++ {
				h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email}).expect(http.StatusOK)
			}
			r := h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": email})
			r.problem(http.StatusTooManyRequests, "otp_throttled")
			if ra := r.header.Get("Retry-After"); ra != "900" { // 15 minutes less the few milliseconds of the requests
				t.Errorf("Retry-After %q, want 900", ra)
			}
		}
		h.clock.advance(15 * time.Minute)
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": "busy@otp.example.com"}).expect(http.StatusOK)
		// A deactivated tenant's owner is deactivated with it: same answer, no
		// mail. A code would be in the outbox with the answer; none is.
		acc := h.register(t, "Closed Otp Spa")
		h.del(t, "/api/v1/tenants/"+acc.tenantID, h.admin(t)).expect(http.StatusNoContent)
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": acc.email}).expect(http.StatusOK).obj().eq("message", otpSent)
		nthMail(t, srv, "busy@otp.example.com", codeSubject, 6) // the busy account's six codes arrived
		for _, m := range mailTo(t, outbox(t, h.cfg), acc.email) {
			if m.Kind == mail.KindOTP {
				t.Fatalf("a deactivated account got a code: %q", m.Subject)
			}
		}
		h.post(t, "/api/v1/auth/otp/request", "", map[string]any{"email": "bad"}).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
