package test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// seedAdminTenant is the reserva seed's admin tenant creation example.
func seedAdminTenant() map[string]any {
	return map[string]any{
		"name":             "Glamour Beauty Spa",
		"slug":             "glamour-spa",
		"email":            "admin@glamourspa.com",
		"phone":            "+639171234567",
		"description":      "Premium beauty and wellness services",
		"website":          "https://glamourspa.com",
		"admin_email":      "owner@glamourspa.com",
		"admin_password":   "SecurePass123!",
		"admin_first_name": "Maria",
		"admin_last_name":  "Santos",
		"settings": map[string]any{
			"timezone":                   "Asia/Manila",
			"currency":                   "PHP",
			"language":                   "en",
			"business_type":              "spa",
			"staff_position_templates":   []string{"Massage Therapist", "Senior Therapist", "Aesthetician", "Spa Manager", "Receptionist"},
			"service_category_templates": []string{"massage", "body_treatment", "facial", "spa", "therapy", "waxing", "consultation"},
		},
	}
}

func TestAdminCreatesTenant(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		start := h.clock.peek()
		r := h.post(t, "/api/v1/tenants", admin, seedAdminTenant()).expect(http.StatusCreated)
		o := r.obj()
		id := o.str("id")
		if !tenantIDRE.MatchString(id) {
			t.Errorf("id %q, want ten_…", id)
		}
		if loc := r.header.Get("Location"); loc != "/api/v1/tenants/"+id {
			t.Errorf("Location %q", loc)
		}
		o.eq("name", "Glamour Beauty Spa")
		o.eq("slug", "glamour-spa")
		o.eq("email", "admin@glamourspa.com")
		o.eq("phone", "+639171234567")
		if !o.boolean("is_active") {
			t.Error("is_active false")
		}
		if !strings.HasPrefix(o.str("subscription_id"), "sub_") {
			t.Errorf("subscription_id %q, want sub_…", o.str("subscription_id"))
		}
		o.null("client_partner_id")
		o.null("client_partner_number")
		for _, k := range []string{"created_at", "updated_at"} {
			h.clock.stamped(t, k, o.str(k), start)
		}
		s := o.sub("settings")
		s.eq("timezone", "Asia/Manila")
		s.eq("currency", "PHP")
		if got := s.strs("staff_position_templates"); len(got) != 5 || got[0] != "Massage Therapist" {
			t.Errorf("staff_position_templates %q", got)
		}
		if got := s.strs("service_category_templates"); len(got) != 7 || got[6] != "consultation" {
			t.Errorf("service_category_templates %q", got)
		}
		o.sub("subscription").eq("plan", "free")

		// The tenant's admin user can log in and owns it.
		login := h.login(t, "owner@glamourspa.com", "SecurePass123!")
		ts := login.objs("tenants")
		if len(ts) != 1 || ts[0].str("id") != id || ts[0].str("role") != "owner" {
			t.Errorf("admin user's tenants %s, want owner of %s", login, id)
		}

		t.Run("admin email already used: 409 and nothing created", func(t *testing.T) {
			before := h.tenantCount(t)
			b := seedAdminTenant()
			b["name"], b["slug"], b["email"], b["phone"] = "Second Spa", "second-spa", "admin@second.example.com", "+639170000000"
			h.post(t, "/api/v1/tenants", admin, b).problem(http.StatusConflict, "admin_email_taken").fieldError("admin_email")
			if !h.available(t, "second-spa") {
				t.Error("slug second-spa taken after a refused creation")
			}
			if after := h.tenantCount(t); after != before {
				t.Errorf("tenant count %d, want %d", after, before)
			}
		})
		t.Run("slug taken: 409", func(t *testing.T) {
			b := seedAdminTenant()
			b["name"], b["admin_email"] = "Third Spa", "owner@third.example.com"
			h.post(t, "/api/v1/tenants", admin, b).problem(http.StatusConflict, "slug_taken").fieldError("slug").eq("code", "taken")
			// Nothing was created: the would-be admin user cannot log in.
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "owner@third.example.com", "password": "SecurePass123!"}).
				problem(http.StatusUnauthorized, "invalid_credentials")
		})
		t.Run("reserved slug", func(t *testing.T) {
			b := seedAdminTenant()
			b["name"], b["slug"], b["admin_email"] = "Api Spa", "api", "owner@api.example.com"
			h.post(t, "/api/v1/tenants", admin, b).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("slug").eq("code", "reserved_slug")
		})
		t.Run("validation lists every field", func(t *testing.T) {
			b := map[string]any{"name": "", "admin_email": "bad", "admin_password": "weak",
				"settings": map[string]any{"timezone": "Mars/Olympus", "currency": "peso"}}
			fe := h.post(t, "/api/v1/tenants", admin, b).problem(http.StatusUnprocessableEntity, "validation_failed").fieldErrors()
			for f, code := range map[string]string{"name": "required", "admin_email": "invalid_email", "admin_password": "weak_password",
				"admin_first_name": "required", "admin_last_name": "required", "settings.timezone": "invalid_timezone",
				"settings.currency": "invalid_currency"} {
				if fe[f] != code {
					t.Errorf("errors[%s] = %q, want %q (all: %v)", f, fe[f], code, fe)
				}
			}
		})
	})
}

