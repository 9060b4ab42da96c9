package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestConsoleJourney is the console's whole journey in a real browser, as
// the issue tells it: a business registers and its owner signs in, creates
// an outlet with business hours, invites a member, who accepts in a second
// browser and sees only what the role allows, creates an API key and sees
// it once, hits the plan's outlet limit and upgrades, and reads the upgrade
// in the audit log; a platform admin suspends and reactivates the tenant
// and finds both in its status history; a tenant admin of another tenant
// reaches none of it.
func TestConsoleJourney(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		name := "Journey Spa " + h.engine
		email := "owner-" + h.engine + "@journey.example.com"

		// A business registers; its owner signs out and in again.
		c := openConsole(t, br, h, "/register")
		c.fill("register", map[string]string{"business_name": name, "business_email": "desk-" + h.engine + "@journey.example.com",
			"admin_first_name": "Rosa", "admin_last_name": "Lim", "admin_email": email, "admin_password": goodPassword, "repeat": goodPassword})
		c.click(`#register [name=terms_accepted]`)
		c.click(`#register [name=privacy_accepted]`)
		c.click("#register button[type=submit]")
		c.waitTenant(name, "/register")
		c.click("#signout")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": email, "password": goodPassword})
		c.submitGo("signin-password", "/dashboard")
		global := h.token(t, email, goodPassword)
		mine := h.get(t, "/api/v1/me/tenants", global).expect(http.StatusOK).list()
		if len(mine) != 1 || mine[0].str("name") != name {
			t.Fatalf("the owner's tenants: %v", mine)
		}
		tenantID, slug := mine[0].str("id"), mine[0].str("slug")
		owner := h.scoped(t, email, goodPassword, tenantID)

		// An outlet with business hours.
		c.open("/outlets")
		c.clickGo("#outlet-new", "/outlets/new")
		c.fill("outlet-create", map[string]string{"name": "Harbour Street", "city": "Jakarta"})
		c.click("#hours-add-monday")
		c.setValues(map[string]string{"#hours-monday-0-open": "09:00", "#hours-monday-0-close": "17:00"})
		c.click("#hours-copy-monday")
		c.submitGo("outlet-create", "/outlets/:id")
		outletID := strings.TrimPrefix(c.eval(`location.pathname`), "/console/outlets/")
		hours := h.get(t, "/api/v1/outlets/"+outletID, owner).expect(http.StatusOK).obj().sub("business_hours")
		if got := openingsOf(hours, "friday"); len(got) != 1 || got[0] != (opening{"09:00", "17:00"}) {
			t.Errorf("friday's hours saved as %v", got)
		}

		// A receptionist of the outlet, invited here, accepts in a browser of
		// their own and sees only what the role allows.
		invitee := "desk-" + h.engine + "@journey-staff.example.com"
		c.open("/members")
		c.fill("invite", map[string]string{"email": invitee})
		c.setValues(map[string]string{"#invite [name=role]": "receptionist"})
		c.click(fmt.Sprintf(`#invite [name="outlet:%s"]`, outletID))
		if kind, text := c.submit("invite"); kind != "ok" {
			t.Fatalf("invite: %s %q", kind, text)
		}
		r := openConsole(t, br, h, "/signin")
		r.openLink(emailedLink(t, nthMail(t, srv, invitee, "", 1), h.base, "/console/accept-invite"))
		r.waitPage("/accept-invite")
		r.fill("accept-invite", map[string]string{"first_name": "Rina", "last_name": "Desk", "password": goodPassword, "repeat": goodPassword})
		r.click("#accept-invite button[type=submit]")
		r.waitTenant(name, "/accept-invite")
		if nav := strings.Join(r.navPaths(), " "); strings.Contains(nav, "/members") || strings.Contains(nav, "/api-keys") || !strings.Contains(nav, "/outlets") {
			t.Errorf("the receptionist's navigation: %s", nav)
		}
		r.open("/members")
		if got := r.text("#main"); strings.Contains(got, email) || strings.Contains(got, invitee) {
			t.Errorf("the receptionist sees the members: %q", got)
		}
		r.screenshot("receptionist")

		// An API key, shown once.
		c.open("/api-keys")
		c.fill("api-key-create", map[string]string{"name": "Booking website"})
		if kind, text := c.submit("api-key-create"); kind != "ok" {
			t.Fatalf("create a key: %s %q", kind, text)
		}
		secret := c.text("#api-key-secret .secret-value")
		h.do(t, "GET", "/api/v1/tenants/me", req{header: map[string]string{"X-API-Key": secret}}).expect(http.StatusOK)
		c.open("/api-keys")
		if strings.Contains(c.eval(`document.documentElement.outerHTML`), secret) {
			t.Error("the key's secret is shown again")
		}

		// A second outlet is past the free plan's limit: the refusal offers
		// the upgrade, and after it the outlet is created.
		c.open("/outlets/new")
		c.fill("outlet-create", map[string]string{"name": "Dockside", "city": "Jakarta"})
		if kind, text := c.submit("outlet-create"); kind != "error" || !strings.Contains(strings.ToLower(text), "plan") {
			t.Errorf("an outlet past the limit: %s %q", kind, text)
		}
		c.clickGo("#outlet-create a.upgrade-link", "/plan") // the refusal offers the plan that allows it
		c.waitFor(".plan-card.offered")
		c.click("#plan-upgrade-basic")
		c.confirmYes()
		c.waitFor("#plan-message")
		if got := c.text("#plan-message"); !strings.Contains(got, "Upgraded to Basic") {
			t.Fatalf("the upgrade: %q", got)
		}
		c.open("/outlets/new")
		c.fill("outlet-create", map[string]string{"name": "Dockside", "city": "Jakarta"})
		c.submitGo("outlet-create", "/outlets/:id")

		// The upgrade in the audit log.
		c.clickGo(`#nav a[href="/console/audit"]`, "/audit")
		c.fill("audit-filter", map[string]string{"action": "subscription.upgrade"})
		if kind, text := c.submit("audit-filter"); kind != "ok" || text != "1 event found." {
			t.Errorf("the audit log filtered by the upgrade: %s %q", kind, text)
		}
		c.screenshot("audit")

		// A platform admin suspends the tenant and makes it active again;
		// its history shows both, with their reasons.
		a := openConsole(t, br, h, "/signin")
		a.fill("signin-password", map[string]string{"email": adminEmail, "password": adminPassword})
		a.submitGo("signin-password", "/admin/tenants")
		a.fill("tenant-search", map[string]string{"q": slug})
		if kind, text := a.submit("tenant-search"); kind != "ok" || text != "1 tenant found." {
			t.Fatalf("search %s: %s %q", slug, kind, text)
		}
		a.clickGo(fmt.Sprintf(`#tenant-results a[data-slug=%q]`, slug), "/admin/tenants/:id")
		a.fill("tenant-status", map[string]string{"reason": "Chargeback on invoice 1042"})
		if kind, text := a.submit("tenant-status"); kind != "ok" || !strings.Contains(text, "suspended") {
			t.Fatalf("suspend: %s %q", kind, text)
		}
		a.do("choose active", chromedp.SetValue(chromedp.CSS(`#tenant-status select[name=new_status]`), "active"))
		a.fill("tenant-status", map[string]string{"reason": "Chargeback withdrawn"})
		if kind, text := a.submit("tenant-status"); kind != "ok" || !strings.Contains(text, "active") {
			t.Fatalf("reactivate: %s %q", kind, text)
		}
		if got := a.text("#status-history"); !strings.Contains(got, "Chargeback on invoice 1042") || !strings.Contains(got, "Chargeback withdrawn") {
			t.Errorf("the status history: %q", got)
		}
		a.screenshot("admin-history")
		if st := h.get(t, "/api/v1/tenants/"+tenantID, owner).expect(http.StatusOK).obj().str("status"); st != "active" {
			t.Errorf("the tenant after reactivation: %s", st)
		}

		// A tenant admin of another tenant reaches none of it.
		other := h.newTeam(t, "Journey Rival "+h.engine)
		o := consoleUser(t, br, h, other.email, other.password)
		for _, path := range []string{"/outlets/" + outletID, "/outlets", "/members", "/audit", "/admin/tenants/" + tenantID} {
			o.open(path)
			if got := o.text("#main"); strings.Contains(got, "Harbour Street") || strings.Contains(got, email) || strings.Contains(got, slug) {
				t.Errorf("another tenant's admin at %s sees A's data: %q", path, got)
			}
		}
		o.open("/outlets/" + outletID)
		if o.page() != "not-found" {
			t.Errorf("another tenant's outlet shows page %s", o.page())
		}
	})
}
