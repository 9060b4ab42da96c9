package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestStaffCRUD: a staff member's life on both engines: outlets with
// availability inside each outlet's hours, services, skills, commission,
// an optional link to an active member, partial updates, soft deletion,
// every change audited and each bad field answered with its code.
func TestStaffCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Staff Spa")
		h.onPlan(t, tm.tenantID, "basic")
		north := h.createOutlet(t, tm.owner, "North", "Manila") // weekdays 09:00–17:00, monday split 12:00–13:00
		south := h.createOutlet(t, tm.owner, "South", "Cebu")
		cut := h.createService(t, tm.owner, "Cut")
		color := h.createService(t, tm.owner, "Color", north)
		memberID := h.addUser(t, tm.owner, "stylist@staff-spa.example.com", "staff")

		body := staffBody("Ana Reyes", north)
		body["service_ids"] = []string{cut, color}
		body["user_id"] = memberID
		from := h.clock.peek()
		r := h.post(t, "/api/v1/staff", tm.owner, body).expect(http.StatusCreated)
		s := r.obj()
		sid := s.str("id")
		if !strings.HasPrefix(sid, "stf_") || r.header.Get("Location") != "/api/v1/staff/"+sid {
			t.Fatalf("created staff id %q, Location %q", sid, r.header.Get("Location"))
		}
		s.eq("name", "Ana Reyes")
		s.eq("email", "ana-reyes@staff.example.com")
		s.eq("position", "Senior Stylist")
		s.eq("user_id", memberID)
		if s.num("commission_rate") != 12.5 || strings.Join(s.strs("skills"), ",") != "Coloring,Cutting" ||
			strings.Join(s.strs("outlet_ids"), ",") != north || !sameSet(s.strs("service_ids"), []string{cut, color}) || !s.boolean("is_active") {
			t.Errorf("created staff %s", s)
		}
		week := s.sub("availability").sub(north)
		if len(week.objs("tuesday")) != 1 || len(week.objs("monday")) != 0 || week.objs("friday")[0].str("open") != "10:00" {
			t.Errorf("availability %s", s.sub("availability"))
		}
		h.clock.stamped(t, "created_at", s.str("created_at"), from)
		if got := h.get(t, "/api/v1/staff/"+sid, tm.owner).expect(http.StatusOK).obj(); got.String() != s.String() {
			t.Errorf("GET %s\nwant %s", got, s)
		}
		h.auditDetails(t, tm.owner, "staff.create", sid).eq("name", "Ana Reyes")
		plain := h.post(t, "/api/v1/staff", tm.owner, map[string]any{"name": "Ben"}).expect(http.StatusCreated).obj()
		plain.null("user_id")
		if plain.num("commission_rate") != 0 || len(plain.strs("outlet_ids")) != 0 || len(plain.sub("availability").m) != 0 {
			t.Errorf("minimal staff %s", plain)
		}

		t.Run("list and filter", func(t *testing.T) {
			all := h.get(t, "/api/v1/staff", tm.owner).expect(http.StatusOK)
			if got := idsOf(all.list()); strings.Join(got, ",") != sid+","+plain.str("id") || all.total() != 2 {
				t.Errorf("list %v", got)
			}
			if got := idsOf(h.get(t, "/api/v1/staff?outlet_id="+north, tm.owner).expect(http.StatusOK).list()); strings.Join(got, ",") != sid {
				t.Errorf("at north %v", got)
			}
			if got := idsOf(h.get(t, "/api/v1/staff?service_id="+color, tm.owner).expect(http.StatusOK).list()); strings.Join(got, ",") != sid {
				t.Errorf("providing color %v", got)
			}
			if n := h.get(t, "/api/v1/staff?outlet_id="+south, tm.owner).expect(http.StatusOK).total(); n != 0 {
				t.Errorf("%d at south", n)
			}
		})

		t.Run("partial update", func(t *testing.T) {
			u := h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"outlet_ids": []string{north, south},
				"availability":    map[string]any{south: map[string]any{"saturday": []map[string]string{}, "tuesday": []map[string]string{{"open": "09:00", "close": "17:00"}}}},
				"commission_rate": 15, "user_id": ""}).expect(http.StatusOK).obj()
			u.null("user_id")
			if u.num("commission_rate") != 15 || !sameSet(u.strs("outlet_ids"), []string{north, south}) {
				t.Errorf("updated %s", u)
			}
			av := u.sub("availability")
			if av.has(north) || len(av.sub(south).objs("tuesday")) != 1 {
				t.Errorf("availability replaced: %s", av)
			}
			// Dropping an outlet drops its week; an unchanged PUT records nothing.
			u = h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"outlet_ids": []string{north}}).expect(http.StatusOK).obj()
			if len(u.sub("availability").m) != 0 {
				t.Errorf("week of a dropped outlet kept: %s", u)
			}
			h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"name": "Ana Reyes"}).expect(http.StatusOK)
			if got := h.auditFields(t, tm.owner, "staff.update", sid); strings.Join(got, " ") != "user_id,outlet_ids,commission_rate,availability outlet_ids" {
				t.Errorf("staff.update events: %q", got)
			}
			// A deleted service disappears from service_ids.
			h.del(t, "/api/v1/services/"+color, tm.owner).expect(http.StatusNoContent)
			if got := h.get(t, "/api/v1/staff/"+sid, tm.owner).expect(http.StatusOK).obj().strs("service_ids"); strings.Join(got, ",") != cut {
				t.Errorf("service_ids after the service's deletion: %v", got)
			}
		})

		t.Run("availability outside the outlet's hours is refused", func(t *testing.T) {
			for name, c := range map[string]struct {
				week  map[string]any
				field string
			}{
				"before opening":  {map[string]any{"tuesday": []map[string]string{{"open": "08:00", "close": "12:00"}}}, "availability." + north + ".tuesday[0]"},
				"over lunch":      {map[string]any{"monday": []map[string]string{{"open": "11:00", "close": "14:00"}}}, "availability." + north + ".monday[0]"},
				"on a closed day": {map[string]any{"sunday": []map[string]string{{"open": "10:00", "close": "11:00"}}}, "availability." + north + ".sunday[0]"},
				"second interval": {map[string]any{"friday": []map[string]string{{"open": "09:00", "close": "10:00"}, {"open": "16:00", "close": "18:00"}}}, "availability." + north + ".friday[1]"},
			} {
				p := h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"availability": map[string]any{north: c.week}}).
					problem(http.StatusUnprocessableEntity, "validation_failed")
				if fe := p.fieldErrors(); fe[c.field] != "outside_business_hours" {
					t.Errorf("%s: %v, want %s outside_business_hours", name, fe, c.field)
				}
			}
			h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"availability": map[string]any{north: map[string]any{
				"monday": []map[string]string{{"open": "09:00", "close": "12:00"}, {"open": "13:00", "close": "17:00"}}}}}).expect(http.StatusOK)
		})

		t.Run("validation", func(t *testing.T) {
			other := h.newTeam(t, "Staff Other Spa")
			theirOutlet := h.createOutlet(t, other.owner, "Theirs", "Davao")
			theirService := h.createService(t, other.owner, "Theirs")
			outsider := h.addUser(t, other.owner, "outsider@staff-other.example.com", "staff")
			with := func(k string, v any) map[string]any {
				b := map[string]any{"name": "Valid Name"}
				b[k] = v
				return b
			}
			for name, c := range map[string]struct {
				body  map[string]any
				field string
				code  string
			}{
				"no name":           {map[string]any{"email": "a@example.com"}, "name", "required"},
				"bad email":         {with("email", "nope"), "email", "invalid_email"},
				"bad phone":         {with("phone", "call me"), "phone", "invalid_phone"},
				"long position":     {with("position", strings.Repeat("p", 101)), "position", "too_long"},
				"empty skill":       {with("skills", []string{"Cut", " "}), "skills[1]", "required"},
				"duplicate skill":   {with("skills", []string{"Cut", "cut"}), "skills[1]", "duplicate"},
				"commission > 100":  {with("commission_rate", 100.5), "commission_rate", "out_of_range"},
				"commission < 0":    {with("commission_rate", -1), "commission_rate", "out_of_range"},
				"too precise":       {with("commission_rate", 12.345), "commission_rate", "too_precise"},
				"foreign outlet":    {with("outlet_ids", []string{theirOutlet}), "outlet_ids[0]", "unknown_outlet"},
				"foreign service":   {with("service_ids", []string{cut, theirService}), "service_ids[1]", "unknown_service"},
				"deleted service":   {with("service_ids", []string{color}), "service_ids[0]", "unknown_service"},
				"outsider user":     {with("user_id", outsider), "user_id", "unknown_member"},
				"week not assigned": {with("availability", map[string]any{south: weekdays("10:00", "11:00")}), "availability." + south, "outlet_not_assigned"},
				"bad week": {map[string]any{"name": "x", "outlet_ids": []string{north},
					"availability": map[string]any{north: map[string]any{"caturday": []map[string]string{}}}}, "availability." + north + ".caturday", "unknown_day"},
				"long skill":    {with("skills", []string{strings.Repeat("s", 101)}), "skills[0]", "too_long"},
				"many skills":   {with("skills", numbered("skill", 51)), "skills", "too_many"},
				"many outlets":  {with("outlet_ids", numbered("out_x", 101)), "outlet_ids", "too_many"},
				"many services": {with("service_ids", numbered("svc_x", 201)), "service_ids", "too_many"},
				"bad time": {map[string]any{"name": "x", "outlet_ids": []string{north},
					"availability": map[string]any{north: map[string]any{"tuesday": []map[string]string{{"open": "9:00", "close": "12:00"}}}}},
					"availability." + north + ".tuesday[0].open", "invalid_time"},
				"overlapping": {map[string]any{"name": "x", "outlet_ids": []string{north},
					"availability": map[string]any{north: map[string]any{"tuesday": []map[string]string{{"open": "10:00", "close": "12:00"}, {"open": "11:00", "close": "13:00"}}}}},
					"availability." + north + ".tuesday[1]", "overlapping_intervals"},
				"reversed interval": {map[string]any{"name": "x", "outlet_ids": []string{north},
					"availability": map[string]any{north: map[string]any{"monday": []map[string]string{{"open": "11:00", "close": "10:00"}}}}},
					"availability." + north + ".monday[0]", "open_not_before_close"},
			} {
				p := h.post(t, "/api/v1/staff", tm.owner, c.body).problem(http.StatusUnprocessableEntity, "validation_failed")
				if fe := p.fieldErrors(); fe[c.field] != c.code {
					t.Errorf("%s: %v, want %s %s", name, fe, c.field, c.code)
				}
			}
			// One staff profile per user: the owner links once.
			h.post(t, "/api/v1/staff", tm.owner, map[string]any{"name": "Owner", "user_id": tm.ownerID}).expect(http.StatusCreated)
			p := h.post(t, "/api/v1/staff", tm.owner, map[string]any{"name": "Owner Again", "user_id": tm.ownerID}).
				problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["user_id"] != "already_linked" {
				t.Errorf("second link: %v", fe)
			}
		})

		t.Run("delete is soft and final", func(t *testing.T) {
			h.del(t, "/api/v1/staff/"+sid, tm.owner).expect(http.StatusNoContent)
			h.get(t, "/api/v1/staff/"+sid, tm.owner).problem(http.StatusNotFound, "staff_not_found")
			h.put(t, "/api/v1/staff/"+sid, tm.owner, map[string]any{"name": "Back"}).problem(http.StatusNotFound, "staff_not_found")
			h.del(t, "/api/v1/staff/"+sid, tm.owner).problem(http.StatusNotFound, "staff_not_found")
			if got := idsOf(h.get(t, "/api/v1/staff", tm.owner).expect(http.StatusOK).list()); contains(got, sid) {
				t.Error("deleted staff listed")
			}
			h.auditDetails(t, tm.owner, "staff.delete", sid).eq("name", "Ana Reyes")
		})

		t.Run("another tenant's staff do not exist", func(t *testing.T) {
			other := h.newTeam(t, "Staff Third Spa")
			mine := plain.str("id")
			h.get(t, "/api/v1/staff/"+mine, other.owner).problem(http.StatusNotFound, "staff_not_found")
			h.put(t, "/api/v1/staff/"+mine, other.owner, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "staff_not_found")
			h.del(t, "/api/v1/staff/"+mine, other.owner).problem(http.StatusNotFound, "staff_not_found")
			if n := h.get(t, "/api/v1/staff", other.owner).expect(http.StatusOK).total(); n != 0 {
				t.Errorf("other tenant lists %d staff", n)
			}
		})
	})
}

// numbered returns n distinct strings prefix-0 … prefix-(n-1).
func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i)
	}
	return out
}