func TestListTenants(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		var ids []string // oldest first
		for i := range 4 {
			o := h.post(t, "/api/v1/tenants", admin, map[string]any{"name": "List Org " + strconv.Itoa(i)}).expect(http.StatusCreated).obj()
			o.eq("slug", "list-org-"+strconv.Itoa(i))
			ids = append(ids, o.str("id"))
		}

		r := h.get(t, "/api/v1/tenants", admin).expect(http.StatusOK)
		if r.total() != 5 { // the four and public
			t.Errorf("X-Total-Count %d, want 5", r.total())
		}
		all := r.list()
		if len(all) != 5 {
			t.Fatalf("%d tenants listed, want 5", len(all))
		}
		got := []string{}
		for _, x := range all {
			got = append(got, x.str("id"))
		}
		want := append(slices.Clone(ids), "public")
		slices.Reverse(want[:4])
		if !slices.Equal(got, want) {
			t.Errorf("order %v, want newest first %v", got, want)
		}
		first := all[0]
		first.eq("name", "List Org 3")
		first.eq("slug", "list-org-3")
		first.eq("status", "active")
		if !first.boolean("is_active") {
			t.Error("is_active false")
		}
		first.sub("subscription").eq("plan", "free")
		first.sub("subscription").eq("status", "active")
		if first.str("created_at") == "" {
			t.Error("no created_at")
		}

		page := h.get(t, "/api/v1/tenants?skip=1&limit=2", admin).expect(http.StatusOK)
		if page.total() != 5 {
			t.Errorf("paged X-Total-Count %d, want 5", page.total())
		}
		pl := page.list()
		if len(pl) != 2 || pl[0].str("id") != ids[2] || pl[1].str("id") != ids[1] {
			t.Errorf("skip=1&limit=2 gave %v, want [%s %s]", pl, ids[2], ids[1])
		}
		if n := len(h.get(t, "/api/v1/tenants?limit=500", admin).expect(http.StatusOK).list()); n != 5 {
			t.Errorf("limit=500 listed %d", n)
		}
		for _, bad := range []string{"limit=501", "limit=0", "skip=-1", "status=deleted"} {
			h.get(t, "/api/v1/tenants?"+bad, admin).problem(http.StatusUnprocessableEntity, "validation_failed")
		}
		h.get(t, "/api/v1/tenants?limit=ten", admin).problem(http.StatusUnprocessableEntity, "validation_failed").
			fieldError("limit").eq("code", "invalid_integer")

		// Status filter.
		h.del(t, "/api/v1/tenants/"+ids[1], admin).expect(http.StatusNoContent)
		in := h.get(t, "/api/v1/tenants?status=inactive", admin).expect(http.StatusOK)
		il := in.list()
		if in.total() != 1 || len(il) != 1 || il[0].str("id") != ids[1] {
			t.Errorf("status=inactive gave %v (total %d), want only %s", il, in.total(), ids[1])
		} else {
			il[0].eq("status", "inactive")
			if il[0].boolean("is_active") {
				t.Error("inactive tenant listed with is_active true")
			}
		}
		act := h.get(t, "/api/v1/tenants?status=active", admin).expect(http.StatusOK)
		if act.total() != 4 {
			t.Errorf("status=active total %d, want 4", act.total())
		}
		for _, x := range act.list() {
			if x.str("id") == ids[1] {
				t.Error("deactivated tenant listed as active")
			}
		}
	})
}

