package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestServiceCRUD: a service's life on both engines: created in the
// tenant's currency, tenant-wide or limited to outlets, listed with its
// filters, updated partially (a new price takes the currency of the
// moment), soft-deleted (404 after, gone from lists), every change audited,
// and each bad field answered with its code.
func TestServiceCRUD(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Service Spa")
		h.onPlan(t, tm.tenantID, "basic")
		north := h.createOutlet(t, tm.owner, "North", "Manila")
		south := h.createOutlet(t, tm.owner, "South", "Cebu")
		h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"settings": map[string]any{"currency": "PHP"}}).expect(http.StatusOK)

		from := h.clock.peek()
		r := h.post(t, "/api/v1/services", tm.owner, map[string]any{"name": " Haircut ", "category": "Hair",
			"duration_minutes": 45, "price": 50000}).expect(http.StatusCreated)
		s := r.obj()
		sid := s.str("id")
		if !strings.HasPrefix(sid, "svc_") || r.header.Get("Location") != "/api/v1/services/"+sid {
			t.Fatalf("created service id %q, Location %q", sid, r.header.Get("Location"))
		}
		s.eq("name", "Haircut")
		s.eq("currency", "PHP")
		s.eq("tenant_id", tm.tenantID)
		if s.num("price") != 50000 || s.num("duration_minutes") != 45 || !s.boolean("tenant_wide") || !s.boolean("is_active") ||
			len(s.strs("outlet_ids")) != 0 {
			t.Errorf("created service %s", s)
		}
		h.clock.stamped(t, "created_at", s.str("created_at"), from)
		if got := h.get(t, "/api/v1/services/"+sid, tm.owner).expect(http.StatusOK).obj(); got.String() != s.String() {
			t.Errorf("GET %s\nwant %s", got, s)
		}
		h.auditDetails(t, tm.owner, "service.create", sid).eq("name", "Haircut")

		massage := h.post(t, "/api/v1/services", tm.owner, serviceBody("Massage", 60, 80000, north)).expect(http.StatusCreated).obj()
		if massage.boolean("tenant_wide") || strings.Join(massage.strs("outlet_ids"), ",") != north {
			t.Errorf("limited service %s", massage)
		}
		nails := h.post(t, "/api/v1/services", tm.owner, map[string]any{"name": "Nails", "category": "nails", "duration_minutes": 30,
			"price": 0, "outlet_ids": []string{south}}).expect(http.StatusCreated).obj()

		t.Run("list and filter", func(t *testing.T) {
			all := h.get(t, "/api/v1/services", tm.owner).expect(http.StatusOK)
			want := []string{sid, massage.str("id"), nails.str("id")} // by name
			if got := idsOf(all.list()); strings.Join(got, ",") != strings.Join(want, ",") || all.total() != 3 {
				t.Fatalf("list %v (total %d), want %v", got, all.total(), want)
			}
			atNorth := idsOf(h.get(t, "/api/v1/services?outlet_id="+north, tm.owner).expect(http.StatusOK).list())
			if !sameSet(atNorth, []string{sid, massage.str("id")}) {
				t.Errorf("at north %v", atNorth)
			}
			hair := idsOf(h.get(t, "/api/v1/services?category=HAIR", tm.owner).expect(http.StatusOK).list())
			if !sameSet(hair, []string{sid, massage.str("id")}) {
				t.Errorf("category hair %v", hair)
			}
			page := h.get(t, "/api/v1/services?skip=1&limit=1", tm.owner).expect(http.StatusOK)
			if got := idsOf(page.list()); len(got) != 1 || got[0] != massage.str("id") || page.total() != 3 {
				t.Errorf("page %v", got)
			}
			bad := h.get(t, "/api/v1/services?is_active=maybe&limit=0", tm.owner).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := bad.fieldErrors(); fe["is_active"] != "invalid_boolean" {
				t.Errorf("bad query %v", fe)
			}
		})

		t.Run("partial update", func(t *testing.T) {
			h.put(t, "/api/v1/tenants/"+tm.tenantID, tm.owner, map[string]any{"settings": map[string]any{"currency": "USD"}}).expect(http.StatusOK)
			u := h.put(t, "/api/v1/services/"+sid, tm.owner, map[string]any{"name": "Haircut & Style"}).expect(http.StatusOK).obj()
			u.eq("currency", "PHP") // the price is still the one set in pesos
			u.eq("category", "Hair")
			u = h.put(t, "/api/v1/services/"+sid, tm.owner, map[string]any{"price": 3000, "outlet_ids": []string{south, north},
				"is_active": false}).expect(http.StatusOK).obj()
			u.eq("currency", "USD")
			if u.boolean("tenant_wide") || !sameSet(u.strs("outlet_ids"), []string{north, south}) || u.boolean("is_active") {
				t.Errorf("updated %s", u)
			}
			if got := h.auditFields(t, tm.owner, "service.update", sid); strings.Join(got, " ") != "name price,outlet_ids,is_active" {
				t.Errorf("service.update events: %q", got)
			}
			if got := idsOf(h.get(t, "/api/v1/services?is_active=false", tm.owner).expect(http.StatusOK).list()); len(got) != 1 || got[0] != sid {
				t.Errorf("inactive %v", got)
			}
			back := h.put(t, "/api/v1/services/"+sid, tm.owner, map[string]any{"outlet_ids": []string{}, "is_active": true}).expect(http.StatusOK).obj()
			if !back.boolean("tenant_wide") || len(back.strs("outlet_ids")) != 0 {
				t.Errorf("back to every outlet: %s", back)
			}
		})

		t.Run("validation", func(t *testing.T) {
			other := h.newTeam(t, "Service Other Spa")
			theirs := h.createOutlet(t, other.owner, "Theirs", "Davao")
			for name, c := range map[string]struct {
				body  map[string]any
				field string
				code  string
			}{
				"no name":        {map[string]any{"duration_minutes": 30, "price": 1}, "name", "required"},
				"no duration":    {map[string]any{"name": "x", "price": 1}, "duration_minutes", "required"},
				"no price":       {map[string]any{"name": "x", "duration_minutes": 30}, "price", "required"},
				"too short":      {serviceBody("x", 4, 1), "duration_minutes", "out_of_range"},
				"too long":       {serviceBody("x", 1441, 1), "duration_minutes", "out_of_range"},
				"negative price": {serviceBody("x", 30, -1), "price", "out_of_range"},
				"long name":      {serviceBody(strings.Repeat("n", 201), 30, 1), "name", "too_long"},
				"long category":  {map[string]any{"name": "x", "category": strings.Repeat("c", 101), "duration_minutes": 30, "price": 1}, "category", "too_long"},
				"name with LF":   {serviceBody("a\nb", 30, 1), "name", "invalid_characters"},
				"foreign outlet": {serviceBody("x", 30, 1, north, theirs), "outlet_ids[1]", "unknown_outlet"},
				"missing outlet": {serviceBody("x", 30, 1, "out_nothing"), "outlet_ids[0]", "unknown_outlet"},
				"many outlets":   {serviceBody("x", 30, 1, numbered("out_x", 101)...), "outlet_ids", "too_many"},
				"category CR":    {map[string]any{"name": "x", "category": "a\rb", "duration_minutes": 30, "price": 1}, "category", "invalid_characters"},
			} {
				p := h.post(t, "/api/v1/services", tm.owner, c.body).problem(http.StatusUnprocessableEntity, "validation_failed")
				if fe := p.fieldErrors(); fe[c.field] != c.code {
					t.Errorf("%s: %v, want %s %s", name, fe, c.field, c.code)
				}
			}
			p := h.put(t, "/api/v1/services/"+sid, tm.owner, map[string]any{"duration_minutes": 0}).problem(http.StatusUnprocessableEntity, "validation_failed")
			if fe := p.fieldErrors(); fe["duration_minutes"] != "out_of_range" {
				t.Errorf("update: %v", fe)
			}
			h.post(t, "/api/v1/services", tm.owner, map[string]any{"name": "x", "price": "free"}).problem(http.StatusUnprocessableEntity, "validation_failed")
		})

		t.Run("delete is soft and final", func(t *testing.T) {
			h.del(t, "/api/v1/services/"+sid, tm.owner).expect(http.StatusNoContent)
			h.get(t, "/api/v1/services/"+sid, tm.owner).problem(http.StatusNotFound, "service_not_found")
			h.put(t, "/api/v1/services/"+sid, tm.owner, map[string]any{"name": "Back"}).problem(http.StatusNotFound, "service_not_found")
			h.del(t, "/api/v1/services/"+sid, tm.owner).problem(http.StatusNotFound, "service_not_found")
			if got := idsOf(h.get(t, "/api/v1/services", tm.owner).expect(http.StatusOK).list()); contains(got, sid) {
				t.Error("deleted service listed")
			}
			h.auditDetails(t, tm.owner, "service.delete", sid).eq("name", "Haircut & Style")
		})

		t.Run("another tenant's services do not exist", func(t *testing.T) {
			other := h.newTeam(t, "Service Third Spa")
			mine := massage.str("id")
			h.get(t, "/api/v1/services/"+mine, other.owner).problem(http.StatusNotFound, "service_not_found")
			h.put(t, "/api/v1/services/"+mine, other.owner, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "service_not_found")
			h.del(t, "/api/v1/services/"+mine, other.owner).problem(http.StatusNotFound, "service_not_found")
			if n := h.get(t, "/api/v1/services", other.owner).expect(http.StatusOK).total(); n != 0 {
				t.Errorf("other tenant lists %d services", n)
			}
			global := h.token(t, tm.email, tm.password)
			h.get(t, "/api/v1/services", global).problem(http.StatusUnprocessableEntity, "scoped_token_required")
		})
	})
}
