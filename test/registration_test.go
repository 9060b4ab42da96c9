package test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	tenantIDRE       = regexp.MustCompile(`^ten_[0-9a-z]{26}$`)
	registrationIDRE = regexp.MustCompile(`^reg_[0-9a-z]{26}$`)
)

// The reserva seed's example registration, answered with its response shape.
func TestRegisterSeedExample(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		body := map[string]any{
			"business_name":    "Bella Vista Spa",
			"business_email":   "contact@bellavista.com",
			"business_phone":   "+1-555-987-6543",
			"business_type":    "spa",
			"description":      "Luxury spa and wellness center",
			"website":          "bellavista.com", // no scheme: https:// is prepended
			"admin_first_name": "Maria",
			"admin_last_name":  "Rodriguez",
			"admin_email":      "maria@bellavista.com",
			"admin_password":   "SecurePass123!",
			"preferred_slug":   "bella-vista-spa",
			"terms_accepted":   true,
			"privacy_accepted": true,
		}
		r := h.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated)
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		o := r.obj()
		if id := o.str("registration_id"); !registrationIDRE.MatchString(id) {
			t.Errorf("registration_id %q, want reg_…", id)
		}
		tenantID := o.str("tenant_id")
		if !tenantIDRE.MatchString(tenantID) {
			t.Errorf("tenant_id %q, want ten_…", tenantID)
		}
		o.eq("slug", "bella-vista-spa")
		o.null("client_partner_id")
		o.null("client_partner_number")
		o.eq("status", "active")
		o.eq("message", "Registration successful! Your account is now active and ready to use.")
		steps := o.strs("next_steps")
		if len(steps) != 6 {
			t.Fatalf("next_steps has %d entries, want 6: %q", len(steps), steps)
		}
		for i, s := range steps {
			if !strings.HasPrefix(s, string(rune('1'+i))+". ") {
				t.Errorf("next_steps[%d] = %q, want it numbered %d", i, s, i+1)
			}
		}
		if steps[0] != "1. Log in with your admin credentials" || steps[5] != "6. Start accepting customer bookings!" {
			t.Errorf("next_steps = %q, want the seed's steps", steps)
		}

		// The admin logs in at once and owns the tenant.
		login := h.login(t, "maria@bellavista.com", "SecurePass123!")
		tenants := login.objs("tenants")
		if len(tenants) != 1 {
			t.Fatalf("login lists %d tenants, want 1: %s", len(tenants), login)
		}
		tenants[0].eq("id", tenantID)
		tenants[0].eq("name", "Bella Vista Spa")
		tenants[0].eq("slug", "bella-vista-spa")
		tenants[0].eq("role", "owner")

		// The stored tenant: website with https://, FREE plan, active.
		tn := h.get(t, "/api/v1/tenants/"+tenantID, login.str("access_token")).expect(http.StatusOK).obj()
		tn.eq("website", "https://bellavista.com")
		tn.eq("name", "Bella Vista Spa")
		tn.eq("email", "contact@bellavista.com")
		tn.eq("phone", "+1-555-987-6543")
		tn.eq("description", "Luxury spa and wellness center")
		tn.eq("status", "active")
		if !tn.boolean("is_active") {
			t.Error("is_active false, want true")
		}
		sub := tn.sub("subscription")
		sub.eq("plan", "free")
		sub.eq("status", "active")
		if !strings.HasPrefix(tn.str("subscription_id"), "sub_") {
			t.Errorf("subscription_id %q, want sub_…", tn.str("subscription_id"))
		}
		tn.sub("settings").eq("business_type", "spa")
		tn.null("client_partner_id")
		tn.null("client_partner_number")
	})
}

func TestRegisterSlugs(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		// Slug from the business name when no preferred_slug is given.
		a := registration("Café Olé & Friends")
		a["business_email"], a["admin_email"] = "cafe@example.com", "owner@cafe.example.com"
		h.post(t, "/api/v1/public/register", "", a).expect(http.StatusCreated).obj().eq("slug", "cafe-ole-friends")

		// preferred_slug "salon" twice with different names: salon, then salon-1.
		for i, want := range []string{"salon", "salon-1"} {
			b := registration([]string{"Salon One", "Salon Two"}[i])
			b["preferred_slug"] = "salon"
			h.post(t, "/api/v1/public/register", "", b).expect(http.StatusCreated).obj().eq("slug", want)
		}
		// A name whose slug is taken is auto-incremented too.
		c := registration("Salon")
		h.post(t, "/api/v1/public/register", "", c).expect(http.StatusCreated).obj().eq("slug", "salon-2")
	})
}

