package test

import (
	"net/http"
	"testing"
)

// TestBookingWithAPIKeys checks the booking rows' API-key scopes:
// services:read and staff:read list and read, services:write and
// staff:write create, update and delete; a key reaches every outlet of its
// tenant and no other tenant's rows.
func TestBookingWithAPIKeys(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Keyed Booking")
		north := h.createOutlet(t, tm.owner, "North", "Manila")
		svc := h.createService(t, tm.owner, "Cut", north)
		stf := h.createStaff(t, tm.owner, "Ana", north)
		key := func(scopes ...string) string { return h.createKey(t, tm.owner, "k", "prod", scopes...).str("key") }
		withKey := func(method, path, k string, body any) *response {
			return h.do(t, method, path, req{body: body, header: map[string]string{"X-API-Key": k}})
		}
		reader, writer := key("services:read", "staff:read"), key("services:write", "staff:write")

		if got := idsOf(withKey("GET", "/api/v1/services", reader, nil).expect(http.StatusOK).list()); len(got) != 1 || got[0] != svc {
			t.Errorf("key lists services %v", got)
		}
		if got := idsOf(withKey("GET", "/api/v1/staff", reader, nil).expect(http.StatusOK).list()); len(got) != 1 || got[0] != stf {
			t.Errorf("key lists staff %v", got)
		}
		withKey("GET", "/api/v1/staff/"+stf, reader, nil).expect(http.StatusOK)
		withKey("POST", "/api/v1/services", reader, serviceBody("By key", 30, 1)).problem(http.StatusForbidden, "insufficient_scope")
		withKey("PUT", "/api/v1/staff/"+stf, reader, map[string]any{"name": "x"}).problem(http.StatusForbidden, "insufficient_scope")
		withKey("GET", "/api/v1/staff", writer, nil).problem(http.StatusForbidden, "insufficient_scope")
		withKey("GET", "/api/v1/services", key("tenant:read"), nil).problem(http.StatusForbidden, "insufficient_scope")

		made := withKey("POST", "/api/v1/services", writer, serviceBody("By key", 30, 1)).expect(http.StatusCreated).obj().str("id")
		withKey("PUT", "/api/v1/services/"+made, writer, map[string]any{"is_active": false}).expect(http.StatusOK)
		withKey("DELETE", "/api/v1/services/"+made, writer, nil).expect(http.StatusNoContent)
		person := withKey("POST", "/api/v1/staff", writer, staffBody("By Key", north)).expect(http.StatusCreated).obj().str("id")
		withKey("DELETE", "/api/v1/staff/"+person, writer, nil).expect(http.StatusNoContent)

		other := h.newTeam(t, "Keyed Booking Other")
		theirs := h.createStaff(t, other.owner, "Theirs")
		withKey("GET", "/api/v1/staff/"+theirs, reader, nil).problem(http.StatusNotFound, "staff_not_found")
		withKey("DELETE", "/api/v1/staff/"+theirs, writer, nil).problem(http.StatusNotFound, "staff_not_found")
	})
}
