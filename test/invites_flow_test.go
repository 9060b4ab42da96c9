package test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestInviteNewUser invites an email without an account: the invitation
// goes out by email through the outbox, and its link creates the account,
// joins the tenant and signs in, once.
func TestInviteNewUser(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Invite Spa")
		outlet := h.createOutlet(t, tm.owner, "Main", "Manila")
		before := h.clock.peek()
		inv := h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "New@Example.com", "role": "staff",
			"outlet_ids": []string{outlet}}).expect(http.StatusCreated).obj()
		inv.eq("email", "new@example.com")
		inv.eq("role", "staff")
		inv.eq("status", "pending")
		inv.eq("invited_by", tm.ownerID)
		inv.null("accepted_at")
		if !strings.HasPrefix(inv.str("id"), "inv_") || !slices.Equal(inv.strs("outlet_ids"), []string{outlet}) {
			t.Fatalf("invite: %s", inv)
		}
		if exp := parseTime(t, inv.str("expires_at")); exp.Before(before.Add(7*24*time.Hour)) || exp.After(h.clock.peek().Add(7*24*time.Hour)) {
			t.Errorf("expires_at %v, want 7 days after %v", exp, before)
		}
		msg := nthMail(t, srv, "new@example.com", inviteSubject+"Invite Spa", 1)
		token := linkToken(t, msg, "/accept-invite")
		if !strings.Contains(msg.Text, "7 days") || !strings.HasPrefix(token, "ivt_") {
			t.Fatalf("invitation email: %q", msg.Text)
		}
		if l := h.get(t, "/api/v1/invites?status=pending", tm.owner).expect(http.StatusOK); l.total() != 1 || l.list()[0].str("id") != inv.str("id") {
			t.Fatalf("pending invites: %s", l.body)
		}

		p := h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "password": "weak"}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if f := p.fieldErrors(); f["password"] != "weak_password" || f["first_name"] != "required" || f["last_name"] != "required" {
			t.Fatalf("accept without a usable password and names: %v", f)
		}
		acc := h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "password": goodPassword,
			"first_name": "Nina", "last_name": "Cruz"}).expect(http.StatusOK).obj()
		acc.eq("status", "accepted")
		acc.eq("tenant_id", tm.tenantID)
		acc.eq("role", "staff")
		if !acc.boolean("account_created") {
			t.Error("account_created is false for a new account")
		}
		s := acc.sub("session")
		s.eq("tenant_id", tm.tenantID)
		s.eq("role", "staff")
		c := claims(t, s.str("access_token"))
		if c.str("sub") != acc.str("user_id") || c.str("tenant_id") != tm.tenantID || !slices.Equal(c.strs("outlet_ids"), []string{outlet}) {
			t.Fatalf("session claims: %s", c)
		}
		h.get(t, "/api/v1/tenants/"+tm.tenantID, s.str("access_token")).expect(http.StatusOK)
		h.scoped(t, "new@example.com", goodPassword, tm.tenantID)
		m, ok := h.memberByUser(t, tm.owner, "", acc.str("user_id"))
		if !ok || m.str("first_name") != "Nina" || m.str("role") != "staff" {
			t.Fatalf("new member: %v %s", ok, m)
		}

		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token}).problem(http.StatusConflict, "invite_used")
		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": "ivt_unknown"}).problem(http.StatusNotFound, "invalid_invite")
		h.post(t, "/api/v1/invites/accept", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.get(t, "/api/v1/invites?status=accepted", tm.owner).expect(http.StatusOK).list()[0].eq("status", "accepted")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "new@example.com", "role": "viewer"}).
			problem(http.StatusConflict, "already_member")
		h.del(t, "/api/v1/invites/"+inv.str("id"), tm.owner).problem(http.StatusConflict, "invite_used")

		actions, body := h.auditActions(t, tm.tenantID)
		for _, a := range []string{"invite.create:success", "invite.accept:success", "invite.accept:failure"} {
			if actions[a] == 0 {
				t.Errorf("no %s in the audit log: %v", a, actions)
			}
		}
		noLeak(t, body, token, strings.TrimPrefix(token, "ivt_"), goodPassword)
	})
}