func TestRegisterDuplicates(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		first := registration("Bella Vista Spa")
		first["business_phone"] = "+1-555-987-6543"
		h.post(t, "/api/v1/public/register", "", first).expect(http.StatusCreated)
		before := h.tenantCount(t)

		cases := []struct {
			name  string
			edit  func(b map[string]any)
			field string
			code  string
		}{
			{"business name, other case", func(b map[string]any) { b["business_name"] = "  BELLA vista SPA " }, "business_name", "business_name_taken"},
			{"business email", func(b map[string]any) { b["business_email"] = "contact@bella-vista-spa.example.com" }, "business_email", "business_email_taken"},
			{"business phone, formatted differently", func(b map[string]any) { b["business_phone"] = "+1 (555) 987-6543" }, "business_phone", "business_phone_taken"},
			{"admin email", func(b map[string]any) { b["admin_email"] = "owner@bella-vista-spa.example.com" }, "admin_email", "admin_email_taken"},
			{"admin email, other case", func(b map[string]any) { b["admin_email"] = " Owner@Bella-Vista-Spa.EXAMPLE.com" }, "admin_email", "admin_email_taken"},
			{"business email, other case", func(b map[string]any) { b["business_email"] = "CONTACT@bella-vista-spa.example.com" }, "business_email", "business_email_taken"},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				// A body unique in everything except the one duplicate field.
				b := registration("Other Business " + string(rune('A'+i)))
				c.edit(b)
				p := h.post(t, "/api/v1/public/register", "", b).problem(http.StatusConflict, c.code)
				errs := p.objs("errors")
				if len(errs) == 0 {
					t.Fatalf("no errors list: %s", p)
				}
				errs[0].eq("field", c.field)
			})
		}
		if after := h.tenantCount(t); after != before {
			t.Errorf("tenant count %d after refused duplicates, want %d", after, before)
		}
	})
}

