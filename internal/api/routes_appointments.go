package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// appointmentRoutes are a tenant's appointments (issue 11), always in the
// tenant of the caller's scoped token. Outlet-bound roles see and book only
// at their own outlets; any other appointment answers 404.
func (s *Server) appointmentRoutes() []Route {
	list := []Param{
		{Name: "outlet_id", Type: "string", Description: "Only appointments at this outlet."},
		{Name: "staff_id", Type: "string", Description: "Only appointments with this staff member."},
		{Name: "customer_id", Type: "string", Description: "Only appointments of this customer."},
		{Name: "status", Type: "string", Description: "Only this status: pending, confirmed, completed, cancelled or no_show."},
		{Name: "from", Type: "string", Description: "Only appointments starting on or after this day (YYYY-MM-DD, in the outlet's time zone when outlet_id is given, else the tenant's)."},
		{Name: "to", Type: "string", Description: "Only appointments starting on or before this day (YYYY-MM-DD, same time zone)."},
		{Name: "limit", Type: "integer", Description: "How many appointments to return (default 50, at most 500)."},
		{Name: "after", Type: "string", Description: "The next cursor of the previous page."},
	}
	return []Route{
		{Method: "GET", Path: "/api/v1/appointments", Tag: "Appointments", Access: Authenticated, Action: membership.AppointmentsRead,
			Status: http.StatusOK, Summary: "List appointments in start order (a day view: outlet_id with from = to)", Query: list,
			Reply: AppointmentList{}, handle: s.listAppointments},
		{Method: "POST", Path: "/api/v1/appointments", Tag: "Appointments", Access: Authenticated, Action: membership.AppointmentsManage,
			Status: http.StatusCreated, Summary: "Book an appointment (pending; 409 staff_unavailable when the staff member is booked then; " +
				"403 plan_limit_exceeded past appointments_per_month)", Body: AppointmentRequest{}, Reply: Appointment{}, handle: s.createAppointment},
		{Method: "GET", Path: "/api/v1/appointments/{appointment_id}", Tag: "Appointments", Access: Authenticated,
			Action: membership.AppointmentsRead, Status: http.StatusOK, Summary: "Get an appointment", Reply: Appointment{}, handle: s.getAppointment},
		{Method: "PUT", Path: "/api/v1/appointments/{appointment_id}", Tag: "Appointments", Access: Authenticated,
			Action: membership.AppointmentsManage, Status: http.StatusOK, Summary: "Move a pending or confirmed appointment " +
				"(staff_id, start_at) or change its notes; checked as a new booking is", Body: AppointmentRequest{}, Reply: Appointment{},
			handle: s.updateAppointment},
		{Method: "POST", Path: "/api/v1/appointments/{appointment_id}/status", Tag: "Appointments", Access: Authenticated,
			Action: membership.AppointmentsManage, Status: http.StatusOK, Summary: "Move an appointment along its lifecycle: " +
				"pending → confirmed → completed, or cancelled / no_show (409 invalid_transition otherwise; a cancellation later " +
				"than cancellation_hours needs override, owner or tenant_admin)", Body: AppointmentStatusRequest{}, Reply: Appointment{},
			handle: s.changeAppointmentStatus},
	}
}
