package test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
)

// TestAppointmentJourney: an outlet manager books a customer at its outlet
// (service, staff with availability, customer, appointment), confirms and
// completes it; the appointment of another outlet, and another tenant's,
// answer 404; every transition is audited; the lifecycle refuses what it
// does not allow.
func TestAppointmentJourney(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Journey Booking Spa")
		h.onPlan(t, tm.tenantID, "basic")
		north := h.createOutlet(t, tm.owner, "North", "Quezon City")
		south := h.createOutlet(t, tm.owner, "South", "Muntinlupa")
		_, mgr := h.addMember(t, tm.owner, tm.tenantID, "manager@journey-booking.example.com", membership.OutletManager, north)

		service := h.post(t, "/api/v1/services", mgr, serviceBody("Manicure", 45, 1800, north)).expect(http.StatusCreated).obj().str("id")
		body := staffBody("Nina North", north)
		body["service_ids"] = []string{service}
		staff := h.post(t, "/api/v1/staff", mgr, body).expect(http.StatusCreated).obj().str("id")
		cust := h.createCustomer(t, mgr, "Carla Diaz", "carla@journey.example.com").str("id")
		start := h.nextSlot(10, 30)

		r := h.post(t, "/api/v1/appointments", mgr, appointmentBody(north, cust, service, staff, start)).expect(http.StatusCreated)
		a := r.obj()
		apt := a.str("id")
		if r.header.Get("Location") != "/api/v1/appointments/"+apt {
			t.Errorf("Location %q", r.header.Get("Location"))
		}
		a.eq("status", "pending")
		a.eq("outlet_id", north)
		if a.num("price") != 1800 {
			t.Errorf("price %v", a.num("price"))
		}
		if got, _ := time.Parse(time.RFC3339, a.str("end_at")); !got.Equal(start.Add(45 * time.Minute)) {
			t.Errorf("end_at %s, want %s", a.str("end_at"), start.Add(45*time.Minute))
		}

		// Another outlet's appointment does not exist for the manager.
		southSvc, southStaff := h.bookable(t, tm.owner, "South", south)
		other := h.book(t, tm.owner, south, cust, southSvc, southStaff, start)
		h.get(t, "/api/v1/appointments/"+other, mgr).problem(http.StatusNotFound, "appointment_not_found")
		h.post(t, "/api/v1/appointments/"+other+"/status", mgr, map[string]any{"status": "confirmed"}).
			problem(http.StatusNotFound, "appointment_not_found")
		h.post(t, "/api/v1/appointments", mgr, appointmentBody(south, cust, southSvc, southStaff, start.Add(time.Hour))).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		list := h.get(t, "/api/v1/appointments?limit=50", mgr).expect(http.StatusOK).obj().objs("items")
		if len(list) != 1 || list[0].str("id") != apt {
			t.Errorf("manager lists %v, want only %s", idsOf(list), apt)
		}

		// Another tenant sees nothing.
		rival := h.newTeam(t, "Rival Booking Spa")
		h.get(t, "/api/v1/appointments/"+apt, rival.owner).problem(http.StatusNotFound, "appointment_not_found")

		// Lifecycle.
		h.post(t, "/api/v1/appointments/"+apt+"/status", mgr, map[string]any{"status": "completed"}).
			problem(http.StatusConflict, "invalid_transition")
		h.post(t, "/api/v1/appointments/"+apt+"/status", mgr, map[string]any{"status": "confirmed"}).expect(http.StatusOK).
			obj().eq("status", "confirmed")
		h.post(t, "/api/v1/appointments/"+apt+"/status", mgr, map[string]any{"status": "completed"}).
			problem(http.StatusConflict, "appointment_not_started")
		h.clock.advance(start.Sub(h.clock.peek()) + time.Hour) // the appointment is over
		mgr = h.scoped(t, "manager@journey-booking.example.com", goodPassword, tm.tenantID)
		tm.owner = h.scoped(t, tm.email, tm.password, tm.tenantID)
		h.post(t, "/api/v1/appointments/"+apt+"/status", mgr, map[string]any{"status": "completed"}).expect(http.StatusOK).
			obj().eq("status", "completed")
		h.post(t, "/api/v1/appointments/"+apt+"/status", mgr, map[string]any{"status": "cancelled"}).
			problem(http.StatusConflict, "invalid_transition")
		h.put(t, "/api/v1/appointments/"+apt, mgr, map[string]any{"notes": "late note"}).problem(http.StatusConflict, "appointment_closed")
		for _, action := range []string{"appointment.create", "appointment.confirmed", "appointment.completed"} {
			h.auditDetails(t, tm.owner, action, apt)
		}
		h.get(t, "/api/v1/appointments?limit=50&status=completed", tm.owner).expect(http.StatusOK)
	})
}

