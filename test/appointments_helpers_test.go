package test

import (
	"net/http"
	"testing"
	"time"
)

// manila is the time zone of outletBody's outlets.
var manila = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Manila")
	if err != nil {
		panic(err)
	}
	return loc
}()

// nextSlot returns the first Wednesday at least a day after the server's
// clock, at hh:mm in Manila: inside outletBody's hours and staffBody's
// availability when hh is from 10 to 15.
func (h *harness) nextSlot(hh, mm int) time.Time {
	d := h.clock.peek().In(manila).AddDate(0, 0, 1)
	for d.Weekday() != time.Wednesday {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, manila)
}

// bookable adds, with token, a service at outlet and a staff member working
// there who provides it (staffBody's availability), and returns their ids.
func (h *harness) bookable(t testing.TB, token, name, outlet string) (service, staff string) {
	t.Helper()
	service = h.post(t, "/api/v1/services", token, serviceBody(name+" Service", 45, 2500, outlet)).
		expect(http.StatusCreated).obj().str("id")
	body := staffBody(name+" Stylist", outlet)
	body["service_ids"] = []string{service}
	staff = h.post(t, "/api/v1/staff", token, body).expect(http.StatusCreated).obj().str("id")
	return service, staff
}

// appointmentBody books customer for service with staff at outlet at start.
func appointmentBody(outlet, customer, service, staff string, start time.Time) map[string]any {
	return map[string]any{"outlet_id": outlet, "customer_id": customer, "service_id": service, "staff_id": staff,
		"start_at": start.Format(time.RFC3339)}
}

// book books an appointment with token and returns its id.
func (h *harness) book(t testing.TB, token, outlet, customer, service, staff string, start time.Time) string {
	t.Helper()
	return h.post(t, "/api/v1/appointments", token, appointmentBody(outlet, customer, service, staff, start)).
		expect(http.StatusCreated).obj().str("id")
}
