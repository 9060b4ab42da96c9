package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// bookingSignIn signs in on the console's /signin form (shown in c) and
// waits until the console has left the sign-in page.
func bookingSignIn(t *testing.T, c *console, email, password string) {
	t.Helper()
	c.waitPage("/signin")
	c.fill("signin-password", map[string]string{"email": email, "password": password})
	c.do("submit #signin-password", chromedp.Click(chromedp.CSS("#signin-password button[type=submit]")))
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](
		`(() => { const p = document.getElementById('main').dataset.page; return (!!p && p !== '/signin') || !!document.querySelector('#signin-password .status.error') })()`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil || c.page() == "/signin" {
		t.Fatalf("sign-in did not leave /signin: %v %s", err, c.text("#signin-password .status"))
	}
}

// bookingVisit shows a console path in the document already open, as a link of
// the console does (open reloads the document, whose count of pages shown
// starts again).
func (c *console) bookingVisit(path string) {
	c.t.Helper()
	before := c.shown()
	c.do("visit "+path, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`history.pushState(null, '', '/console' + %q); dispatchEvent(new PopStateEvent('popstate'))`, path)))
	c.waitShown(before)
}

// bookingSet sets an input's or select's value as a user's choice does (for
// selects, dates and times, whose typing depends on the locale).
func (c *console) bookingSet(sel, value string) {
	c.t.Helper()
	ok, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false;
		e.value = %q; e.dispatchEvent(new Event('input', {bubbles: true})); return e.value === %q })()`, sel, value, value)))
	if err != nil || !ok {
		c.t.Fatalf("console: set %s to %q: %v (no such element or option)", sel, value, err)
	}
}

// bookingWait waits until the JavaScript expression is true.
func (c *console) bookingWait(what, expr string) {
	c.t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		c.t.Fatalf("console: %s: %v (%s)", what, err, c.text("#main"))
	}
}

// TestConsoleBooking: an owner adds a service, a staff member and a customer
// in the console, books an appointment in the outlet's day view inside its
// business hours, sees it there and confirms it; a booking outside the
// hours shows the problem's message. A viewer sees the catalogue but no
// customers, no appointments and no forms to change anything.
func TestConsoleBooking(t *testing.T) {
	axe := axeSource(t)
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Booking Salon "+h.engine)
		outlet := h.createOutlet(t, tm.owner, "Console Main "+h.engine, "Manila") // Asia/Manila, 09:00–17:00 tuesday to friday
		c := openConsole(t, br, h, "/signin")
		bookingSignIn(t, c, tm.email, tm.password)

		// A service at the outlet, priced as people write prices.
		c.bookingVisit("/services")
		if got := c.text("#main"); !strings.Contains(got, "No services yet") {
			t.Errorf("empty services page: %q", got)
		}
		c.fill("service-create", map[string]string{"name": "Console Cut", "category": "Hair", "duration_minutes": "45", "price": "25.50"})
		c.click(fmt.Sprintf(`#service-create input[data-group="outlet_ids"][value=%q]`, outlet))
		c.submitGo("service-create", "/services/:id")
		svcs := h.get(t, "/api/v1/services", tm.owner).expect(http.StatusOK).list()
		if len(svcs) != 1 || svcs[0].str("name") != "Console Cut" || svcs[0].num("price") != 2550 || svcs[0].num("duration_minutes") != 45 ||
			strings.Join(svcs[0].strs("outlet_ids"), ",") != outlet {
			t.Fatalf("services after the console's creation: %v", svcs)
		}
		service := svcs[0].str("id")
		c.fill("service-edit", map[string]string{"price": "30"})
		if kind, text := c.submit("service-edit"); kind != "ok" {
			t.Errorf("saving the service: %s %q", kind, text)
		}
		if got := h.get(t, "/api/v1/services/"+service, tm.owner).expect(http.StatusOK).obj().num("price"); got != 3000 {
			t.Errorf("price after the edit: %v, want 3000", got)
		}
		c.fill("service-edit", map[string]string{"price": "thirty"})
		if kind, text := c.submit("service-edit"); kind != "error" || !strings.Contains(c.text("#service-edit .field-error:not([hidden])"), "number") {
			t.Errorf("a price that is no number: %s %q", kind, text)
		}
		c.bookingVisit("/services")
		if got := c.text("#main table"); !strings.Contains(got, "Console Cut") || !strings.Contains(got, "Console Main") || !strings.Contains(got, "45 min") {
			t.Errorf("services list: %q", got)
		}
		c.screenshot("services")
		c.axe(axe, "services")

		// A staff member who works there and provides it, with own hours.
		c.bookingVisit("/staff")
		c.fill("staff-create", map[string]string{"name": "Ana Console", "position": "Senior Stylist", "email": "ana@console.example.com",
			"skills": "Coloring, Cutting", "commission_rate": "12.5"})
		c.click(fmt.Sprintf(`#staff-create input[data-group="outlet_ids"][value=%q]`, outlet))
		c.click(fmt.Sprintf(`#staff-create input[data-group="service_ids"][value=%q]`, service))
		c.submitGo("staff-create", "/staff/:id")
		staff := h.get(t, "/api/v1/staff", tm.owner).expect(http.StatusOK).list()
		if len(staff) != 1 || strings.Join(staff[0].strs("outlet_ids"), ",") != outlet || strings.Join(staff[0].strs("service_ids"), ",") != service ||
			strings.Join(staff[0].strs("skills"), ",") != "Coloring,Cutting" || staff[0].num("commission_rate") != 12.5 {
			t.Fatalf("staff after the console's creation: %v", staff)
		}
		staffID := staff[0].str("id")
		c.fill("staff-availability", map[string]string{"avail." + outlet + ".wednesday": "20:00-21:00"})
		if kind, text := c.submit("staff-availability"); kind != "error" || !strings.Contains(c.text("#staff-availability"), "business hours") {
			t.Errorf("hours outside the outlet's: %s %q", kind, text)
		}
		c.fill("staff-availability", map[string]string{"avail." + outlet + ".wednesday": "10:00-16:00"})
		if kind, text := c.submit("staff-availability"); kind != "ok" {
			t.Errorf("saving the hours: %s %q", kind, text)
		}
		week := h.get(t, "/api/v1/staff/"+staffID, tm.owner).expect(http.StatusOK).obj().sub("availability").sub(outlet)
		if w := week.objs("wednesday"); len(w) != 1 || w[0].str("open") != "10:00" || w[0].str("close") != "16:00" {
			t.Errorf("availability after the console's edit: %v", week)
		}

		// A customer, found again by a part of the phone.
		c.bookingVisit("/customers")
		c.fill("customer-create", map[string]string{"name": "Liza Console", "email": "liza@console.example.com", "phone": "+63 917 555 0199"})
		c.submitGo("customer-create", "/customers/:id")
		c.bookingVisit("/customers?q=5550199")
		if got := c.text("#customer-results"); !strings.Contains(got, "Liza Console") || !strings.Contains(got, "1 customer") {
			t.Errorf("search by phone: %q", got)
		}
		c.bookingVisit("/customers?q=nobody-like-that")
		if got := c.text("#customer-results"); !strings.Contains(got, "No customer matches") {
			t.Errorf("search without a match: %q", got)
		}
		customer := h.get(t, "/api/v1/customers?q=Liza", tm.owner).expect(http.StatusOK).obj().objs("items")[0].str("id")

		// The day view: today in the outlet's time zone unless a day is chosen.
		c.bookingVisit("/appointments?outlet=" + outlet)
		if got, want := c.bookingValue("#day-view [name=day]"), h.clock.peek().In(manila).Format("2006-01-02"); got != want {
			t.Errorf("the day view opens on %q, want today in Manila %q", got, want)
		}
		slot := h.nextSlot(11, 0)
		day := slot.Format("2006-01-02")
		before := c.shown()
		c.bookingSet("#day-view [name=day]", day)
		c.click("#day-view button[type=submit]")
		c.waitShown(before)
		if got := c.text("#day-hours"); !strings.Contains(got, "09:00–17:00") || !strings.Contains(got, "Asia/Manila") {
			t.Errorf("the day's hours: %q", got)
		}
		if got := c.text("#day-grid"); !strings.Contains(got, "No appointments on this day") || !strings.Contains(got, "Ana Console") {
			t.Errorf("an empty day: %q", got)
		}
		before = c.shown()
		c.click("#day-next")
		c.waitShown(before)
		if got, want := c.bookingValue("#day-view [name=day]"), slot.AddDate(0, 0, 1).Format("2006-01-02"); got != want {
			t.Errorf("the next day is %q, want %q", got, want)
		}
		before = c.shown()
		c.click("#day-prev")
		c.waitShown(before)
		c.bookingSet("#book [name=customer_id]", customer)
		c.bookingSet("#book [name=service_id]", service)
		c.bookingSet("#book [name=staff_id]", staffID)
		c.bookingSet("#book [name=start_at]", "11:00")
		if kind, text := c.submit("book"); kind != "ok" || !strings.Contains(text, "Liza Console") || !strings.Contains(text, "11:00") {
			t.Fatalf("booking inside the hours: %s %q", kind, text)
		}
		appts := h.get(t, "/api/v1/appointments?outlet_id="+outlet, tm.owner).expect(http.StatusOK).obj().objs("items")
		if len(appts) != 1 || appts[0].str("start_at") != slot.UTC().Format(time.RFC3339) || appts[0].str("status") != "pending" {
			t.Fatalf("appointments after the console's booking (want one at %s): %v", slot.UTC().Format(time.RFC3339), appts)
		}
		apt := appts[0].str("id")
		card := fmt.Sprintf(`#day-grid [data-staff=%q] [data-appointment=%q]`, staffID, apt)
		if got := c.text(card); !strings.Contains(got, "11:00–11:45") || !strings.Contains(got, "Liza Console") || !strings.Contains(got, "Console Cut") || !strings.Contains(got, "Pending") {
			t.Errorf("the appointment in the day view: %q", got)
		}
		c.click(card + " button.step-confirmed")
		c.bookingWait("the appointment shows confirmed", fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.dataset.status === 'confirmed' })()`, card))
		if got := h.get(t, "/api/v1/appointments/"+apt, tm.owner).expect(http.StatusOK).obj().str("status"); got != "confirmed" {
			t.Errorf("status after confirming in the console: %q", got)
		}
		if got := c.text(card); !strings.Contains(got, "Complete") || strings.Contains(got, "Confirm\n") {
			t.Errorf("next steps of a confirmed appointment: %q", got)
		}
		// Moved to noon: checked as a booking is.
		c.click(card + " button.step-move")
		c.bookingWait("the move dialog", `!!document.querySelector('#move-dialog[open] #move')`)
		c.bookingSet("#move [name=start_at]", "16:30")
		if kind, text := c.submit("move"); kind != "error" || !strings.Contains(c.text("#move"), "business hours") {
			t.Errorf("a move past closing: %s %q (%s)", kind, text, c.text("#move"))
		}
		c.bookingSet("#move [name=start_at]", "12:00")
		c.click("#move button[type=submit]")
		c.bookingWait("moved", `!document.querySelector('#move-dialog') && document.querySelector('#day-status').innerText.includes('Moved')`)
		if got := h.get(t, "/api/v1/appointments/"+apt, tm.owner).expect(http.StatusOK).obj(); got.str("start_at") != h.nextSlot(12, 0).UTC().Format(time.RFC3339) || got.str("status") != "confirmed" {
			t.Errorf("after moving to noon: %s", got)
		}
		if got := c.text(card); !strings.Contains(got, "12:00–12:45") {
			t.Errorf("the moved appointment in the day view: %q", got)
		}
		c.screenshot("appointments-day")
		c.axe(axe, "appointments-day")

		// Outside the hours: the API's problem, beside the start.
		refused := h.post(t, "/api/v1/appointments", tm.owner, appointmentBody(outlet, customer, service, staffID, h.nextSlot(18, 0))).
			problem(http.StatusUnprocessableEntity, "validation_failed")
		c.bookingSet("#book [name=start_at]", "18:00")
		kind, text := c.submit("book")
		if kind != "error" || !strings.Contains(text, refused.str("detail")) {
			t.Errorf("booking outside the hours: %s %q, want the detail %q", kind, text, refused.str("detail"))
		}
		if got, want := c.text("#book .field-error:not([hidden])"), refused.fieldError("start_at").str("message"); !strings.Contains(got, want) || want == "" {
			t.Errorf("the start's message: %q, want %q", got, want)
		}
		// An overlap is the API's 409, shown as its message too.
		c.bookingSet("#book [name=start_at]", "12:15")
		if kind, text := c.submit("book"); kind != "error" || text == "" {
			t.Errorf("an overlapping booking: %s %q", kind, text)
		}

		// Cancelling with a reason (an owner overrides a passed cancellation window when asked).
		second := h.book(t, tm.owner, outlet, customer, service, staffID, h.nextSlot(14, 0))
		c.bookingVisit("/appointments?outlet=" + outlet + "&day=" + day)
		card = fmt.Sprintf(`#day-grid [data-appointment=%q]`, second)
		c.click(card + " button.step-cancelled")
		c.bookingWait("the cancel dialog", `!!document.querySelector('#cancel-dialog[open]')`)
		c.do("type the reason", chromedp.SendKeys(chromedp.CSS(`#cancel-dialog textarea`), "Customer is ill"))
		c.click(`#cancel-dialog button[type=submit]`)
		c.bookingWait("cancelled, or asked to override", fmt.Sprintf(`(() => { const e = document.querySelector(%q); return (!!e && e.dataset.status === 'cancelled') || !!document.querySelector('dialog.dialog[open]') })()`, card))
		if c.count("dialog.dialog[open]") > 0 {
			c.click(`dialog.dialog[open] button[type=submit]`)
		}
		c.bookingWait("cancelled", fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.dataset.status === 'cancelled' })()`, card))
		if got := h.get(t, "/api/v1/appointments/"+second, tm.owner).expect(http.StatusOK).obj(); got.str("status") != "cancelled" || got.str("cancel_reason") != "Customer is ill" {
			t.Errorf("after cancelling in the console: %s", got)
		}
		if got := c.text(card); !strings.Contains(got, "Customer is ill") || c.count(card+" button") != 0 {
			t.Errorf("a cancelled appointment in the day view: %q", got)
		}

		// A viewer: the catalogue to read, nothing to change, no customers.
		h.addUser(t, tm.owner, "viewer@console-booking.example.com", "viewer")
		v := openConsole(t, br, h, "/signin") // no cookie of the owner's
		bookingSignIn(t, v, "viewer@console-booking.example.com", goodPassword)
		nav := v.text("#nav")
		if !strings.Contains(nav, "Services") || !strings.Contains(nav, "Staff") || strings.Contains(nav, "Customers") || strings.Contains(nav, "Appointments") {
			t.Errorf("a viewer's navigation: %q", nav)
		}
		v.bookingVisit("/services")
		if got := v.text("#main"); !strings.Contains(got, "Console Cut") || strings.Contains(got, "Add a service") {
			t.Errorf("a viewer's services: %q", got)
		}
		v.bookingVisit("/services/" + service)
		if n := v.count("#main form"); n != 0 {
			t.Errorf("a viewer's service page has %d forms", n)
		}
	})
}

// bookingValue is the value of the input or select matching sel.
func (c *console) bookingValue(sel string) string {
	got, _ := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.value : '' })()`, sel)))
	return got
}