// TestAppointmentRules: the hours, availability, advance and reference
// rules of a booking, each with its field code; a move is checked as a
// booking is.
func TestAppointmentRules(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Rules Booking Spa")
		outlet := h.createOutlet(t, tm.owner, "Main", "Makati")
		service, staff := h.bookable(t, tm.owner, "Main", outlet)
		cust := h.createCustomer(t, tm.owner, "Rui Santos", "rui@rules.example.com").str("id")
		wed := h.nextSlot(10, 0)
		monday := wed.AddDate(0, 0, -2)
		if !monday.After(h.clock.peek()) {
			monday = monday.AddDate(0, 0, 7)
		}
		for name, c := range map[string]struct {
			edit  func(map[string]any)
			field string
			code  string
		}{
			"before opening":    {func(b map[string]any) { b["start_at"] = wed.Add(-2 * time.Hour).Format(time.RFC3339) }, "start_at", "outside_business_hours"},
			"runs past closing": {func(b map[string]any) { b["start_at"] = wed.Add(6*time.Hour + 30*time.Minute).Format(time.RFC3339) }, "start_at", "outside_business_hours"},
			"staff not working": {func(b map[string]any) { b["start_at"] = wed.Add(-30 * time.Minute).Format(time.RFC3339) }, "start_at", "outside_staff_availability"},
			"monday (no staff)": {func(b map[string]any) { b["start_at"] = monday.Add(time.Hour).Format(time.RFC3339) }, "start_at", "outside_staff_availability"},
			"in the past": {func(b map[string]any) {
				b["start_at"] = h.clock.peek().Add(-time.Hour).Truncate(time.Minute).Format(time.RFC3339)
			}, "start_at", "in_the_past"},
			"too far ahead":       {func(b map[string]any) { b["start_at"] = wed.AddDate(0, 0, 35).Format(time.RFC3339) }, "start_at", "too_far_ahead"},
			"odd second":          {func(b map[string]any) { b["start_at"] = wed.Add(time.Second).Format(time.RFC3339) }, "start_at", "not_whole_minute"},
			"unknown customer":    {func(b map[string]any) { b["customer_id"] = "cst_missing" }, "customer_id", "unknown_customer"},
			"unknown service":     {func(b map[string]any) { b["service_id"] = "svc_missing" }, "service_id", "unknown_service"},
			"unknown staff":       {func(b map[string]any) { b["staff_id"] = "stf_missing" }, "staff_id", "unknown_staff"},
			"unknown outlet":      {func(b map[string]any) { b["outlet_id"] = "out_missing" }, "outlet_id", "unknown_outlet"},
			"missing start":       {func(b map[string]any) { delete(b, "start_at") }, "start_at", "required"},
			"staff lacks service": {func(b map[string]any) { b["service_id"] = h.createService(t, tm.owner, "Other", outlet) }, "staff_id", "service_not_provided"},
		} {
			b := appointmentBody(outlet, cust, service, staff, wed)
			c.edit(b)
			p := h.post(t, "/api/v1/appointments", tm.owner, b).problem(http.StatusUnprocessableEntity, "validation_failed")
			if p.fieldErrors()[c.field] != c.code {
				t.Errorf("%s: %s", name, p)
			}
		}
		apt := h.book(t, tm.owner, outlet, cust, service, staff, wed)
		h.post(t, "/api/v1/appointments", tm.owner, appointmentBody(outlet, cust, service, staff, wed.Add(30*time.Minute))).
			problem(http.StatusConflict, "staff_unavailable")
		second := h.book(t, tm.owner, outlet, cust, service, staff, wed.Add(45*time.Minute)) // back to back
		p := h.put(t, "/api/v1/appointments/"+second, tm.owner, map[string]any{"start_at": wed.Add(-3 * time.Hour).Format(time.RFC3339)}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		if p.fieldErrors()["start_at"] != "outside_business_hours" {
			t.Errorf("move before opening: %s", p)
		}
		h.put(t, "/api/v1/appointments/"+second, tm.owner, map[string]any{"start_at": wed.Add(15 * time.Minute).Format(time.RFC3339)}).
			problem(http.StatusConflict, "staff_unavailable")
		h.put(t, "/api/v1/appointments/"+second, tm.owner, map[string]any{"service_id": service}).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		moved := h.put(t, "/api/v1/appointments/"+apt, tm.owner, map[string]any{"start_at": wed.Add(2 * time.Hour).Format(time.RFC3339)}).
			expect(http.StatusOK).obj()
		if got, _ := time.Parse(time.RFC3339, moved.str("end_at")); !got.Equal(wed.Add(2*time.Hour + 45*time.Minute)) {
			t.Errorf("moved end_at %s", moved.str("end_at"))
		}
		h.auditDetails(t, tm.owner, "appointment.update", apt).eq("fields", "start_at")

		// A deactivated outlet keeps its appointments and takes no new ones;
		// reactivated, it books again.
		h.put(t, "/api/v1/outlets/"+outlet, tm.owner, map[string]any{"is_active": false}).expect(http.StatusOK)
		h.post(t, "/api/v1/appointments", tm.owner, appointmentBody(outlet, cust, service, staff, wed.Add(4*time.Hour))).
			problem(http.StatusConflict, "outlet_inactive")
		h.get(t, "/api/v1/appointments/"+apt, tm.owner).expect(http.StatusOK).obj().eq("status", "pending")
		h.put(t, "/api/v1/outlets/"+outlet, tm.owner, map[string]any{"is_active": true}).expect(http.StatusOK)
		h.book(t, tm.owner, outlet, cust, service, staff, wed.Add(4*time.Hour))
	})
}

