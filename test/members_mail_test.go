package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestUserPasswordEmails checks the two emails of the users endpoints: a
// user created without a password is sent a link to choose one, and an
// admin can have a reset link sent; neither answer carries a password or
// token, and the audit log holds neither.
func TestUserPasswordEmails(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Mail Spa")
		r := h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "nopass@example.com", "first_name": "No",
			"last_name": "Pass", "role": "receptionist"}).expect(http.StatusCreated)
		uid := r.obj().str("id")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "nopass@example.com", "password": goodPassword}).
			problem(http.StatusUnauthorized, "invalid_credentials")
		setup := nthMail(t, srv, "nopass@example.com", "Your account at Mail Spa", 1)
		if !strings.Contains(setup.Text, "7 days") {
			t.Errorf("setup email: %q", setup.Text)
		}
		token := linkToken(t, setup, "/reset-password")
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": token, "new_password": goodPassword}).expect(http.StatusOK)
		if claims(t, h.scoped(t, "nopass@example.com", goodPassword, tm.tenantID)).str("role") != "receptionist" {
			t.Fatal("the new user cannot sign in to the tenant after choosing a password")
		}

		sent := h.post(t, "/api/v1/users/"+uid+"/reset-password", tm.owner, nil).expect(http.StatusAccepted)
		reset := resetTokenOf(t, nthMail(t, srv, "nopass@example.com", resetSubject, 1))
		h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": reset, "new_password": "Another-Horse-43"}).expect(http.StatusOK)
		h.token(t, "nopass@example.com", "Another-Horse-43")
		h.post(t, "/api/v1/users/usr_nobody/reset-password", tm.owner, nil).problem(http.StatusNotFound, "member_not_found")
		h.post(t, "/api/v1/users/"+tm.ownerID+"/reset-password", tm.owner, nil).expect(http.StatusAccepted) // one's own
		h.del(t, "/api/v1/users/"+uid, tm.owner).expect(http.StatusNoContent)
		h.post(t, "/api/v1/users/"+uid+"/reset-password", tm.owner, nil).problem(http.StatusConflict, "member_inactive")

		d := h.auditDetails(t, tm.owner, "user.create", uid)
		if d.str("setup_link_sent") != "true" || d.str("account_created") != "true" {
			t.Errorf("user.create audit: %s", d)
		}
		h.auditDetails(t, tm.owner, "user.reset_password", uid)
		_, body := h.auditActions(t, tm.tenantID)
		noLeak(t, string(r.body)+string(sent.body)+body, token, reset, goodPassword)
	})
}
