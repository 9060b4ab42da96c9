package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// statsRoutes are the platform's figures for its administrators, and a
// tenant's statistics and overview for its owner and tenant admins.
func (s *Server) statsRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/stats", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Reply: PlatformStats{}, handle: s.platformStats,
			Summary: "Platform figures (platform admins only): tenants, active tenants, users, metered API requests and " +
				"security violations of the last 24 hours, tenants by plan and sign-ups per day over the last 30 days"},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/stats", Tag: "Tenants", Access: Authenticated, Action: membership.StatsRead,
			Status: http.StatusOK, Reply: TenantStats{}, handle: s.tenantStats,
			Summary: "The tenant's statistics (reserva seed): outlets, users by role, customers with the last 30 days' " +
				"sign-ups, this month's appointments by status (the tenant's time zone), subscription; owner, tenant_admin, " +
				"a key with stats:read, platform admins"},
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/overview", Tag: "Tenants", Access: Authenticated, Action: membership.OverviewRead,
			Status: http.StatusOK, Reply: TenantOverview{}, handle: s.tenantOverview,
			Summary: "The tenant's overview (storegister seed's Tenant Information Get): profile, insights (the statistics), " +
				"contracts (subscriptions with their charged periods) and unpaid invoices (open and failed payments)"},
	}
}
