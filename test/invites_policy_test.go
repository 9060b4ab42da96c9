package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestInviteHonoursLoginPolicy checks that the session an acceptance
// returns is an ordinary password login: a tenant requiring TOTP answers
// with an enrolment challenge instead of tokens, and a tenant without
// password logins answers with no session (the account still joins).
func TestInviteHonoursLoginPolicy(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		accept := func(tm team, email string) obj {
			t.Helper()
			h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": email, "role": "staff"}).expect(http.StatusCreated)
			token := linkToken(t, nthMail(t, srv, email, inviteSubject, 1), "/accept-invite")
			return h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "password": goodPassword,
				"first_name": "Pol", "last_name": "Icy"}).expect(http.StatusOK).obj()
		}
		strict := h.newTeam(t, "Strict Spa")
		h.authConfig(t, strict.owner, strict.tenantID, map[string]any{"required_secondary_factors": []string{"totp"}})
		s := accept(strict, "mfa@example.com").sub("session")
		if !s.boolean("mfa_required") || !s.boolean("mfa_enrollment_required") || s.has("access_token") {
			t.Fatalf("acceptance into a TOTP tenant: %s", s)
		}

		codes := h.newTeam(t, "Codes Spa")
		h.authConfig(t, codes.owner, codes.tenantID, map[string]any{"first_factors": []string{"otp-email"}})
		acc := accept(codes, "otp@example.com")
		acc.null("session")
		if !acc.boolean("account_created") {
			t.Fatal("account_created is false")
		}
		if _, ok := h.memberByUser(t, codes.owner, "", acc.str("user_id")); !ok {
			t.Fatal("the account did not join the tenant")
		}
	})
}