func TestRegisterValidation(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		t.Run("weak password names what is missing", func(t *testing.T) {
			cases := []struct {
				password string
				missing  []string // words the message must contain
				present  []string // words it must not
			}{
				{"weakpass", []string{"uppercase", "number"}, []string{"lowercase", "8 characters"}},
				{"Sh0rt", []string{"8 characters"}, []string{"uppercase", "lowercase", "number"}},
				{"ALLUPPER123", []string{"lowercase"}, []string{"uppercase", "number"}},
			}
			for _, c := range cases {
				b := registration("Weak Password Spa")
				b["admin_password"] = c.password
				p := h.post(t, "/api/v1/public/register", "", b).problem(http.StatusUnprocessableEntity, "validation_failed")
				e := p.fieldError("admin_password")
				e.eq("code", "weak_password")
				msg := e.str("message")
				for _, w := range c.missing {
					if !strings.Contains(msg, w) {
						t.Errorf("password %q: message %q does not name %q", c.password, msg, w)
					}
				}
				for _, w := range c.present {
					if strings.Contains(msg, w) {
						t.Errorf("password %q: message %q names %q, which is not missing", c.password, msg, w)
					}
				}
				if len(p.objs("errors")) != 1 {
					t.Errorf("password %q: errors %s, want only admin_password", c.password, p)
				}
			}
		})
		t.Run("terms and privacy required", func(t *testing.T) {
			b := registration("Terms Spa")
			b["terms_accepted"], b["privacy_accepted"] = false, false
			p := h.post(t, "/api/v1/public/register", "", b).problem(http.StatusUnprocessableEntity, "validation_failed")
			fe := p.fieldErrors()
			if len(fe) != 2 || fe["terms_accepted"] == "" || fe["privacy_accepted"] == "" {
				t.Errorf("errors %v, want exactly terms_accepted and privacy_accepted", fe)
			}
		})
		t.Run("every bad field listed", func(t *testing.T) {
			b := registration("Many Problems Spa")
			b["business_name"] = ""
			b["business_email"] = "not-an-email"
			b["admin_email"] = "also bad"
			b["admin_password"] = "short"
			b["business_phone"] = "12"
			b["website"] = "http://"
			b["preferred_slug"] = "Bad Slug!"
			b["terms_accepted"] = false
			p := h.post(t, "/api/v1/public/register", "", b).problem(http.StatusUnprocessableEntity, "validation_failed")
			fe := p.fieldErrors()
			want := map[string]string{
				"business_name": "required", "business_email": "invalid_email", "admin_email": "invalid_email",
				"admin_password": "weak_password", "business_phone": "invalid_phone", "website": "invalid_url",
				"preferred_slug": "invalid_slug", "terms_accepted": "must_accept",
			}
			for f, code := range want {
				if fe[f] != code {
					t.Errorf("errors[%s] = %q, want %q (all: %v)", f, fe[f], code, fe)
				}
			}
			if len(fe) != len(want) {
				t.Errorf("errors list %d fields, want %d: %v", len(fe), len(want), fe)
			}
		})
		t.Run("fields a client may not set", func(t *testing.T) {
			for _, f := range []string{"plan", "status", "is_platform_admin", "tenant_id"} {
				b := registration("Sneaky Spa")
				b[f] = "pro"
				h.post(t, "/api/v1/public/register", "", b).problem(http.StatusBadRequest, "unknown_field").fieldError(f)
			}
		})
		t.Run("reserved preferred slug", func(t *testing.T) {
			b := registration("Admin Spa")
			b["preferred_slug"] = "admin"
			h.post(t, "/api/v1/public/register", "", b).problem(http.StatusUnprocessableEntity, "validation_failed").
				fieldError("preferred_slug").eq("code", "reserved_slug")
		})
		t.Run("missing required fields", func(t *testing.T) {
			p := h.post(t, "/api/v1/public/register", "", map[string]any{}).problem(http.StatusUnprocessableEntity, "validation_failed")
			fe := p.fieldErrors()
			for _, f := range []string{"business_name", "business_email", "admin_first_name", "admin_last_name",
				"admin_email", "admin_password", "terms_accepted", "privacy_accepted"} {
				if fe[f] == "" {
					t.Errorf("no error for missing %s: %v", f, fe)
				}
			}
		})
		if n := h.tenantCount(t); n != 1 {
			t.Errorf("%d tenants after only refused registrations, want 1 (public)", n)
		}
	})
}

// Registrations racing for one slug each get their own: the slug is
// allocated under a lock, so none fails and none is given twice.
func TestRegisterConcurrentSlugs(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		const n = 4
		slugs := make(chan string, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				b := registration("Rush Salon " + string(rune('A'+i)))
				b["preferred_slug"] = "rush"
				r := h.post(t, "/api/v1/public/register", "", b)
				if r.status != http.StatusCreated {
					t.Errorf("registration %d: status %d: %s", i, r.status, r.body)
					return
				}
				var o struct{ Slug string }
				if err := json.Unmarshal(r.body, &o); err != nil {
					t.Errorf("registration %d: %v", i, err)
				}
				slugs <- o.Slug
			}()
		}
		wg.Wait()
		close(slugs)
		var got []string
		for s := range slugs {
			got = append(got, s)
		}
		slices.Sort(got)
		if want := []string{"rush", "rush-1", "rush-2", "rush-3"}; !slices.Equal(got, want) {
			t.Errorf("slugs %v, want %v", got, want)
		}
	})
}

func TestCheckAvailability(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		b := registration("Taken Spa")
		b["preferred_slug"] = "taken-spa"
		h.post(t, "/api/v1/public/register", "", b).expect(http.StatusCreated)
		for _, c := range []struct {
			slug string
			want bool
		}{
			{"taken-spa", false},
			{"free-spa", true},
			{"public", false},
			{"admin", false},
			{"api", false},
		} {
			if got := h.available(t, c.slug); got != c.want {
				t.Errorf("available(%q) = %v, want %v", c.slug, got, c.want)
			}
		}
		p := h.get(t, "/api/v1/tenants/check-availability", "").problem(http.StatusUnprocessableEntity, "validation_failed")
		p.fieldError("slug").eq("code", "required")
	})
}
