package test

import (
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// atUser names a user of the token's tenant in the path: A's viewer, or a
// throwaway member of A when the call succeeds and destroys its target.
func atUser(body any, destroys bool) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		uid := pick(tg, m.a.users["viewer"], m.b.users["viewer"], id.User)
		if destroys && tg == own && w.code == "" {
			uid = m.throwawayMember(t)
		}
		return call{vals: map[string]string{"user_id": uid}, body: body}
	}
}

// associate names a tenant in the path and a user in the body, as each
// association target says; a successful removal gets a throwaway member.
func associate(removes bool) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		tenantID, uid := m.a.tenantID, m.a.users["viewer"]
		switch tg {
		case foreign, missing:
			tenantID = pick(tg, "", m.b.tenantID, id.Tenant)
		case foreignUser:
			uid = m.b.users["viewer"]
		case missingUser:
			uid = id.New(id.User)
		case own:
			if removes && w.code == "" {
				uid = m.throwawayMember(t)
			}
		}
		return call{vals: map[string]string{"tenant_id": tenantID}, body: map[string]any{"user_id": uid}}
	}
}

// lists checks that a listing names the resource of A that pick gives.
func lists(what string, of func(m *matrix) string) func(*testing.T, *matrix, *caller, target, *response) {
	return func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
		if !listed(r, of(m)) {
			t.Errorf("the listing lacks tenant A's %s: %.300s", what, r.body)
		}
	}
}

// memberEntries cover a tenant's users, members, invitations and user
// associations.
func memberEntries() map[string]entry {
	viewer := func(m *matrix) string { return m.a.users["viewer"] }
	associations := []target{own, foreign, missing, foreignUser, missingUser}
	return map[string]entry{
		"GET /api/v1/users": {want: inTenant(""), call: fixed(call{query: "limit=500"}), check: lists("viewer", viewer)},
		"POST /api/v1/users": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"email": "user" + m.unique() + "@alpha-iso.example.com",
					"first_name": "New", "last_name": "User", "role": "viewer"}}
			}},
		"GET /api/v1/users/{user_id}": {targets: tenantTargets, want: inTenant("member_not_found"), call: atUser(nil, false)},
		"PUT /api/v1/users/{user_id}": {targets: tenantTargets, want: inTenant("member_not_found"),
			call: atUser(map[string]any{"phone": "+63 917 555 0101"}, true)},
		"DELETE /api/v1/users/{user_id}": {targets: tenantTargets, want: inTenant("member_not_found"), call: atUser(nil, true)},
		"POST /api/v1/users/{user_id}/reset-password": {targets: tenantTargets, want: inTenant("member_not_found"),
			call: atUser(nil, false)},

		"GET /api/v1/members": {want: inTenant(""), call: fixed(call{query: "limit=500"}), check: lists("viewer", viewer)},
		"PUT /api/v1/members/{user_id}": {targets: tenantTargets, want: inTenant("member_not_found"),
			call: atUser(map[string]any{"role": "receptionist"}, true)},
		"DELETE /api/v1/members/{user_id}": {targets: tenantTargets, want: inTenant("member_not_found"), call: atUser(nil, true)},
		// After the other routes: the owner hands the tenant to a throwaway
		// member and is a tenant_admin from then on. The foreign and missing
		// targets come first, while the owner still is one.
		"POST /api/v1/members/{user_id}/transfer-ownership": {targets: []target{foreign, missing, own}, phase: 1,
			want: inTenant("member_not_found"), call: atUser(nil, true)},

		"POST /api/v1/invites": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: map[string]any{"email": "invite" + m.unique() + "@invitee.example.com", "role": "viewer"}}
			}},
		"GET /api/v1/invites": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: lists("invitation", func(m *matrix) string { return m.a.inviteID })},
		"DELETE /api/v1/invites/{invite_id}": {targets: tenantTargets, want: inTenant("invite_not_found"),
			call: func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
				inv := pick(tg, m.a.inviteID, m.b.inviteID, id.Invite)
				if tg == own && w.code == "" {
					inv = m.throwawayInvite(t)
				}
				return call{vals: map[string]string{"invite_id": inv}}
			}},
		// Judgment: an invitation's token is the capability, whoever sends
		// it; a token that is no invitation's answers 404 invalid_invite.
		"POST /api/v1/invites/accept": {want: always(notFound("invalid_invite")),
			call: fixed(call{body: map[string]any{"token": "ivt_0123456789abcdefghjkmnpqrstvwxyz0123456789", "password": goodPassword,
				"first_name": "Ana", "last_name": "Cruz"}})},

		"POST /api/v1/tenants/{tenant_id}/users": {targets: associations, want: association, call: associate(false),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if !r.obj().boolean("was_already_associated") {
					t.Errorf("associating A's viewer again: %s", r.body)
				}
			}},
		"POST /api/v1/tenants/{tenant_id}/users/remove": {targets: associations, want: association, call: associate(true),
			check: func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
				if !r.obj().boolean("was_associated") {
					t.Errorf("removing a member of A: %s", r.body)
				}
			}},
	}
}