// TestAppointmentCancellationWindow: cancelling closes cancellation_hours
// before the start; an owner may override, audited as such; a receptionist
// may not.
func TestAppointmentCancellationWindow(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Window Booking Spa")
		outlet := h.createOutlet(t, tm.owner, "Main", "Makati")
		service, staff := h.bookable(t, tm.owner, "Main", outlet)
		cust := h.createCustomer(t, tm.owner, "Wen Li", "wen@window.example.com").str("id")
		_, desk := h.addMember(t, tm.owner, tm.tenantID, "desk@window.example.com", membership.Receptionist, outlet)
		start := h.nextSlot(11, 0)
		early := h.book(t, desk, outlet, cust, service, staff, start)
		late := h.book(t, desk, outlet, cust, service, staff, start.Add(time.Hour))
		h.post(t, "/api/v1/appointments/"+early+"/status", desk, map[string]any{"status": "cancelled", "reason": "flu"}).
			expect(http.StatusOK).obj().eq("cancel_reason", "flu")
		h.auditDetails(t, tm.owner, "appointment.cancelled", early).eq("reason", "flu")

		h.clock.advance(start.Sub(h.clock.peek()) - 23*time.Hour) // inside the default 24 hours
		desk = h.scoped(t, "desk@window.example.com", goodPassword, tm.tenantID)
		tm.owner = h.scoped(t, tm.email, tm.password, tm.tenantID)
		h.post(t, "/api/v1/appointments/"+late+"/status", desk, map[string]any{"status": "cancelled"}).
			problem(http.StatusConflict, "cancellation_window_passed")
		h.post(t, "/api/v1/appointments/"+late+"/status", desk, map[string]any{"status": "cancelled", "override": true}).
			problem(http.StatusForbidden, "forbidden")
		h.post(t, "/api/v1/appointments/"+late+"/status", tm.owner, map[string]any{"status": "cancelled", "override": true}).
			expect(http.StatusOK).obj().eq("status", "cancelled")
		h.auditDetails(t, tm.owner, "appointment.cancel_override", late).eq("override", "true")
		// The freed slot books again.
		h.book(t, desk, outlet, cust, service, staff, start.Add(time.Hour))
	})
}

