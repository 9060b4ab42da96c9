package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// outletRoutes are a tenant's outlets (reserva seed), always in the tenant
// of the caller's scoped token. Outlet managers, staff and receptionists
// reach only the outlets in their outlet_ids; any other answers 404.
func (s *Server) outletRoutes() []Route {
	filter := []Param{
		{Name: "is_active", Type: "boolean", Description: "Only active (true) or inactive (false) outlets."},
		{Name: "q", Type: "string", Description: "Only outlets whose name contains this text (case-insensitive)."},
		{Name: "skip", Type: "integer", Description: "How many outlets to skip (default 0)."},
		{Name: "limit", Type: "integer", Description: "How many outlets to return (default 50, at most 500)."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/outlets", Tag: "Outlets", Access: Authenticated, Action: membership.OutletRead, Status: http.StatusOK,
			Summary: "List the outlets you reach, ordered by name", Query: filter, Reply: []Outlet{}, TotalCount: true, handle: s.listOutlets},
		{Method: "POST", Path: "/api/v1/outlets", Tag: "Outlets", Access: Authenticated, Action: membership.OutletCreate, Status: http.StatusCreated,
			Summary: "Create an outlet (time zone defaults to the tenant's)", Body: OutletRequest{}, Reply: Outlet{}, handle: s.createOutlet},
		{Method: "GET", Path: "/api/v1/outlets/stats", Tag: "Outlets", Access: Authenticated, Action: membership.OutletStats, Status: http.StatusOK,
			Summary: "Outlet statistics: total, active, inactive, by city", Reply: OutletStats{}, handle: s.outletStats},
		{Method: "GET", Path: "/api/v1/outlets/{outlet_id}", Tag: "Outlets", Access: Authenticated, Action: membership.OutletRead, Status: http.StatusOK,
			Summary: "Get an outlet", Reply: Outlet{}, handle: s.getOutlet},
		{Method: "PUT", Path: "/api/v1/outlets/{outlet_id}", Tag: "Outlets", Access: Authenticated, Action: membership.OutletUpdate, Status: http.StatusOK,
			Summary: "Update an outlet (partial; business_hours replace the week)", Body: OutletRequest{}, Reply: Outlet{}, handle: s.updateOutlet},
		{Method: "DELETE", Path: "/api/v1/outlets/{outlet_id}", Tag: "Outlets", Access: Authenticated, Action: membership.OutletDelete, Status: http.StatusNoContent,
			Summary: "Delete an outlet (soft: kept, hidden everywhere)", handle: s.deleteOutlet},
	}
}
