package test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

// TestSingleLineFields sends line breaks, other control characters and
// bidirectional overrides in the single-line fields of every kind of
// resource: each is refused with 422 invalid_characters naming the field,
// and nothing is stored.
func TestSingleLineFields(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Single Line Spa")
		outletID := h.createOutlet(t, tm.owner, "Single Line Outlet", "Cebu")
		userID := h.post(t, "/api/v1/users", tm.owner, map[string]any{"email": "vera@single-line.example.com",
			"first_name": "Vera", "last_name": "Viewer", "role": "viewer"}).expect(http.StatusCreated).obj().str("id")
		admin := h.admin(t)
		n := 0
		reg := func(field string, v any) map[string]any {
			n++
			b := registration(fmt.Sprintf("Line Break Spa %d", n))
			b[field] = v
			return b
		}
		outlet := func(field string, v any) map[string]any {
			n++
			b := outletBody(fmt.Sprintf("Line Outlet %d", n), "Davao")
			b[field] = v
			return b
		}
		address := func(part, v string) map[string]any {
			b := outletBody("Address Outlet", "Davao")
			b["address"].(map[string]any)[part] = v
			return b
		}
		tenants := "/api/v1/tenants/" + tm.tenantID
		for _, tc := range []struct {
			name, method, path, token string
			body                      any
			field                     string
		}{
			{"business name with LF", "POST", "/api/v1/public/register", "", reg("business_name", "Bella\nVista"), "business_name"},
			{"business name with CR", "POST", "/api/v1/public/register", "", reg("business_name", "Bella\rVista"), "business_name"},
			{"admin first name with NEL", "POST", "/api/v1/public/register", "", reg("admin_first_name", "Maria\u0085Luz"), "admin_first_name"},
			{"admin last name with U+2029", "POST", "/api/v1/public/register", "", reg("admin_last_name", "Rodriguez\u2029Cruz"), "admin_last_name"},
			{"business type with tab", "POST", "/api/v1/public/register", "", reg("business_type", "spa\tsalon"), "business_type"},
			{"business phone with LF", "POST", "/api/v1/public/register", "", reg("business_phone", "+63 2\n555 0101"), "business_phone"},
			{"business email with U+2028", "POST", "/api/v1/public/register", "", reg("business_email", "a\u2028b@line.example.com"), "business_email"},
			{"website with U+2028", "POST", "/api/v1/public/register", "", reg("website", "https://bella\u2028vista.example.com"), "website"},
			{"account first name with RLO", "POST", "/api/v1/auth/register", "", map[string]any{"email": "rlo@single-line.example.com",
				"password": goodPassword, "first_name": "Ann\u202egnE", "last_name": "Lee"}, "first_name"},
			{"tenant name with NEL", "PUT", tenants, tm.owner, map[string]any{"name": "Bella\u0085Vista"}, "name"},
			{"tenant billing email with LF", "PUT", tenants, tm.owner, map[string]any{"billing_email": "billing\n@single-line.example.com"}, "billing_email"},
			{"tenant logo url with U+2029", "PUT", tenants, tm.owner, map[string]any{"logo_url": "https://cdn.example.com/\u2029logo.png"}, "logo_url"},
			{"settings business type with LF", "PUT", tenants, tm.owner, map[string]any{"settings": map[string]any{"business_type": "spa\nsalon"}}, "settings.business_type"},
			{"settings language with LF", "PUT", tenants, tm.owner, map[string]any{"settings": map[string]any{"language": "en\nfr"}}, "settings.language"},
			{"settings template with U+2028", "PUT", tenants, tm.owner, map[string]any{"settings": map[string]any{
				"staff_position_templates": []string{"Therapist", "Front\u2028Desk"}}}, "settings.staff_position_templates"},
			{"description with CR", "PUT", tenants, tm.owner, map[string]any{"description": "One\r\nTwo"}, "description"},
			{"new organization name with LF", "POST", "/api/v1/tenants", tm.owner, map[string]any{"name": "Second\nOrg"}, "name"},
			{"platform tenant admin name with U+2028", "POST", "/api/v1/tenants", admin, map[string]any{"name": "Admin Made Spa",
				"admin_email": "made@single-line.example.com", "admin_password": goodPassword, "admin_first_name": "Ma\u2028ria",
				"admin_last_name": "Cruz"}, "admin_first_name"},
			{"outlet name with U+2028", "POST", "/api/v1/outlets", tm.owner, outlet("name", "Makati\u2028Branch"), "name"},
			{"outlet email with LRE", "POST", "/api/v1/outlets", tm.owner, outlet("email", "\u202abranch@single-line.example.com"), "email"},
			{"outlet city with CR", "POST", "/api/v1/outlets", tm.owner, address("city", "Davao\rCity"), "address.city"},
			{"outlet line1 with isolate", "POST", "/api/v1/outlets", tm.owner, address("line1", "12 \u2067Rizal\u2069 Ave"), "address.line1"},
			{"outlet rename with LF", "PUT", "/api/v1/outlets/" + outletID, tm.owner, map[string]any{"name": "Renamed\nOutlet"}, "name"},
			{"user last name with U+2029", "POST", "/api/v1/users", tm.owner, map[string]any{"email": "kim@single-line.example.com",
				"first_name": "Kim", "last_name": "Reyes\u2029", "role": "viewer"}, "last_name"},
			{"user phone with LF", "PUT", "/api/v1/users/" + userID, tm.owner, map[string]any{"phone": "+63 917\n555 0101"}, "phone"},
			{"user first name with DEL", "PUT", "/api/v1/users/" + userID, tm.owner, map[string]any{"first_name": "Ve\x7fra"}, "first_name"},
			{"invite email with NEL", "POST", "/api/v1/invites", tm.owner, map[string]any{"email": "new\u0085@single-line.example.com", "role": "viewer"}, "email"},
			{"profile first name with LF", "PUT", "/api/v1/me", tm.owner, map[string]any{"first_name": "Maria\nLuz"}, "first_name"},
			{"profile address with tab", "PUT", "/api/v1/me", tm.owner, map[string]any{"primary_address": map[string]any{"city": "Quezon\tCity"}}, "primary_address.city"},
			{"API key name with LF", "POST", "/api/v1/api-keys", tm.owner, map[string]any{"name": "CI\nkey", "environment": "dev"}, "name"},
			{"provider name with U+2028", "PUT", tenants + "/auth-config", tm.owner, map[string]any{"providers": []any{map[string]any{
				"id": "google", "name": "Goo\u2028gle", "client_id": "client"}}}, "providers[0].name"},
		} {
			r := h.do(t, tc.method, tc.path, req{token: tc.token, body: tc.body})
			if r.status != http.StatusUnprocessableEntity || !namesField(r, tc.field, "invalid_characters") {
				t.Errorf("%s: %s %s: status %d, want 422 naming %s invalid_characters: %s", tc.name, tc.method, tc.path, r.status, tc.field, r.body)
			}
		}

		// Nothing of it was stored.
		o := h.get(t, tenants, tm.owner).expect(http.StatusOK).obj()
		if o.str("name") != "Single Line Spa" {
			t.Errorf("tenant name is now %q", o.str("name"))
		}
		if got := h.get(t, "/api/v1/outlets/"+outletID, tm.owner).expect(http.StatusOK).obj().str("name"); got != "Single Line Outlet" {
			t.Errorf("outlet name is now %q", got)
		}
	})
}

