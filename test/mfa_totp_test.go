package test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestTOTPEnrolment: enrolment shows the secret, the otpauth URI and ten
// recovery codes once; until confirmed TOTP is not required; confirmation
// needs a correct code; the secret is stored sealed and never audited.
func TestTOTPEnrolment(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Totp Spa")
		tok := h.token(t, acc.email, acc.password)

		st := h.get(t, "/api/v1/me/mfa/totp", tok).expect(http.StatusOK).obj()
		if st.boolean("enabled") || st.boolean("pending") || st.num("recovery_codes_left") != 0 {
			t.Fatalf("status before enrolment: %s", st)
		}
		h.post(t, "/api/v1/me/mfa/totp/verify", tok, map[string]any{"code": "123456"}).problem(http.StatusConflict, "totp_not_enrolled")
		h.post(t, "/api/v1/me/mfa/totp", "", nil).problem(http.StatusUnauthorized, "missing_token")

		e := h.post(t, "/api/v1/me/mfa/totp", tok, nil).expect(http.StatusCreated).obj()
		secret, codes := e.str("secret"), e.strs("recovery_codes")
		u, err := url.Parse(e.str("otpauth_uri"))
		if err != nil {
			t.Fatal(err)
		}
		if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Tenantry:"+acc.email || u.Query().Get("secret") != secret ||
			u.Query().Get("issuer") != "Tenantry" || e.num("digits") != 6 || e.num("period") != 30 {
			t.Fatalf("enrolment: %s", e)
		}
		slices.Sort(codes)
		if len(slices.Compact(codes)) != 10 {
			t.Fatalf("recovery codes: %v", e.strs("recovery_codes"))
		}
		if st := h.get(t, "/api/v1/me/mfa/totp", tok).expect(http.StatusOK).obj(); !st.boolean("pending") || st.boolean("enabled") {
			t.Fatalf("status after enrolment: %s", st)
		}
		// Not confirmed yet: logins are not challenged.
		if o := h.login(t, acc.email, acc.password); o.has("mfa_required") {
			t.Fatalf("an unconfirmed enrolment challenged the login: %s", o)
		}

		app := newAuthenticator(t, h.clock, secret)
		wrong := h.post(t, "/api/v1/me/mfa/totp/verify", tok, map[string]any{"code": "000000"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		if wrong.fieldError("code").str("code") != "invalid_code" {
			t.Fatalf("wrong code: %s", wrong)
		}
		h.post(t, "/api/v1/me/mfa/totp/verify", tok, map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		first := app.next()
		st = h.post(t, "/api/v1/me/mfa/totp/verify", tok, map[string]any{"code": first}).expect(http.StatusOK).obj()
		if !st.boolean("enabled") || st.boolean("pending") || st.num("recovery_codes_left") != 10 {
			t.Fatalf("confirmed: %s", st)
		}
		h.post(t, "/api/v1/me/mfa/totp/verify", tok, map[string]any{"code": first}).problem(http.StatusConflict, "totp_already_enabled")
		h.post(t, "/api/v1/me/mfa/totp", tok, nil).problem(http.StatusConflict, "totp_already_enabled")

		// Now every login of this user is challenged; the code used to confirm cannot be replayed.
		mfa := challenged(t, h.login(t, acc.email, acc.password), false)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": first}).problem(http.StatusUnauthorized, "invalid_mfa_code")
		// Two concurrent answers with the same fresh code: one login.
		code := app.next()
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": code}).status
			}()
		}
		wg.Wait()
		slices.Sort(statuses)
		if !slices.Equal(statuses, []int{http.StatusOK, http.StatusUnauthorized}) {
			t.Fatalf("concurrent verifies answered %v, want one 200 and one 401", statuses)
		}
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": code}).problem(http.StatusUnauthorized, "invalid_mfa_token")

		actions, body := h.auditActions(t, "public")
		noLeak(t, body, secret, first, code, mfa)
		noLeak(t, body, e.strs("recovery_codes")...)
		for _, a := range []string{"mfa.enroll:success", "mfa.confirm:success", "mfa.confirm:failure", "auth.mfa_challenge:success",
			"auth.mfa_verify:success", "auth.mfa_verify:failure"} {
			if actions[a] == 0 {
				t.Errorf("no %s event: %v", a, actions)
			}
		}
		var sealed string
		if err := h.rawDB(t).QueryRow(`SELECT t.secret_sealed FROM user_totp t JOIN users u ON u.id = t.user_id WHERE u.email = '` + acc.email + `'`).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		noLeak(t, sealed, secret)
	})
}

