package test

import (
	"net/http"
	"strings"
	"testing"
)

func TestOutletCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Outlet Spa")
		h.onPlan(t, acct.tenantID, "pro") // five outlets
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)

		from := h.clock.peek()
		r := h.post(t, "/api/v1/outlets", owner, outletBody("Downtown Branch", "Manila")).expect(http.StatusCreated)
		o := r.obj()
		outletID := o.str("id")
		if !strings.HasPrefix(outletID, "out_") || r.header.Get("Location") != "/api/v1/outlets/"+outletID {
			t.Fatalf("created outlet id %q, Location %q", outletID, r.header.Get("Location"))
		}
		o.eq("tenant_id", acct.tenantID)
		o.eq("name", "Downtown Branch")
		o.eq("phone", "+63 2 555 0101")
		o.eq("email", "branch@downtown-branch.example.com")
		o.eq("timezone", "Asia/Manila")
		a := o.sub("address")
		for k, v := range map[string]string{"line1": "12 Rizal Ave", "line2": "Unit 3", "city": "Manila", "state": "NCR",
			"postal_code": "1000", "country": "PH"} {
			a.eq(k, v)
		}
		if !o.boolean("is_active") {
			t.Error("new outlet not active")
		}
		hours := o.sub("business_hours")
		if len(hours.m) != 7 || len(hours.objs("sunday")) != 0 || len(hours.objs("monday")) != 2 {
			t.Fatalf("business hours %s: want all seven days, sunday closed, monday split", hours)
		}
		hours.objs("monday")[1].eq("open", "13:00")
		for _, k := range []string{"created_at", "updated_at"} {
			h.clock.stamped(t, k, o.str(k), from)
		}
		if got := h.get(t, "/api/v1/outlets/"+outletID, owner).expect(http.StatusOK).obj(); got.String() != o.String() {
			t.Errorf("GET %s\nwant %s", got, o)
		}

		t.Run("timezone defaults to the tenant's", func(t *testing.T) {
			tz := h.get(t, "/api/v1/tenants/"+acct.tenantID, owner).expect(http.StatusOK).obj().sub("settings").str("timezone")
			h.put(t, "/api/v1/tenants/"+acct.tenantID, owner, map[string]any{"settings": map[string]any{"timezone": "Europe/Lisbon"}}).
				expect(http.StatusOK)
			got := h.post(t, "/api/v1/outlets", owner, map[string]any{"name": "Minimal"}).expect(http.StatusCreated).obj()
			got.eq("timezone", "Europe/Lisbon")
			got.eq("phone", "")
			got.sub("address").eq("city", "")
			if len(got.sub("business_hours").objs("monday")) != 0 {
				t.Error("an outlet created without hours is open on monday")
			}
			h.put(t, "/api/v1/tenants/"+acct.tenantID, owner, map[string]any{"settings": map[string]any{"timezone": tz}}).expect(http.StatusOK)
			h.del(t, "/api/v1/outlets/"+got.str("id"), owner).expect(http.StatusNoContent)
		})

		t.Run("partial update", func(t *testing.T) {
			u := h.put(t, "/api/v1/outlets/"+outletID, owner, map[string]any{
				"name": "  Downtown Flagship ", "address": map[string]any{"city": "Makati"},
				"business_hours": map[string]any{"saturday": []map[string]string{{"open": "10:00", "close": "14:00"}}},
			}).expect(http.StatusOK).obj()
			u.eq("name", "Downtown Flagship")
			u.sub("address").eq("city", "Makati")
			u.sub("address").eq("line1", "12 Rizal Ave") // untouched parts stay
			u.eq("phone", "+63 2 555 0101")
			if bh := u.sub("business_hours"); len(bh.objs("monday")) != 0 || len(bh.objs("saturday")) != 1 {
				t.Errorf("business hours not replaced: %s", bh)
			}
			if u.str("updated_at") == o.str("updated_at") || u.str("created_at") != o.str("created_at") {
				t.Errorf("timestamps after update: %s", u)
			}
			d := h.auditDetails(t, owner, "outlet.update", outletID)
			d.eq("fields", "name,address.city,business_hours")
			// Sending what is already there changes nothing and records nothing new.
			h.put(t, "/api/v1/outlets/"+outletID, owner, map[string]any{"name": "Downtown Flagship"}).expect(http.StatusOK)
			h.auditDetails(t, owner, "outlet.update", outletID).eq("fields", "name,address.city,business_hours")
			h.auditDetails(t, owner, "outlet.create", outletID).eq("name", "Downtown Branch")
		})

		t.Run("list, filter and page", func(t *testing.T) {
			ids := map[string]string{"flagship": outletID}
			for _, n := range []string{"Cebu IT Park", "Bonifacio High Street", "Alabang Town"} {
				ids[n] = h.createOutlet(t, owner, n, "Cebu")
			}
			h.put(t, "/api/v1/outlets/"+ids["Alabang Town"], owner, map[string]any{"is_active": false}).expect(http.StatusOK)
			all := h.get(t, "/api/v1/outlets", owner).expect(http.StatusOK)
			want := []string{ids["Alabang Town"], ids["Bonifacio High Street"], ids["Cebu IT Park"], outletID} // by name
			if got := outletIDsOf(all.list()); strings.Join(got, ",") != strings.Join(want, ",") || all.total() != 4 {
				t.Fatalf("list %v (total %d), want %v by name", got, all.total(), want)
			}
			page := h.get(t, "/api/v1/outlets?skip=1&limit=2", owner).expect(http.StatusOK)
			if got := outletIDsOf(page.list()); strings.Join(got, ",") != strings.Join(want[1:3], ",") || page.total() != 4 {
				t.Errorf("page %v (total %d)", got, page.total())
			}
			inactive := h.get(t, "/api/v1/outlets?is_active=false", owner).expect(http.StatusOK)
			if got := outletIDsOf(inactive.list()); len(got) != 1 || got[0] != ids["Alabang Town"] || inactive.total() != 1 {
				t.Errorf("inactive %v", got)
			}
			if n := h.get(t, "/api/v1/outlets?is_active=true", owner).expect(http.StatusOK).total(); n != 3 {
				t.Errorf("active total %d", n)
			}
			q := h.get(t, "/api/v1/outlets?q=HIGH%20st", owner).expect(http.StatusOK)
			if got := outletIDsOf(q.list()); len(got) != 1 || got[0] != ids["Bonifacio High Street"] {
				t.Errorf("name search %v", got)
			}
			bad := h.get(t, "/api/v1/outlets?limit=501&skip=-1&is_active=maybe", owner).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := bad.fieldErrors(); fe["is_active"] != "invalid_boolean" {
				t.Errorf("bad query: %v", fe)
			}
			bad = h.get(t, "/api/v1/outlets?limit=501&skip=-1", owner).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := bad.fieldErrors(); fe["limit"] != "out_of_range" || fe["skip"] != "out_of_range" {
				t.Errorf("bad paging: %v", fe)
			}

			from := h.clock.peek()
			s := h.get(t, "/api/v1/outlets/stats", owner).expect(http.StatusOK).obj()
			if s.num("total") != 4 || s.num("active") != 3 || s.num("inactive") != 1 {
				t.Errorf("stats %s", s)
			}
			cities := s.objs("by_city")
			if len(cities) != 2 || cities[0].str("city") != "Cebu" || cities[0].num("total") != 3 || cities[0].num("active") != 2 ||
				cities[1].str("city") != "Makati" {
				t.Errorf("by_city %s", s)
			}
			h.clock.stamped(t, "generated_at", s.str("generated_at"), from)
		})

		t.Run("delete is soft and final", func(t *testing.T) {
			h.del(t, "/api/v1/outlets/"+outletID, owner).expect(http.StatusNoContent)
			h.get(t, "/api/v1/outlets/"+outletID, owner).problem(http.StatusNotFound, "outlet_not_found")
			h.put(t, "/api/v1/outlets/"+outletID, owner, map[string]any{"name": "Back"}).problem(http.StatusNotFound, "outlet_not_found")
			h.del(t, "/api/v1/outlets/"+outletID, owner).problem(http.StatusNotFound, "outlet_not_found")
			if ids := outletIDsOf(h.get(t, "/api/v1/outlets", owner).expect(http.StatusOK).list()); contains(ids, outletID) {
				t.Error("deleted outlet listed")
			}
			if s := h.get(t, "/api/v1/outlets/stats", owner).expect(http.StatusOK).obj(); s.num("total") != 3 {
				t.Errorf("stats count the deleted outlet: %s", s)
			}
			h.auditDetails(t, owner, "outlet.delete", outletID).eq("name", "Downtown Flagship")
		})

		t.Run("a global token names no tenant", func(t *testing.T) {
			global := h.token(t, acct.email, acct.password)
			h.get(t, "/api/v1/outlets", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
			h.post(t, "/api/v1/outlets", global, outletBody("X", "Y")).problem(http.StatusUnprocessableEntity, "scoped_token_required")
			h.get(t, "/api/v1/outlets/stats", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
			h.get(t, "/api/v1/outlets", "").problem(http.StatusUnauthorized, "missing_token")
		})
	})
}

func TestOutletValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Strict Spa")
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		p := h.post(t, "/api/v1/outlets", owner, map[string]any{
			"name": " ", "phone": "call us", "email": "nobody", "timezone": "Mars/Olympus",
			"address": map[string]any{"postal_code": strings.Repeat("9", 21)},
			"business_hours": map[string]any{
				"Monday":    []map[string]string{{"open": "09:00", "close": "17:00"}},
				"tuesday":   []map[string]string{{"open": "9:00", "close": "24:00"}},
				"wednesday": []map[string]string{{"open": "09:00", "close": "13:00"}, {"open": "12:00", "close": "17:00"}},
				"thursday":  []map[string]string{{"open": "18:00", "close": "08:00"}},
			},
		}).problem(http.StatusUnprocessableEntity, "validation_failed")
		want := map[string]string{
			"name": "required", "phone": "invalid_phone", "email": "invalid_email", "timezone": "invalid_timezone",
			"address.postal_code":             "too_long",
			"business_hours.Monday":           "unknown_day",
			"business_hours.tuesday[0].open":  "invalid_time",
			"business_hours.tuesday[0].close": "invalid_time",
			"business_hours.wednesday[1]":     "overlapping_intervals",
			"business_hours.thursday[0]":      "open_not_before_close",
		}
		got := p.fieldErrors()
		if len(got) != len(want) {
			t.Errorf("field errors %v, want %v", got, want)
		}
		for f, c := range want {
			if got[f] != c {
				t.Errorf("field %s: %q, want %q", f, got[f], c)
			}
		}
		if n := h.get(t, "/api/v1/outlets", owner).expect(http.StatusOK).total(); n != 0 {
			t.Fatalf("an invalid outlet was created (%d listed)", n)
		}

		h.post(t, "/api/v1/outlets", owner, map[string]any{"phone": "+63 2 555 0101"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("name").eq("code", "required")
		h.post(t, "/api/v1/outlets", owner, map[string]any{"name": "X", "rating": 5}).problem(http.StatusBadRequest, "unknown_field")
		h.post(t, "/api/v1/outlets", owner, map[string]any{"name": "X", "business_hours": map[string]any{
			"monday": []map[string]string{{"opens": "09:00"}}}}).problem(http.StatusBadRequest, "unknown_field")
		h.post(t, "/api/v1/outlets", owner, map[string]any{"name": "X", "is_active": "yes"}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("is_active").eq("code", "invalid_type")

		id := h.createOutlet(t, owner, "Valid", "Manila")
		u := h.put(t, "/api/v1/outlets/"+id, owner, map[string]any{"name": "", "timezone": "Local",
			"business_hours": map[string]any{"sunday": []map[string]string{{"open": "10:00", "close": "10:00"}}}}).
			problem(http.StatusUnprocessableEntity, "validation_failed").fieldErrors()
		if len(u) != 3 || u["name"] != "required" || u["timezone"] != "invalid_timezone" || u["business_hours.sunday[0]"] != "open_not_before_close" {
			t.Errorf("update errors %v", u)
		}
		h.get(t, "/api/v1/outlets/"+id, owner).expect(http.StatusOK).obj().eq("name", "Valid")
	})
}
