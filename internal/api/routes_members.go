package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

var (
	memberQuery = append([]Param{
		{Name: "role", Type: "string", Description: "Only this role: owner, tenant_admin, outlet_manager, staff, receptionist or viewer."},
		{Name: "status", Type: "string", Description: "Only this membership status: active or inactive."},
	}, pagination...)
	inviteQuery = append([]Param{
		{Name: "status", Type: "string", Description: "Only this status: pending, accepted, revoked or expired."},
	}, pagination...)
)

// memberRoutes are the users of a tenant (reserva seed), its members and
// invitations (trueport seed) and user–tenant association (supertokens
// seed). /users, /members and /invites act in the tenant of a tenant-scoped
// token. Who may grant which role is decided by membership.Grantor: no one
// grants owner (ownership is transferred), a tenant_admin grants up to its
// own role but manages only roles below it.
func (s *Server) memberRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/users", Tag: "Users", Access: Authenticated, Action: membership.UserRead, Status: http.StatusOK,
			Summary: "List the tenant's users (active and deactivated)", Query: memberQuery, Reply: []TenantUser{}, TotalCount: true, handle: s.listUsers},
		{Method: "POST", Path: "/api/v1/users", Tag: "Users", Access: Authenticated, Action: membership.UserCreate, Status: http.StatusCreated,
			Body: CreateUserRequest{}, Reply: TenantUser{}, handle: s.createUser, Summary: "Add a user " +
				"(an existing account gets a membership; without a password a new one is emailed a link to set it; 409 already_member)"},
		{Method: "GET", Path: "/api/v1/users/{user_id}", Tag: "Users", Access: Authenticated, Action: membership.UserRead, Status: http.StatusOK,
			Summary: "Get a user of the tenant", Reply: TenantUser{}, handle: s.getUser},
		{Method: "PUT", Path: "/api/v1/users/{user_id}", Tag: "Users", Access: Authenticated, Action: membership.UserUpdate, Status: http.StatusOK,
			Summary: "Update a user (partial): names, phone, role, outlet_ids, status", Body: UpdateUserRequest{}, Reply: TenantUser{}, handle: s.updateUser},
		{Method: "DELETE", Path: "/api/v1/users/{user_id}", Tag: "Users", Access: Authenticated, Action: membership.UserDelete, Status: http.StatusNoContent,
			Summary: "Deactivate a user's membership of the tenant and end their sessions there (the account stays)", handle: s.deactivateUser},
		{Method: "POST", Path: "/api/v1/users/{user_id}/reset-password", Tag: "Users", Access: Authenticated, Action: membership.UserResetPassword,
			Status: http.StatusAccepted, Summary: "Email the user a password reset link", Reply: Message{}, handle: s.resetUserPassword},

		{Method: "GET", Path: "/api/v1/members", Tag: "Members", Access: Authenticated, Action: membership.MemberRead, Status: http.StatusOK,
			Summary: "List the tenant's members (active unless status says otherwise)", Query: memberQuery, Reply: []Member{}, TotalCount: true, handle: s.listMembers},
		{Method: "PUT", Path: "/api/v1/members/{user_id}", Tag: "Members", Access: Authenticated, Action: membership.MemberUpdate, Status: http.StatusOK,
			Summary: "Change a member's role and outlets (effective on their next request)", Body: UpdateMemberRequest{}, Reply: Member{}, handle: s.updateMember},
		{Method: "DELETE", Path: "/api/v1/members/{user_id}", Tag: "Members", Access: Authenticated, Action: membership.MemberRemove, Status: http.StatusNoContent,
			Summary: "Remove a member and end their sessions in the tenant (403 owner_not_removable, 404 member_not_found)", handle: s.removeMember},
		{Method: "POST", Path: "/api/v1/members/{user_id}/transfer-ownership", Tag: "Members", Access: Authenticated, Action: membership.MemberTransfer,
			Status: http.StatusOK, Summary: "Make a member the owner; the owner becomes tenant_admin", Reply: Member{}, handle: s.transferOwnership},

		{Method: "POST", Path: "/api/v1/invites", Tag: "Invites", Access: Authenticated, Action: membership.InviteCreate, Status: http.StatusCreated,
			Summary: "Invite someone by email (valid 7 days; the email leaves through the outbox)", Body: InviteRequest{}, Reply: Invite{}, handle: s.createInvite},
		{Method: "GET", Path: "/api/v1/invites", Tag: "Invites", Access: Authenticated, Action: membership.InviteRead, Status: http.StatusOK,
			Summary: "List the tenant's invitations, newest first", Query: inviteQuery, Reply: []Invite{}, TotalCount: true, handle: s.listInvites},
		{Method: "DELETE", Path: "/api/v1/invites/{invite_id}", Tag: "Invites", Access: Authenticated, Action: membership.InviteRevoke, Status: http.StatusNoContent,
			Summary: "Revoke an invitation", handle: s.revokeInvite},
		{Method: "POST", Path: "/api/v1/invites/accept", Tag: "Invites", Access: Public, Status: http.StatusOK,
			Body: AcceptInviteRequest{}, Reply: AcceptInviteResponse{}, handle: s.acceptInvite, Summary: "Accept an invitation " +
				"(new accounts give password and names; 404 invalid_invite, 409 invite_used, invite_revoked, invite_expired)"},

		{Method: "POST", Path: "/api/v1/tenants/{tenant_id}/users", Tag: "Members", Access: Authenticated, Action: membership.AssociationManage,
			Status: http.StatusOK, Summary: "Associate an existing user with the tenant (role viewer unless given; 404 unknown_user_id)",
			Body: AssociateRequest{}, Reply: AssociateResponse{}, handle: s.associateUser},
		{Method: "POST", Path: "/api/v1/tenants/{tenant_id}/users/remove", Tag: "Members", Access: Authenticated, Action: membership.AssociationManage,
			Status: http.StatusOK, Summary: "Disassociate a user from the tenant (ends their sessions there)",
			Body: DisassociateRequest{}, Reply: DisassociateResponse{}, handle: s.disassociateUser},
	}
}