// TestMFALogin: a user with TOTP gets a challenge instead of tokens, and the
// verified login carries amr "mfa"; recovery codes work once; a challenge
// allows five wrong codes, and repeated failures throttle the account.
func TestMFALogin(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Second Factor Spa")
		app, recovery := h.enrolTOTP(t, h.token(t, acc.email, acc.password))

		o := h.loginBody(t, acc.email, acc.password, acc.tenantID)
		mfa := challenged(t, o, false)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, "/api/v1/auth/mfa/enroll", "", map[string]any{"mfa_token": mfa}).problem(http.StatusForbidden, "mfa_enrollment_not_allowed")
		s := h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": app.next()}).expect(http.StatusOK).obj()
		s.eq("tenant_id", acc.tenantID)
		s.eq("role", "owner")
		if got := amr(t, s.str("access_token")); !slices.Equal(got, []string{"pwd", "mfa"}) || s.str("refresh_token") == "" {
			t.Fatalf("verified login: amr %v, %s", got, s)
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, s.str("access_token")).expect(http.StatusOK)
		ref := h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": s.str("refresh_token")}).expect(http.StatusOK).obj()
		if got := amr(t, ref.str("access_token")); !slices.Equal(got, []string{"pwd", "mfa"}) {
			t.Fatalf("amr after refresh: %v", got)
		}

		// A recovery code completes a login once.
		mfa = challenged(t, h.login(t, acc.email, acc.password), false)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": recovery[3]}).expect(http.StatusOK)
		mfa = challenged(t, h.login(t, acc.email, acc.password), false)
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": recovery[3]}).problem(http.StatusUnauthorized, "invalid_mfa_code")
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": "mfa_forged", "code": "123456"}).problem(http.StatusUnauthorized, "invalid_mfa_token")

		// Five wrong codes use the challenge up; the account is then throttled briefly.
		for range 4 {
			h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": "999999"}).problem(http.StatusUnauthorized, "invalid_mfa_code")
		}
		h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": mfa, "code": recovery[4]}).problem(http.StatusUnauthorized, "invalid_mfa_token")
		// The fifth failure locked the account's second factor for a second,
		// before a code is even checked; the delay doubles with each further
		// failure.
		fresh := challenged(t, h.login(t, acc.email, acc.password), false)
		wrong := func() *response {
			return h.post(t, "/api/v1/auth/mfa/verify", "", map[string]any{"mfa_token": fresh, "code": "999999"})
		}
		for _, wait := range []int{1, 2} {
			r := wrong()
			r.problem(http.StatusTooManyRequests, "mfa_throttled")
			if ra := r.header.Get("Retry-After"); ra != strconv.Itoa(wait) {
				t.Errorf("Retry-After %q on mfa_throttled, want %d", ra, wait)
			}
			h.clock.advance(time.Duration(wait) * time.Second)
			wrong().problem(http.StatusUnauthorized, "invalid_mfa_code")
		}

		scoped, _ := h.auditActions(t, acc.tenantID)
		if scoped["auth.mfa_challenge:success"] != 1 || scoped["auth.mfa_verify:success"] != 1 || scoped["auth.login:success"] != 1 {
			t.Errorf("tenant audit: %v", scoped)
		}
		global, body := h.auditActions(t, "public")
		noLeak(t, body, recovery...)
		if global["auth.recovery_code_used:success"] != 1 || global["auth.mfa_verify:failure"] < 5 || global["auth.mfa_challenge:success"] < 3 {
			t.Errorf("public audit: %v", global)
		}
	})
}

// TestTOTPDisable: disabling needs a current code or a recovery code; then
// logins are no longer challenged.
func TestTOTPDisable(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		a := h.register(t, "Disable Alpha")
		b := h.register(t, "Disable Beta")
		tokA, tokB := h.token(t, a.email, a.password), h.token(t, b.email, b.password)
		del := func(tok string, body any) *response {
			return h.do(t, http.MethodDelete, "/api/v1/me/mfa/totp", req{token: tok, body: body})
		}
		del(tokA, map[string]any{"code": "123456"}).problem(http.StatusNotFound, "totp_not_enabled")
		appA, _ := h.enrolTOTP(t, tokA)
		_, recoveryB := h.enrolTOTP(t, tokB)

		del(tokA, map[string]any{"code": "000000"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		del(tokA, map[string]any{"code": recoveryB[0]}).problem(http.StatusUnprocessableEntity, "validation_failed")
		del(tokA, nil).problem(http.StatusBadRequest, "empty_body")
		del(tokA, map[string]any{"code": appA.next()}).expect(http.StatusNoContent)
		del(tokB, map[string]any{"code": recoveryB[0]}).expect(http.StatusNoContent)
		for _, acc := range []account{a, b} {
			if o := h.login(t, acc.email, acc.password); o.has("mfa_required") || o.str("access_token") == "" {
				t.Fatalf("login after disabling: %s", o)
			}
		}
		st := h.get(t, "/api/v1/me/mfa/totp", tokA).expect(http.StatusOK).obj()
		if st.boolean("enabled") || st.boolean("pending") || st.num("recovery_codes_left") != 0 {
			t.Fatalf("status after disabling: %s", st)
		}
		actions, _ := h.auditActions(t, "public")
		if actions["mfa.disable:success"] != 2 || actions["mfa.disable:failure"] != 2 || actions["auth.recovery_code_used:success"] != 1 {
			t.Errorf("audit: %v", actions)
		}
	})
}
