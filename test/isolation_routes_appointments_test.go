package test

import (
	"testing"
)

// appointmentEntries cover a tenant's appointments: A's appointments at
// outlet A1 (the bound roles' outlet) and A2, B's, and a missing one. A
// booking names A1 with a staff member of its own, so every caller allowed
// to book finds the slot free; a transition aims at a fresh booking.
func appointmentEntries() map[string]entry {
	appts := func(s *side) [2]string { return s.appointments }
	throw := func(m *matrix, t *testing.T, o string) string { return m.throwawayBooking(t, o) }
	return map[string]entry{
		"GET /api/v1/appointments": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: listsOwnOutlet("GET /api/v1/appointments", appts)},
		"POST /api/v1/appointments": {want: inTenant(""),
			call: func(t *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				body := staffBody("Isolation Booker "+m.unique(), m.a.outlets[0])
				body["service_ids"] = []string{m.a.services[0]}
				staff := m.h.post(t, "/api/v1/staff", m.a.owner, body).expect(201).obj().str("id")
				return call{body: appointmentBody(m.a.outlets[0], m.a.customerID, m.a.services[0], staff, m.h.nextSlot(12, 0))}
			}},
		"GET /api/v1/appointments/{appointment_id}": {targets: bookingTargets, want: inTenant("appointment_not_found"),
			call: atBooking("appointment_id", appts, throw, nil, false)},
		"PUT /api/v1/appointments/{appointment_id}": {targets: bookingTargets, want: inTenant("appointment_not_found"),
			call: atBooking("appointment_id", appts, throw, map[string]any{"notes": "Isolation note"}, false)},
		"POST /api/v1/appointments/{appointment_id}/status": {targets: bookingTargets, want: inTenant("appointment_not_found"),
			call: atBooking("appointment_id", appts, throw, map[string]any{"status": "confirmed"}, true)},
	}
}