func TestOrganizations(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Org Owner Spa")
		other := h.register(t, "Bystander Spa")
		tok := h.token(t, acc.email, acc.password)

		body := map[string]any{"name": "Acme Corp", "slug": "acme-corp", "billing_email": "billing@acme.com"}
		o := h.post(t, "/api/v1/tenants", tok, body).expect(http.StatusCreated).obj()
		orgID := o.str("id")
		if !tenantIDRE.MatchString(orgID) {
			t.Errorf("id %q", orgID)
		}
		o.eq("name", "Acme Corp")
		o.eq("slug", "acme-corp")
		o.eq("status", "active")
		o.eq("billing_email", "billing@acme.com")
		if o.str("created_at") == "" {
			t.Error("no created_at")
		}

		// The caller owns it: their listing shows both tenants with role owner, newest first.
		r := h.get(t, "/api/v1/tenants", tok).expect(http.StatusOK)
		mine := r.list()
		if r.total() != 2 || len(mine) != 2 {
			t.Fatalf("own listing %v (total %d), want 2 tenants", mine, r.total())
		}
		mine[0].eq("id", orgID)
		mine[0].eq("role", "owner")
		mine[0].eq("status", "active")
		mine[1].eq("id", acc.tenantID)
		mine[1].eq("role", "owner")
		h.get(t, "/api/v1/tenants/"+orgID, tok).expect(http.StatusOK).obj().eq("billing_email", "billing@acme.com")

		// Another user sees only their own tenant, and not the organization.
		ol := h.get(t, "/api/v1/tenants", h.token(t, other.email, other.password)).expect(http.StatusOK).list()
		if len(ol) != 1 || ol[0].str("id") != other.tenantID {
			t.Errorf("bystander listing %v, want only %s", ol, other.tenantID)
		}

		// The same slug again: 409.
		h.post(t, "/api/v1/tenants", tok, map[string]any{"name": "Acme Two", "slug": "acme-corp"}).problem(http.StatusConflict, "slug_taken")
		// Without a slug, one is made from the name and auto-incremented.
		h.post(t, "/api/v1/tenants", tok, map[string]any{"name": "Acme Corp!"}).expect(http.StatusCreated).obj().eq("slug", "acme-corp-1")

		// A plain user may not create a tenant with an admin user.
		h.post(t, "/api/v1/tenants", tok, map[string]any{"name": "Sneaky", "admin_email": "x@sneaky.example.com", "admin_password": goodPassword}).
			problem(http.StatusForbidden, "platform_admin_required")
		h.post(t, "/api/v1/tenants", tok, map[string]any{"name": "Sneaky", "admin_email": "x@sneaky.example.com"}).
			problem(http.StatusForbidden, "platform_admin_required")
		if !h.available(t, "sneaky") {
			t.Error("a refused organization took its slug")
		}

		// Anonymous callers may not create tenants.
		h.post(t, "/api/v1/tenants", "", body).problem(http.StatusUnauthorized, "missing_token")
	})
}