// TestAppointmentOverlapRace: ten parallel bookings of one staff member's
// slot create exactly one appointment; the others answer 409.
func TestAppointmentOverlapRace(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Race Booking Spa")
		outlet := h.createOutlet(t, tm.owner, "Main", "Makati")
		service, staff := h.bookable(t, tm.owner, "Main", outlet)
		cust := h.createCustomer(t, tm.owner, "Rae Cruz", "rae@race.example.com").str("id")
		start := h.nextSlot(13, 0)
		codes := make([]int, 10)
		var wg sync.WaitGroup
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Overlapping, not equal: each starts a minute later.
				b := appointmentBody(outlet, cust, service, staff, start.Add(time.Duration(i)*time.Minute))
				codes[i] = h.post(t, "/api/v1/appointments", tm.owner, b).status
			}()
		}
		wg.Wait()
		created := 0
		for _, c := range codes {
			switch c {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
			default:
				t.Errorf("a parallel booking answered %d", c)
			}
		}
		n := len(h.get(t, "/api/v1/appointments?staff_id="+staff, tm.owner).expect(http.StatusOK).obj().objs("items"))
		if created != 1 || n != 1 {
			t.Errorf("%d bookings created, %d listed; want exactly one (%v)", created, n, codes)
		}
	})
}

// TestAppointmentMonthlyLimit: appointments_per_month counts the bookings
// of the calendar month in the tenant's time zone; past it, 403
// plan_limit_exceeded; the next month books again.
func TestAppointmentMonthlyLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		// Start at 23:00 Manila on a month's last day.
		now := h.clock.peek().In(manila)
		last := time.Date(now.Year(), now.Month()+1, 1, 23, 0, 0, 0, manila).AddDate(0, 0, -1)
		if !last.After(now) {
			last = time.Date(now.Year(), now.Month()+2, 1, 23, 0, 0, 0, manila).AddDate(0, 0, -1)
		}
		h.clock.advance(last.Sub(h.clock.peek()))
		h.addPlan(t, "book2", 1000, plan.Limits{plan.AppointmentsPerMonth: 2, plan.Outlets: 3, plan.Staff: 5})
		tm := h.newTeam(t, "Limit Booking Spa")
		h.onPlan(t, tm.tenantID, "book2")
		h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"settings": map[string]any{"timezone": "Asia/Manila"}}).
			expect(http.StatusOK)
		outlet := h.createOutlet(t, tm.owner, "Main", "Makati")
		service, staff := h.bookable(t, tm.owner, "Main", outlet)
		cust := h.createCustomer(t, tm.owner, "Lim Tan", "lim@limit.example.com").str("id")
		slot := h.nextSlot(10, 0)
		h.book(t, tm.owner, outlet, cust, service, staff, slot)
		h.book(t, tm.owner, outlet, cust, service, staff, slot.Add(time.Hour))
		h.post(t, "/api/v1/appointments", tm.owner, appointmentBody(outlet, cust, service, staff, slot.Add(2*time.Hour))).
			problem(http.StatusForbidden, "plan_limit_exceeded")
		h.clock.advance(90 * time.Minute) // 00:30 Manila of the next month, still the old month in UTC
		tm.owner = h.scoped(t, tm.email, tm.password, tm.tenantID)
		h.book(t, tm.owner, outlet, cust, service, staff, slot.Add(2*time.Hour))
	})
}