// TestTextIsKeptAsNFC shows what is accepted: text sent decomposed (NFD) is
// stored and returned precomposed (NFC); descriptions keep their line
// feeds; joiners that names and emoji need are kept.
func TestTextIsKeptAsNFC(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		body := registration("Cafe\u0301 Zoe\u0308")
		body["description"] = "Massage\nFacials\nNails"
		o := h.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated).obj()
		tok := h.scoped(t, body["admin_email"].(string), goodPassword, o.str("tenant_id"))
		tn := h.get(t, "/api/v1/tenants/"+o.str("tenant_id"), tok).expect(http.StatusOK).obj()
		tn.eq("name", "Café Zoë")
		tn.eq("description", "Massage\nFacials\nNails")

		id := h.post(t, "/api/v1/outlets", tok, outletBody("Sucursal Nin\u0303o", "Paran\u0303aque")).expect(http.StatusCreated).obj().str("id")
		out := h.get(t, "/api/v1/outlets/"+id, tok).expect(http.StatusOK).obj()
		out.eq("name", "Sucursal Niño")
		out.sub("address").eq("city", "Parañaque")

		family := "👩\u200d👩\u200d👧 Family"
		persian := "می\u200cخواهم"
		h.put(t, "/api/v1/me", tok, map[string]any{"first_name": family, "last_name": persian}).expect(http.StatusOK)
		me := h.get(t, "/api/v1/me", tok).expect(http.StatusOK).obj()
		me.eq("first_name", family)
		me.eq("last_name", persian)
	})
}

// namesField reports whether the problem r lists field with code.
func namesField(r *response, field, code string) bool {
	var p struct {
		Errors []struct{ Field, Code string }
	}
	if json.Unmarshal(r.body, &p) != nil {
		return false
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code {
			return true
		}
	}
	return false
}
