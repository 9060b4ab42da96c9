package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// serviceRoutes are a tenant's services (issue 11), always in the tenant of
// the caller's scoped token. Outlet managers, staff and receptionists see
// tenant-wide services and those of their outlets; any other answers 404.
func (s *Server) serviceRoutes() []Route {
	filter := []Param{
		{Name: "is_active", Type: "boolean", Description: "Only active (true) or inactive (false) services."},
		{Name: "outlet_id", Type: "string", Description: "Only services offered at this outlet (tenant-wide ones included)."},
		{Name: "category", Type: "string", Description: "Only services of this category (case-insensitive)."},
		{Name: "skip", Type: "integer", Description: "How many services to skip (default 0)."},
		{Name: "limit", Type: "integer", Description: "How many services to return (default 50, at most 500)."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/services", Tag: "Services", Access: Authenticated, Action: membership.ServicesRead, Status: http.StatusOK,
			Summary: "List the services you see, ordered by name", Query: filter, Reply: []Service{}, TotalCount: true, handle: s.listServices},
		{Method: "POST", Path: "/api/v1/services", Tag: "Services", Access: Authenticated, Action: membership.ServicesManage, Status: http.StatusCreated,
			Summary: "Create a service (price in minor units of the tenant's currency)", Body: ServiceRequest{}, Reply: Service{}, handle: s.createService},
		{Method: "GET", Path: "/api/v1/services/{service_id}", Tag: "Services", Access: Authenticated, Action: membership.ServicesRead, Status: http.StatusOK,
			Summary: "Get a service", Reply: Service{}, handle: s.getService},
		{Method: "PUT", Path: "/api/v1/services/{service_id}", Tag: "Services", Access: Authenticated, Action: membership.ServicesManage, Status: http.StatusOK,
			Summary: "Update a service (partial; outlet_ids replace the outlets)", Body: ServiceRequest{}, Reply: Service{}, handle: s.updateService},
		{Method: "DELETE", Path: "/api/v1/services/{service_id}", Tag: "Services", Access: Authenticated, Action: membership.ServicesManage, Status: http.StatusNoContent,
			Summary: "Delete a service (soft: kept for the history, hidden everywhere)", handle: s.deleteService},
	}
}
