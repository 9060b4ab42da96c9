package test

import (
	"net/http"
	"sort"
	"testing"
	"time"
)

// serviceBody is a valid service of duration minutes at price (minor
// units), limited to outletIDs (none: every outlet).
func serviceBody(name string, minutes int, price int64, outletIDs ...string) map[string]any {
	b := map[string]any{"name": name, "category": "Hair", "duration_minutes": minutes, "price": price}
	if len(outletIDs) > 0 {
		b["outlet_ids"] = outletIDs
	}
	return b
}

// createService creates a service with token and returns its id.
func (h *harness) createService(t testing.TB, token, name string, outletIDs ...string) string {
	t.Helper()
	return h.post(t, "/api/v1/services", token, serviceBody(name, 45, 2500, outletIDs...)).expect(http.StatusCreated).obj().str("id")
}

// weekdays are the same intervals tuesday to friday (an outletBody outlet
// closes for lunch on mondays).
func weekdays(open, close string) map[string]any {
	day := []map[string]string{{"open": open, "close": close}}
	return map[string]any{"tuesday": day, "wednesday": day, "thursday": day, "friday": day}
}

// staffBody is a valid staff member working at outletIDs (available
// 10:00–16:00 tuesday to friday at each).
func staffBody(name string, outletIDs ...string) map[string]any {
	avail := map[string]any{}
	for _, o := range outletIDs {
		avail[o] = weekdays("10:00", "16:00")
	}
	return map[string]any{"name": name, "email": key(name) + "@staff.example.com", "phone": "+63 917 555 0101",
		"position": "Senior Stylist", "skills": []string{"Coloring", "Cutting"}, "commission_rate": 12.5,
		"outlet_ids": outletIDs, "availability": avail}
}

// createStaff creates a staff member with token and returns its id.
func (h *harness) createStaff(t testing.TB, token, name string, outletIDs ...string) string {
	t.Helper()
	return h.post(t, "/api/v1/staff", token, staffBody(name, outletIDs...)).expect(http.StatusCreated).obj().str("id")
}

// idsOf returns the ids of a listing, in order.
func idsOf(list []obj) []string { return outletIDsOf(list) }

// auditFields returns the "fields" details of every audit event of action
// on resourceID, oldest first by the server's clock (event ids made within
// one millisecond of real time need not sort in order).
func (h *harness) auditFields(t testing.TB, token, action, resourceID string) []string {
	t.Helper()
	var events []obj
	for _, e := range h.get(t, "/api/v1/audit-logs?limit=500&action="+action, token).expect(http.StatusOK).list() {
		if e.str("resource_id") == resourceID {
			events = append(events, e)
		}
	}
	at := func(e obj) time.Time {
		v, err := time.Parse(time.RFC3339Nano, e.str("created_at"))
		if err != nil {
			t.Fatalf("audit event time: %v", err)
		}
		return v
	}
	sort.SliceStable(events, func(i, j int) bool { return at(events[i]).Before(at(events[j])) })
	out := []string{}
	for _, e := range events {
		out = append(out, e.sub("details").str("fields"))
	}
	return out
}
