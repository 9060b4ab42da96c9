package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// staffRoutes are a tenant's staff (issue 11), always in the tenant of the
// caller's scoped token. Outlet managers, staff and receptionists see the
// staff of their outlets; any other answers 404. Creation counts against
// the plan's staff limit.
func (s *Server) staffRoutes() []Route {
	filter := []Param{
		{Name: "is_active", Type: "boolean", Description: "Only active (true) or inactive (false) staff."},
		{Name: "outlet_id", Type: "string", Description: "Only staff working at this outlet."},
		{Name: "service_id", Type: "string", Description: "Only staff providing this service."},
		{Name: "skip", Type: "integer", Description: "How many staff to skip (default 0)."},
		{Name: "limit", Type: "integer", Description: "How many staff to return (default 50, at most 500)."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/staff", Tag: "Staff", Access: Authenticated, Action: membership.StaffRead, Status: http.StatusOK,
			Summary: "List the staff you see, ordered by name", Query: filter, Reply: []StaffMember{}, TotalCount: true, handle: s.listStaff},
		{Method: "POST", Path: "/api/v1/staff", Tag: "Staff", Access: Authenticated, Action: membership.StaffManage, Status: http.StatusCreated,
			Summary: "Create a staff member (counts against the plan's staff limit)", Body: StaffRequest{}, Reply: StaffMember{}, handle: s.createStaff},
		{Method: "GET", Path: "/api/v1/staff/{staff_id}", Tag: "Staff", Access: Authenticated, Action: membership.StaffRead, Status: http.StatusOK,
			Summary: "Get a staff member", Reply: StaffMember{}, handle: s.getStaff},
		{Method: "PUT", Path: "/api/v1/staff/{staff_id}", Tag: "Staff", Access: Authenticated, Action: membership.StaffManage, Status: http.StatusOK,
			Summary: "Update a staff member (partial; lists and availability replace the old ones)", Body: StaffRequest{}, Reply: StaffMember{}, handle: s.updateStaff},
		{Method: "DELETE", Path: "/api/v1/staff/{staff_id}", Tag: "Staff", Access: Authenticated, Action: membership.StaffManage, Status: http.StatusNoContent,
			Summary: "Delete a staff member (soft: kept for the history, hidden everywhere)", handle: s.deleteStaff},
	}
}
