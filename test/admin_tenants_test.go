package test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestAdminTenantList: the platform admins' tenant list answers {items,
// total} with each tenant's plan and member count, filters by status and by
// a part of the name or slug in any case, pages by offset and by the next
// cursor to the same rows, refuses a bad cursor with 422, and answers 403
// to a tenant owner.
func TestAdminTenantList(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		a := h.register(t, "Admin List Alpha Spa")
		b := h.register(t, "Admin List Beta Salon")
		h.register(t, "Admin List Gamma Spa")

		all := h.get(t, "/api/v1/admin/tenants", admin).expect(http.StatusOK).obj()
		total := int(all.num("total"))
		if total < 4 { // the public tenant and the three
			t.Fatalf("total = %d, want at least 4", total)
		}
		items := all.objs("items")
		if len(items) != total {
			t.Fatalf("%d items, total %d", len(items), total)
		}
		first := items[0]
		if first.str("name") != "Admin List Gamma Spa" { // newest first
			t.Fatalf("first = %s", first)
		}
		for _, k := range []string{"id", "name", "slug", "status", "subscription_plan", "member_count", "created_at"} {
			if !first.has(k) {
				t.Fatalf("item lacks %s: %s", k, first)
			}
		}
		if first.num("member_count") != 1 || first.str("subscription_plan") == "" {
			t.Fatalf("member_count/plan: %s", first)
		}

		found := h.get(t, "/api/v1/admin/tenants?q="+url.QueryEscape("LIST BETA"), admin).expect(http.StatusOK).obj()
		if found.num("total") != 1 || found.objs("items")[0].str("id") != b.tenantID {
			t.Fatalf("q by name: %s", found)
		}
		found = h.get(t, "/api/v1/admin/tenants?q="+url.QueryEscape(a.slug), admin).expect(http.StatusOK).obj()
		if found.num("total") != 1 || found.objs("items")[0].str("id") != a.tenantID {
			t.Fatalf("q by slug: %s", found)
		}
		if n := h.get(t, "/api/v1/admin/tenants?q=%25", admin).expect(http.StatusOK).obj().num("total"); n != 0 {
			t.Fatalf("q=%% matched %v tenants (a wildcard, not a literal)", n)
		}

		h.put(t, "/api/v1/admin/tenants/"+b.tenantID+"/status", admin, map[string]any{"status": "suspended", "reason": "Payment overdue"}).
			expect(http.StatusOK)
		sus := h.get(t, "/api/v1/admin/tenants?status=suspended", admin).expect(http.StatusOK).obj()
		if sus.num("total") != 1 || sus.objs("items")[0].str("id") != b.tenantID {
			t.Fatalf("status=suspended: %s", sus)
		}
		if n := h.get(t, "/api/v1/admin/tenants?status=active", admin).expect(http.StatusOK).obj().num("total"); int(n) != total-1 {
			t.Fatalf("active total = %v, want %d", n, total-1)
		}

		// Offset and cursor pages see the same rows.
		var byCursor []string
		next := ""
		for range total {
			path := "/api/v1/admin/tenants?limit=2"
			if next != "" {
				path += "&after=" + url.QueryEscape(next)
			}
			p := h.get(t, path, admin).expect(http.StatusOK).obj()
			for _, it := range p.objs("items") {
				byCursor = append(byCursor, it.str("id"))
			}
			if !p.has("next") {
				break
			}
			next = p.str("next")
		}
		var byOffset []string
		for off := 0; off < total; off += 2 {
			p := h.get(t, "/api/v1/admin/tenants?limit=2&offset="+strconv.Itoa(off), admin).expect(http.StatusOK).obj()
			for _, it := range p.objs("items") {
				byOffset = append(byOffset, it.str("id"))
			}
		}
		if len(byCursor) != total || len(byOffset) != total {
			t.Fatalf("cursor saw %d, offset %d, total %d", len(byCursor), len(byOffset), total)
		}
		for i := range byCursor {
			if byCursor[i] != byOffset[i] {
				t.Fatalf("row %d: cursor %s, offset %s", i, byCursor[i], byOffset[i])
			}
		}

		h.get(t, "/api/v1/admin/tenants?after=nope", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.get(t, "/api/v1/admin/tenants?status=gone", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		h.get(t, "/api/v1/admin/tenants?limit=0", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		for _, bad := range []string{"%00", "%FF"} { // NUL, not UTF-8: refused by the router, never 5xx
			h.get(t, "/api/v1/admin/tenants?q="+bad, admin).problem(http.StatusBadRequest, "invalid_parameter")
			h.get(t, "/api/v1/admin/users?email="+bad, admin).problem(http.StatusBadRequest, "invalid_parameter")
		}
		h.get(t, "/api/v1/admin/tenants?q=a%0Ab", admin).problem(http.StatusUnprocessableEntity, "validation_failed") // two lines
		h.get(t, "/api/v1/admin/users?email=a%0Ab", admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		owner := h.scoped(t, a.email, a.password, a.tenantID)
		h.get(t, "/api/v1/admin/tenants", owner).problem(http.StatusForbidden, "forbidden")
	})
}
