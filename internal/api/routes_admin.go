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
		{Name: "limit", Type: "integer", Description: "How many tenants to return (default 50, at most 500)."},
		{Name: "offset", Type: "integer", Description: "How many tenants to skip (default 0; ignored with after)."},
		{Name: "after", Type: "string", Description: "The next cursor of the previous page: pages at any depth in the time of one page."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/tenants", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Summary: "Every tenant, newest first, with its plan and member count",
			Query: tenantQuery, Reply: AdminTenantList{}, handle: s.adminTenants},
		{Method: "GET", Path: "/api/v1/admin/tenants/{tenant_id}/status-history", Tag: "Platform admin", Access: Authenticated,
			Action: membership.PlatformAdminister, Status: http.StatusOK,
			Summary: "Every status change of a tenant, oldest first, with its reason, actor and time",
			Reply: StatusHistory{}, handle: s.statusHistory},
	}
}
