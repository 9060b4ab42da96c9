package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// adminRoutes are platform administration: the tenant and user lists, a
// tenant's status history, account locks and platform-admin grants, and
// impersonation for support. Platform admins only; everyone else gets 403.
func (s *Server) adminRoutes() []Route {
	tenantQuery := []Param{
		{Name: "status", Type: "string", Description: "Only this status: active, inactive, suspended or archived."},
		{Name: "q", Type: "string", Description: "Only tenants whose name or slug contains this (any case)."},
		{Name: "plan", Type: "string", Description: "Only tenants whose current subscription is to the plan of this code, e.g. pro."},
		{Name: "limit", Type: "integer", Description: "How many tenants to return (default 50, at most 500)."},
		{Name: "offset", Type: "integer", Description: "How many tenants to skip (default 0; ignored with after)."},
		{Name: "after", Type: "string", Description: "The next cursor of the previous page: pages at any depth in the time of one page."},
	}
	userQuery := []Param{
		{Name: "email", Type: "string", Description: "Only users whose email contains this (any case), e.g. acme.com."},
		{Name: "limit", Type: "integer", Description: "How many users to return (default 50, at most 500)."},
		{Name: "offset", Type: "integer", Description: "How many users to skip (default 0)."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/users", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Summary: "Every user, newest first, with its status, tenant count and last login",
			Query: userQuery, Reply: AdminUserList{}, handle: s.adminUsers},
		{Method: "PUT", Path: "/api/v1/admin/users/{user_id}", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Summary: "Grant or revoke platform admin, lock or unlock an account (never the last platform admin: 409); locking ends its sessions",
			Body: AdminUserRequest{}, Reply: AdminUser{}, handle: s.updateAdminUser},
		{Method: "POST", Path: "/api/v1/admin/impersonate", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Summary: "Act as an active member of a tenant for support: a tenant-scoped access token of at most 15 minutes, no refresh token, an act claim naming you; audited in the tenant's log",
			Body: ImpersonateRequest{}, Reply: ImpersonateResponse{}, handle: s.impersonate},
		{Method: "GET", Path: "/api/v1/admin/tenants", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Summary: "Every tenant, newest first, with its plan and member count",
			Query: tenantQuery, Reply: AdminTenantList{}, handle: s.adminTenants},
		{Method: "GET", Path: "/api/v1/admin/tenants/{tenant_id}/status-history", Tag: "Platform admin", Access: Authenticated,
			Action: membership.PlatformAdminister, Status: http.StatusOK,
			Summary: "Every status change of a tenant, oldest first, with its reason, actor and time",
			Reply:   StatusHistory{}, handle: s.statusHistory},
	}
}
