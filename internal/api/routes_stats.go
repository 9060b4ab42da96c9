package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// statsRoutes are the platform's figures for its administrators.
func (s *Server) statsRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/stats", Tag: "Platform admin", Access: Authenticated, Action: membership.PlatformAdminister,
			Status: http.StatusOK, Reply: PlatformStats{}, handle: s.platformStats,
			Summary: "Platform figures (platform admins only): tenants, active tenants, users, metered API requests and " +
				"security violations of the last 24 hours, tenants by plan and sign-ups per day over the last 30 days"},
	}
}