func TestGetAndUpdateTenant(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Update Spa")
		other := h.register(t, "Other Spa")
		tok := h.token(t, acc.email, acc.password)
		path := "/api/v1/tenants/" + acc.tenantID

		o := h.get(t, path, tok).expect(http.StatusOK).obj()
		s := o.sub("settings")
		if s.num("booking_advance_days") != 30 || s.num("cancellation_hours") != 24 {
			t.Errorf("booking_advance_days %v, cancellation_hours %v, want 30 and 24", s.num("booking_advance_days"), s.num("cancellation_hours"))
		}
		if s.boolean("wallet_enabled") || s.boolean("loyalty_points_enabled") {
			t.Error("wallet_enabled/loyalty_points_enabled default true, want false")
		}
		s.eq("timezone", "UTC")
		s.eq("currency", "USD")
		s.eq("language", "en")
		s.eq("business_type", "spa")
		wantPositions := []string{"Service Provider", "Senior Provider", "Specialist", "Manager", "Receptionist", "Assistant", "Trainee"}
		if got := s.strs("staff_position_templates"); !slices.Equal(got, wantPositions) {
			t.Errorf("staff_position_templates %q, want %q", got, wantPositions)
		}
		wantCategories := []string{"hair_cut", "hair_color", "hair_treatment", "hair_styling", "facial", "makeup", "eyebrows",
			"eyelashes", "manicure", "pedicure", "nail_art", "massage", "body_treatment", "waxing", "spa", "therapy", "consultation", "other"}
		if got := s.strs("service_category_templates"); !slices.Equal(got, wantCategories) {
			t.Errorf("service_category_templates %q, want the 18 defaults", got)
		}
		for _, k := range []string{"id", "name", "slug", "email", "phone", "description", "website", "billing_email", "logo_url",
			"is_active", "status", "subscription", "settings", "client_partner_id", "client_partner_number", "subscription_id",
			"created_at", "updated_at"} {
			if !o.has(k) {
				t.Errorf("tenant document lacks %q", k)
			}
		}

		t.Run("templates endpoints", func(t *testing.T) {
			sp := h.get(t, path+"/staff-position-templates", tok).expect(http.StatusOK).obj()
			sp.eq("tenant_id", acc.tenantID)
			if got := sp.strs("staff_position_templates"); !slices.Equal(got, wantPositions) {
				t.Errorf("staff-position-templates %q", got)
			}
			sc := h.get(t, path+"/service-category-templates", tok).expect(http.StatusOK).obj()
			sc.eq("tenant_id", acc.tenantID)
			if got := sc.strs("service_category_templates"); !slices.Equal(got, wantCategories) {
				t.Errorf("service-category-templates %q", got)
			}
		})

		t.Run("partial update", func(t *testing.T) {
			u := h.put(t, path, tok, map[string]any{
				"description": "Now with saunas",
				"website":     "update-spa.example.com",
				"settings": map[string]any{"timezone": "Asia/Manila", "cancellation_hours": 48, "wallet_enabled": true,
					"service_category_templates": []string{"sauna", "massage"}},
			}).expect(http.StatusOK).obj()
			u.eq("description", "Now with saunas")
			u.eq("website", "https://update-spa.example.com")
			u.eq("name", "Update Spa")                      // untouched
			u.eq("email", "contact@update-spa.example.com") // untouched
			u.eq("slug", acc.slug)
			us := u.sub("settings")
			us.eq("timezone", "Asia/Manila")
			us.eq("currency", "USD")
			us.eq("business_type", "spa")
			if us.num("cancellation_hours") != 48 || us.num("booking_advance_days") != 30 {
				t.Errorf("cancellation_hours %v booking_advance_days %v", us.num("cancellation_hours"), us.num("booking_advance_days"))
			}
			if !us.boolean("wallet_enabled") || us.boolean("loyalty_points_enabled") {
				t.Error("wallet/loyalty flags wrong after update")
			}
			if got := us.strs("staff_position_templates"); !slices.Equal(got, wantPositions) {
				t.Errorf("staff templates changed: %q", got)
			}
			if u.str("updated_at") == o.str("updated_at") {
				t.Error("updated_at unchanged")
			}
			u.eq("created_at", o.str("created_at"))

			// Settings take effect at once: GET and the template endpoint agree.
			g := h.get(t, path, tok).expect(http.StatusOK).obj()
			g.eq("description", "Now with saunas")
			g.sub("settings").eq("timezone", "Asia/Manila")
			sc := h.get(t, path+"/service-category-templates", tok).expect(http.StatusOK).obj()
			if got := sc.strs("service_category_templates"); !slices.Equal(got, []string{"sauna", "massage"}) {
				t.Errorf("service-category-templates after update %q", got)
			}
		})

		t.Run("refused updates", func(t *testing.T) {
			p := h.put(t, path, tok, map[string]any{"slug": "new-slug"}).problem(http.StatusUnprocessableEntity, "slug_immutable")
			p.fieldError("slug").eq("code", "slug_immutable")
			for _, f := range []string{"subscription", "plan", "subscription_id", "subscription_status"} {
				var v any = "pro"
				if f == "subscription" {
					v = map[string]any{"plan": "pro"}
				}
				p := h.put(t, path, tok, map[string]any{f: v}).problem(http.StatusUnprocessableEntity, "subscription_immutable")
				p.fieldError(f).eq("code", "subscription_immutable")
			}
			p = h.put(t, path, tok, map[string]any{"name": "X", "favourite_colour": "blue"}).problem(http.StatusBadRequest, "unknown_field")
			p.fieldError("favourite_colour")
			p = h.put(t, path, tok, map[string]any{"settings": map[string]any{"timezone": "Mars/Olympus"}}).problem(http.StatusUnprocessableEntity, "validation_failed")
			p.fieldError("settings.timezone").eq("code", "invalid_timezone")
			h.put(t, path, tok, map[string]any{"name": ""}).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("name").eq("code", "required")
			h.put(t, path, tok, map[string]any{"name": 42}).problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("name").eq("code", "invalid_type")
			// None of it changed anything.
			g := h.get(t, path, tok).expect(http.StatusOK).obj()
			g.eq("slug", acc.slug)
			g.eq("name", "Update Spa")
			g.sub("subscription").eq("plan", "free")
		})

		t.Run("other tenants' users get 404", func(t *testing.T) {
			otok := h.token(t, other.email, other.password)
			oscoped := h.scoped(t, other.email, other.password, other.tenantID)
			for _, tk := range []string{otok, oscoped} {
				h.get(t, path, tk).problem(http.StatusNotFound, "tenant_not_found")
				h.put(t, path, tk, map[string]any{"name": "Hijacked"}).problem(http.StatusNotFound, "tenant_not_found")
				h.get(t, path+"/service-category-templates", tk).problem(http.StatusNotFound, "tenant_not_found")
				h.del(t, path, tk).problem(http.StatusNotFound, "tenant_not_found")
			}
			h.get(t, path, tok).expect(http.StatusOK).obj().eq("name", "Update Spa")
		})

		t.Run("owner is not a platform admin", func(t *testing.T) {
			h.del(t, path, tok).problem(http.StatusForbidden, "forbidden")
			h.post(t, path+"/reactivate", tok, nil).problem(http.StatusForbidden, "forbidden")
			h.put(t, "/api/v1/admin/tenants/"+acc.tenantID+"/status", tok, map[string]any{"status": "suspended"}).problem(http.StatusForbidden, "forbidden")
			h.get(t, path, tok).expect(http.StatusOK).obj().eq("status", "active")
		})

		t.Run("platform admin reads and updates any tenant", func(t *testing.T) {
			admin := h.admin(t)
			h.get(t, path, admin).expect(http.StatusOK).obj().eq("id", acc.tenantID)
			h.put(t, path, admin, map[string]any{"billing_email": "Billing@Update-Spa.example.com"}).expect(http.StatusOK).obj().
				eq("billing_email", "billing@update-spa.example.com")
		})
	})
}
