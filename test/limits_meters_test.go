package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/plan"
)

// TestMembersLimit: active members plus pending invitations fill the
// members meter; every way of adding someone to the tenant — an
// invitation, POST /api/v1/users, the user–tenant association, making a
// deactivated member active again — is refused past the limit, while
// re-inviting a pending email (which replaces the old invitation) and
// accepting an invitation take no new seat.
func TestMembersLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		h.addPlan(t, "team3", 1000, plan.Limits{plan.Members: 3})
		h.addPlan(t, "team10", 5000, plan.Limits{plan.Members: 10})
		tm := h.newTeam(t, "Crowded Spa")
		h.onPlan(t, tm.tenantID, "team3")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "first@invitee.example.com", "role": "staff"}).
			expect(http.StatusCreated) // owner + 1 pending = 2
		viewer := h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "viewer@crowded.example.com", "first_name": "Vi",
			"last_name": "Ewer", "role": "viewer"}).expect(http.StatusCreated).obj().str("id") // 3
		if u := h.usageOf(t, tm.owner)["members"]; u.num("used") != 3 || u.num("remaining") != 0 {
			t.Fatalf("members usage: %s", u)
		}

		limitRefusal(t, h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "second@invitee.example.com", "role": "staff"}),
			"members", 3, 3, "team3", "basic")
		limitRefusal(t, h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "late@crowded.example.com", "first_name": "La",
			"last_name": "Te", "role": "viewer"}), "members", 3, 3, "team3", "basic")
		// Someone already a member is reported as such, not as a seat.
		h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "viewer@crowded.example.com", "first_name": "Vi",
			"last_name": "Ewer", "role": "viewer"}).problem(http.StatusConflict, "already_member")
		// Re-inviting the pending email replaces its invitation: no new seat.
		inv := h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "first@invitee.example.com", "role": "viewer"}).
			expect(http.StatusCreated).obj().str("id")

		// Association: a global account joining the tenant needs a seat.
		acct := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": "loner@elsewhere.example.com", "password": goodPassword,
			"first_name": "Lo", "last_name": "Ner"}).expect(http.StatusCreated).obj().str("id")
		assoc := "/api/v1/tenants/" + tm.tenantID + "/users"
		limitRefusal(t, h.post(t, assoc, tm.owner, map[string]any{"user_id": acct, "role": "viewer"}),
			"members", 3, 3, "team3", "basic")

		// Revoking the invitation frees its seat; the association takes it.
		h.del(t, "/api/v1/invites/"+inv, tm.owner).expect(http.StatusNoContent)
		h.post(t, assoc, tm.owner, map[string]any{"user_id": acct, "role": "viewer"}).expect(http.StatusOK)

		// A deactivated member coming back needs a seat again.
		h.del(t, "/api/v1/users/"+viewer, tm.owner).expect(http.StatusNoContent)
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "third@invitee.example.com", "role": "staff"}).
			expect(http.StatusCreated)
		limitRefusal(t, h.put(t, "/api/v1/users/"+viewer, tm.owner, map[string]any{"status": "active"}),
			"members", 3, 3, "team3", "basic")

		h.onPlan(t, tm.tenantID, "team10")
		h.put(t, "/api/v1/users/"+viewer, tm.owner, map[string]any{"status": "active"}).expect(http.StatusOK)
		if u := h.usageOf(t, tm.owner)["members"]; u.num("used") != 4 || u.num("limit") != 10 {
			t.Errorf("members usage at the end: %s", u)
		}
	})
}

// TestMembersLimitAcceptTakesNoSeat: accepting an invitation turns its
// pending seat into a member's, so it succeeds with the meter full.
func TestMembersLimitAcceptTakesNoSeat(t *testing.T) {
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		h.addPlan(t, "pair", 1000, plan.Limits{plan.Members: 2})
		tm := h.newTeam(t, "Pair Spa")
		h.onPlan(t, tm.tenantID, "pair")
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "partner@pair.example.com", "role": "staff"}).
			expect(http.StatusCreated)
		token := linkToken(t, nthMail(t, srv, "partner@pair.example.com", inviteSubject+"Pair Spa", 1), "/accept-invite")
		h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "first_name": "Pat", "last_name": "Ner",
			"password": goodPassword}).expect(http.StatusOK)
		if u := h.usageOf(t, tm.owner)["members"]; u.num("used") != 2 || u.num("remaining") != 0 {
			t.Errorf("members usage after the acceptance: %s", u)
		}
	})
}

// TestAPIKeysLimit: keys not revoked fill the api_keys meter; rotation
// takes no new place; revoking a key frees one.
func TestAPIKeysLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		h.addPlan(t, "onekey", 1000, plan.Limits{plan.APIKeys: 1})
		tm := h.newTeam(t, "Keyed Spa")
		h.onPlan(t, tm.tenantID, "onekey")
		k := h.createKey(t, tm.owner, "only", "prod").str("id")
		limitRefusal(t, h.post(t, "/api/v1/api-keys", tm.owner, map[string]any{"name": "second", "environment": "dev"}),
			"api_keys", 1, 1, "onekey", "basic")
		h.post(t, "/api/v1/api-keys/"+k+"/rotate", tm.owner, nil).expect(http.StatusOK)
		h.del(t, "/api/v1/api-keys/"+k, tm.owner).expect(http.StatusNoContent)
		h.createKey(t, tm.owner, "second", "dev")
		if u := h.usageOf(t, tm.owner)["api_keys"]; u.num("used") != 1 || u.num("limit") != 1 {
			t.Errorf("api_keys usage: %s", u)
		}
	})
}
