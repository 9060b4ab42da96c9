package test

import (
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestInviteExpiry: an invitation can be accepted until seven days have
// passed on the server's clock, and not from then on; it is then listed as
// expired.
func TestInviteExpiry(t *testing.T) {
	t.Parallel()
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Week Spa")
		accept := func(token string) *response {
			return h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "password": goodPassword,
				"first_name": "W", "last_name": "K"})
		}
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "punctual@example.com", "role": "viewer"}).expect(http.StatusCreated)
		punctual := linkToken(t, nthMail(t, srv, "punctual@example.com", inviteSubject, 1), "/accept-invite")
		late := h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "late@example.com", "role": "viewer"}).
			expect(http.StatusCreated).obj().str("id")
		lateToken := linkToken(t, nthMail(t, srv, "late@example.com", inviteSubject, 1), "/accept-invite")

		h.clock.advance(7*24*time.Hour - time.Second)
		accept(punctual).expect(http.StatusOK)
		h.clock.advance(time.Second)
		accept(lateToken).problem(http.StatusConflict, "invite_expired")

		owner := h.scoped(t, tm.email, tm.password, tm.tenantID) // the old token expired days ago
		if l := h.get(t, "/api/v1/invites?status=expired", owner).expect(http.StatusOK).list(); len(l) != 1 || l[0].str("id") != late {
			t.Fatalf("expired invites: %v", l)
		}
		h.get(t, "/api/v1/invites", tm.owner).problem(http.StatusUnauthorized, "invalid_token")
	})
}
