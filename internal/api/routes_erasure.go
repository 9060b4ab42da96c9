package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// erasureRoutes are the deliberate erasures of platform administration: a
// deactivated tenant's, after its export, and a person's (GDPR). Platform
// admins only; everyone else gets 403.
func (s *Server) erasureRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/admin/tenants/{tenant_id}/erase", Tag: "Platform admin", Access: Authenticated,
			Action: membership.PlatformAdminister, Status: http.StatusAccepted, Body: EraseTenantRequest{}, Reply: TenantErasure{},
			handle: s.eraseTenant,
			Summary: "Erase a deactivated tenant for good: confirm its slug; needs a completed export, or force with a reason. " +
				"One background job deletes every row of it and the users who belong to no other tenant; a tombstone stays " +
				"in the platform's audit log and the slug stays reserved"},
		{Method: "GET", Path: "/api/v1/admin/tenants/{tenant_id}/erase", Tag: "Platform admin", Access: Authenticated,
			Action: membership.PlatformAdminister, Status: http.StatusOK, Reply: TenantErasure{}, handle: s.tenantErasure,
			Summary: "A tenant's requested erasure and the state of its job; after the erasure, its tombstone"},
		{Method: "POST", Path: "/api/v1/admin/users/{user_id}/erase", Tag: "Platform admin", Access: Authenticated,
			Action: membership.PlatformAdminister, Status: http.StatusOK, Reply: UserErasure{}, handle: s.eraseUser,
			Summary: "Erase a person across every tenant (GDPR): account, memberships, sessions, MFA, picture and profile go; " +
				"audit events stay with the person's identifiers replaced by a stable pseudonym (the chain still verifies, " +
				"reporting them as redacted). The sole owner of an active tenant must transfer ownership first (409)"},
	}
}
