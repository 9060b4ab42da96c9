package test

import (
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// bookingTargets aim at A's row of outlet A1 (the bound roles' outlet),
// A's row of A2 (outside it), B's and a missing one.
var bookingTargets = []target{own, ownOther, foreign, missing}

// atBooking names the service, staff member or appointment (param) a target says, from
// rows (a side's services or staff); a successful deletion gets a
// throwaway row of the same outlet instead of A's.
func atBooking(param string, rows func(*side) [2]string, throwaway func(*matrix, *testing.T, string) string,
	body any, destroys bool) callFunc {
	return func(t *testing.T, m *matrix, _ *caller, tg target, w want) call {
		prefix := map[string]string{"service_id": id.Service, "staff_id": id.StaffMember, "appointment_id": id.Appointment}[param]
		v := pick(tg, rows(m.a)[0], rows(m.b)[0], prefix)
		if tg == ownOther {
			v = rows(m.a)[1]
		}
		if destroys && (tg == own || tg == ownOther) && w.code == "" {
			outlet := m.a.outlets[0]
			if tg == ownOther {
				outlet = m.a.outlets[1]
			}
			v = throwaway(m, t, outlet)
		}
		return call{vals: map[string]string{param: v}, body: body}
	}
}

// listsOwnOutlet checks a listing as bound roles see it: A1's row, and
// A2's only for callers not bound to outlets.
func listsOwnOutlet(what string, rows func(*side) [2]string) func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
	return func(t *testing.T, m *matrix, c *caller, _ target, r *response) {
		bound := slices.Contains(boundRoles, c.role)
		if !listed(r, rows(m.a)[0]) || listed(r, rows(m.a)[1]) == bound {
			t.Errorf("%s as %s (bound %v): %.400s", what, c.name, bound, r.body)
		}
	}
}

// bookingEntries cover a tenant's services and staff. A bound role's
// create names its own outlet, so that outlet managers may.
func bookingEntries() map[string]entry {
	services := func(s *side) [2]string { return s.services }
	staff := func(s *side) [2]string { return s.staff }
	svcThrow := func(m *matrix, t *testing.T, o string) string { return m.throwawayService(t, o) }
	stfThrow := func(m *matrix, t *testing.T, o string) string { return m.throwawayStaff(t, o) }
	return map[string]entry{
		"GET /api/v1/services": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: listsOwnOutlet("GET /api/v1/services", services)},
		"POST /api/v1/services": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: serviceBody("Isolation Service "+m.unique(), 30, 1500, m.a.outlets[0])}
			}},
		"GET /api/v1/services/{service_id}": {targets: bookingTargets, want: inTenant("service_not_found"),
			call: atBooking("service_id", services, svcThrow, nil, false)},
		"PUT /api/v1/services/{service_id}": {targets: bookingTargets, want: inTenant("service_not_found"),
			call: atBooking("service_id", services, svcThrow, map[string]any{"price": 1999}, false)},
		"DELETE /api/v1/services/{service_id}": {targets: bookingTargets, want: inTenant("service_not_found"),
			call: atBooking("service_id", services, svcThrow, nil, true)},

		"GET /api/v1/staff": {want: inTenant(""), call: fixed(call{query: "limit=500"}),
			check: listsOwnOutlet("GET /api/v1/staff", staff)},
		"POST /api/v1/staff": {want: inTenant(""),
			call: func(_ *testing.T, m *matrix, _ *caller, _ target, _ want) call {
				return call{body: staffBody("Isolation Stylist "+m.unique(), m.a.outlets[0])}
			}},
		"GET /api/v1/staff/{staff_id}": {targets: bookingTargets, want: inTenant("staff_not_found"),
			call: atBooking("staff_id", staff, stfThrow, nil, false)},
		"PUT /api/v1/staff/{staff_id}": {targets: bookingTargets, want: inTenant("staff_not_found"),
			call: atBooking("staff_id", staff, stfThrow, map[string]any{"position": "Isolation Lead"}, false)},
		"DELETE /api/v1/staff/{staff_id}": {targets: bookingTargets, want: inTenant("staff_not_found"),
			call: atBooking("staff_id", staff, stfThrow, nil, true)},
	}
}