// TestInviteExistingUser invites an email that has an account: accepting
// needs only the token, joins the account, and issues no tokens (its
// holder signs in as usual).
func TestInviteExistingUser(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Known Spa")
		h.newAccount(t, "known@example.com")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "known@example.com", "role": "viewer"}).expect(http.StatusCreated)
		token := linkToken(t, nthMail(t, srv, "known@example.com", inviteSubject, 1), "/accept-invite")
		acc := h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token}).expect(http.StatusOK).obj()
		if acc.boolean("account_created") {
			t.Error("account_created for an existing account")
		}
		acc.null("session")
		acc.eq("email", "known@example.com")
		tok := h.scoped(t, "known@example.com", goodPassword, tm.tenantID)
		if claims(t, tok).str("role") != "viewer" {
			t.Fatalf("role after accepting: %s", claims(t, tok))
		}
	})
}

// TestInviteLifecycle covers revoked, superseded and expired invitations,
// single use under concurrency, and who may invite with which role.
func TestInviteLifecycle(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Life Spa")
		invite := func(tok, email, role string, n int) (string, string) {
			t.Helper()
			id := h.post(t, "/api/v1/invites", tok, map[string]any{"email": email, "role": role}).expect(http.StatusCreated).obj().str("id")
			return id, linkToken(t, nthMail(t, srv, email, inviteSubject, n), "/accept-invite")
		}
		revokedID, revoked := invite(tm.owner, "revoked@example.com", "viewer", 1)
		h.del(t, "/api/v1/invites/"+revokedID, tm.owner).expect(http.StatusNoContent)
		h.del(t, "/api/v1/invites/"+revokedID, tm.owner).expect(http.StatusNoContent)
		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": revoked, "password": goodPassword,
			"first_name": "R", "last_name": "V"}).problem(http.StatusConflict, "invite_revoked")
		h.del(t, "/api/v1/invites/inv_nothing", tm.owner).problem(http.StatusNotFound, "invite_not_found")

		_, first := invite(tm.owner, "twice@example.com", "viewer", 1)
		_, second := invite(tm.owner, "twice@example.com", "staff", 2)
		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": first}).problem(http.StatusConflict, "invite_revoked")

		expiredID, expired := invite(tm.owner, "late@example.com", "viewer", 1)
		h.expireInvite(t, tm.tenantID, expiredID)
		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": expired, "password": goodPassword,
			"first_name": "L", "last_name": "T"}).problem(http.StatusConflict, "invite_expired")
		if l := h.get(t, "/api/v1/invites?status=expired", tm.owner).expect(http.StatusOK).list(); len(l) != 1 || l[0].str("id") != expiredID {
			t.Fatalf("expired invites: %v", l)
		}

		// Five acceptances of one link at once: exactly one joins.
		codes := make(chan int, 5)
		for range 5 {
			go func() {
				codes <- h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": second, "password": goodPassword,
					"first_name": "T", "last_name": "W"}).status
			}()
		}
		got := map[int]int{}
		for range 5 {
			got[<-codes]++
		}
		if got[http.StatusOK] != 1 || got[http.StatusOK]+got[http.StatusConflict] != 5 {
			t.Fatalf("concurrent acceptances: %v, want one 200 and the rest 409", got)
		}
		winner := claims(t, h.scoped(t, "twice@example.com", goodPassword, tm.tenantID))
		if winner.str("role") != "staff" {
			t.Fatalf("the account made by the winning acceptance: %s", winner)
		}
		if n := h.get(t, "/api/v1/members?role=staff", tm.owner).expect(http.StatusOK).total(); n != 1 {
			t.Fatalf("staff members after the race: %d", n)
		}

		// Invitations obey the role-grant rules.
		_, admin := h.teammate(t, tm, "admin@life.example.com", "tenant_admin")
		invite(admin, "deputy@example.com", "tenant_admin", 1)
		h.post(t, "/api/v1/invites", admin, map[string]any{"email": "boss@example.com", "role": "owner"}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "nope", "role": "king", "outlet_ids": []string{"out_x"}}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if n := h.get(t, "/api/v1/invites", tm.owner).expect(http.StatusOK).total(); n != 5 {
			t.Errorf("invitations listed: %d, want 5", n)
		}
		h.get(t, "/api/v1/invites?status=open", tm.owner).problem(http.StatusUnprocessableEntity, "validation_failed")
	})
}
