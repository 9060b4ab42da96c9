package test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// TestConsoleTenant is the first half of the tenant admin's journey in a
// real browser: the owner signs in, reads the dashboard, creates an outlet
// with business hours, invites a receptionist (who signs in in a second
// browser context and sees only what the role allows), creates an API key
// and sees its secret once; a tenant admin of another tenant opening the
// outlet's page sees "Not found" and none of its data.
func TestConsoleTenant(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		a := h.newTeam(t, "Console Tenant Spa "+h.engine)
		b := h.newTeam(t, "Console Rival Salon "+h.engine)

		owner := consoleUser(t, br, h, a.email, a.password)
		if !strings.Contains(owner.text("#plan-usage"), "Usage against the plan") || !strings.Contains(owner.text("#main"), "No outlets yet") {
			t.Errorf("dashboard: %q", owner.text("#main"))
		}
		if n := owner.count("#main svg.chart"); n < 2 {
			t.Errorf("dashboard shows %d charts", n)
		}
		owner.screenshot("dashboard")
		nav := owner.text("#nav")
		for _, want := range []string{"Dashboard", "Outlets", "Members", "API keys", "Settings"} {
			if !strings.Contains(nav, want) {
				t.Errorf("the owner's nav lacks %s: %q", want, nav)
			}
		}

		// An outlet with business hours: Monday with a lunch break, copied to
		// Tuesday–Friday, a short Saturday, Sunday closed.
		owner.open("/outlets")
		if !strings.Contains(owner.text("#main"), "No outlets yet") {
			t.Errorf("empty outlets: %q", owner.text("#main"))
		}
		owner.clickGo("#outlet-new", "/outlets/new")
		owner.fill("outlet-create", map[string]string{"name": "Harbour Street", "city": "Jakarta", "phone": "+62 21 555 0101"})
		owner.click("#hours-add-monday")
		owner.click("#hours-add-monday")
		owner.click("#hours-add-saturday")
		owner.setValues(map[string]string{"#hours-monday-0-open": "08:30", "#hours-monday-0-close": "12:00",
			"#hours-monday-1-open": "13:00", "#hours-monday-1-close": "18:00",
			"#hours-saturday-0-open": "10:00", "#hours-saturday-0-close": "14:00"})
		owner.click("#hours-copy-monday")
		owner.screenshot("outlet-hours")
		owner.submitGo("outlet-create", "/outlets/:id")
		outletID := strings.TrimPrefix(owner.eval(`location.pathname`), "/console/outlets/")
		o := h.get(t, "/api/v1/outlets/"+outletID, a.owner).expect(http.StatusOK).obj()
		o.eq("name", "Harbour Street")
		hours := o.sub("business_hours")
		week := []opening{{"08:30", "12:00"}, {"13:00", "18:00"}}
		for _, day := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
			if got := openingsOf(hours, day); !slices.Equal(got, week) {
				t.Errorf("%s saved as %v", day, got)
			}
		}
		if got := openingsOf(hours, "saturday"); !slices.Equal(got, []opening{{"10:00", "14:00"}}) {
			t.Errorf("saturday saved as %v", got)
		}
		if got := openingsOf(hours, "sunday"); len(got) != 0 {
			t.Errorf("sunday saved as %v", got)
		}

		// Change Saturday's closing on the edit page; deactivate and reactivate.
		owner.setValues(map[string]string{"#hours-saturday-0-close": "15:30"})
		if kind, text := owner.submit("outlet-edit"); kind != "ok" {
			t.Fatalf("save the outlet: %s %q", kind, text)
		}
		sat := openingsOf(h.get(t, "/api/v1/outlets/"+outletID, a.owner).expect(http.StatusOK).obj().sub("business_hours"), "saturday")
		if !slices.Equal(sat, []opening{{"10:00", "15:30"}}) {
			t.Errorf("saturday after the edit: %v", sat)
		}
		owner.setValues(map[string]string{"#hours-saturday-0-open": "16:00"})
		if kind, text := owner.submit("outlet-edit"); kind != "error" || !strings.Contains(text, "before the closing") {
			t.Errorf("an opening after its closing: %s %q", kind, text)
		}
		owner.clickConfirm("#outlet-toggle")
		owner.waitText("#outlet-status", "Inactive")
		if h.get(t, "/api/v1/outlets/"+outletID, a.owner).expect(http.StatusOK).obj().boolean("is_active") {
			t.Error("the outlet is still active after Deactivate")
		}
		owner.click("#outlet-toggle")
		owner.waitText("#outlet-status", "Active")
		if !h.get(t, "/api/v1/outlets/"+outletID, a.owner).expect(http.StatusOK).obj().boolean("is_active") {
			t.Error("the outlet is inactive after Reactivate")
		}
		owner.open("/outlets")
		if got := owner.text("#main"); !strings.Contains(got, "Harbour Street") || !strings.Contains(got, "Mon, Tue, Wed, Thu, Fri, Sat") {
			t.Errorf("outlets list: %q", got)
		}
		owner.screenshot("outlets")

		// Invite a receptionist of the outlet.
		invitee := "reception-" + h.engine + "@example.com"
		owner.open("/members")
		owner.fill("invite", map[string]string{"email": invitee})
		owner.setValues(map[string]string{"#invite [name=role]": "receptionist"})
		owner.click(fmt.Sprintf(`#invite [name="outlet:%s"]`, outletID))
		if kind, text := owner.submit("invite"); kind != "ok" || !strings.Contains(text, "Invitation sent") {
			t.Fatalf("invite: %s %q", kind, text)
		}
		if got := owner.text("#invites"); !strings.Contains(got, invitee) || !strings.Contains(got, "Receptionist") || !strings.Contains(got, "Harbour Street") {
			t.Errorf("pending invitations: %q", got)
		}
		owner.screenshot("members")
		inv := h.get(t, "/api/v1/invites?status=pending", a.owner).expect(http.StatusOK).list()
		if len(inv) != 1 || inv[0].str("role") != "receptionist" || !slices.Equal(inv[0].strs("outlet_ids"), []string{outletID}) {
			t.Fatalf("invites: %v", inv)
		}

		// An API key: its secret once, then only its prefix.
		owner.open("/api-keys")
		if !strings.Contains(owner.text("#api-key-list"), "No API keys yet") {
			t.Errorf("no keys: %q", owner.text("#api-key-list"))
		}
		owner.fill("api-key-create", map[string]string{"name": "Booking website"})
		owner.click(`#api-key-create [name="scope:outlets:read"]`)
		if kind, text := owner.submit("api-key-create"); kind != "ok" {
			t.Fatalf("create a key: %s %q", kind, text)
		}
		keySecret := owner.text("#api-key-secret .secret-value")
		keys := h.get(t, "/api/v1/api-keys", a.owner).expect(http.StatusOK).list()
		if len(keys) != 1 || keySecret == "" || !strings.HasPrefix(keySecret, keys[0].str("prefix")) || len(keySecret) <= len(keys[0].str("prefix")) {
			t.Fatalf("secret %q, keys %v", keySecret, keys)
		}
		if !slices.Equal(keys[0].strs("scopes"), []string{"tenant:read", "outlets:read"}) {
			t.Errorf("scopes: %v", keys[0].strs("scopes"))
		}
		h.do(t, "GET", "/api/v1/outlets/"+outletID, req{header: map[string]string{"X-API-Key": keySecret}}).expect(http.StatusOK)
		owner.screenshot("api-key-created")
		owner.open("/api-keys")
		if got := owner.eval(`document.getElementById('main').innerText + document.documentElement.outerHTML`); strings.Contains(got, keySecret) {
			t.Error("the secret is shown again after a reload")
		}
		if got := owner.text("#api-key-list"); !strings.Contains(got, keys[0].str("prefix")) || !strings.Contains(got, "Booking website") {
			t.Errorf("key list: %q", got)
		}
		owner.clickConfirm("#api-key-list .key-rotate")
		owner.waitText("#api-key-secret", "new secret")
		rotated := owner.text("#api-key-secret .secret-value")
		if rotated == "" || rotated == keySecret {
			t.Errorf("rotated secret %q", rotated)
		}
		h.do(t, "GET", "/api/v1/outlets/"+outletID, req{header: map[string]string{"X-API-Key": keySecret}}).expect(http.StatusUnauthorized)

		// The invitee accepts (through the API; the console's accept page is
		// another's) and signs in in a second browser context.
		token := linkToken(t, nthMail(t, srv, invitee, inviteSubject+"Console Tenant Spa "+h.engine, 1), "/accept-invite")
		accepted := h.post(t, "/api/v1/invites/accept", "", map[string]any{"token": token, "password": goodPassword,
			"first_name": "Rina", "last_name": "Desk"}).expect(http.StatusOK).obj()
		accepted.eq("role", "receptionist")
		rec := consoleUser(t, br, h, invitee, goodPassword)
		nav = rec.text("#nav")
		if strings.Contains(nav, "Members") || strings.Contains(nav, "API keys") || strings.Contains(nav, "Settings") || !strings.Contains(nav, "Outlets") {
			t.Errorf("the receptionist's nav: %q", nav)
		}
		if got := rec.text("#main"); !strings.Contains(got, "Receptionist") || !strings.Contains(got, "Harbour Street") || strings.Contains(got, "Plan usage") {
			t.Errorf("the receptionist's dashboard: %q", got)
		}
		for _, path := range []string{"/api-keys", "/members", "/settings"} {
			rec.open(path)
			got := rec.text("#main")
			if !strings.Contains(got, "Not allowed") || strings.Contains(got, "Booking website") || strings.Contains(got, keys[0].str("prefix")) || strings.Contains(got, invitee) {
				t.Errorf("the receptionist opening %s: %q", path, got)
			}
		}
		rec.open("/outlets/" + outletID)
		if rec.count("#outlet-edit") != 0 || rec.count("#outlet-toggle") != 0 || !strings.Contains(rec.text("#main"), "15:30") {
			t.Errorf("the receptionist's outlet page: %q", rec.text("#main"))
		}

		// The owner changes the member's role; revokes a second invitation;
		// edits the profile and the templates.
		owner.open("/members")
		owner.click(fmt.Sprintf(`.member-change[data-email=%q]`, invitee))
		editor := "member-edit-" + accepted.str("user_id")
		owner.setValues(map[string]string{"#" + editor + " [name=role]": "staff"})
		if kind, text := owner.submit(editor); kind != "ok" {
			t.Fatalf("change the role: %s %q", kind, text)
		}
		owner.waitText("#members", "Staff")
		if m, ok := h.memberByUser(t, a.owner, "", accepted.str("user_id")); !ok || m.str("role") != "staff" || !slices.Equal(m.strs("outlet_ids"), []string{outletID}) {
			t.Errorf("after the change: %v %s", ok, m)
		}
		owner.fill("invite", map[string]string{"email": "second-" + h.engine + "@example.com"})
		if kind, text := owner.submit("invite"); kind != "ok" {
			t.Fatalf("second invite: %s %q", kind, text)
		}
		owner.waitText("#invites", "second-"+h.engine)
		first := h.get(t, "/api/v1/invites?status=pending", a.owner).expect(http.StatusOK).list()
		owner.clickConfirm("#invites .invite-resend")
		owner.waitText("#main", "A new invitation is on its way")
		resent := h.get(t, "/api/v1/invites?status=pending", a.owner).expect(http.StatusOK).list()
		if len(first) != 1 || len(resent) != 1 || resent[0].str("id") == first[0].str("id") || resent[0].str("email") != first[0].str("email") {
			t.Errorf("resend: before %v, after %v", first, resent)
		}
		nthMail(t, srv, "second-"+h.engine+"@example.com", inviteSubject+"Console Tenant Spa "+h.engine, 2)
		owner.clickConfirm("#invites .invite-revoke")
		owner.waitText("#invites", "No pending invitations")
		if l := h.get(t, "/api/v1/invites?status=revoked", a.owner).expect(http.StatusOK).list(); len(l) != 2 || l[0].str("email") != "second-"+h.engine+"@example.com" {
			t.Errorf("revoked invitations: %v", l)
		}
		owner.open("/settings")
		owner.fill("tenant-profile", map[string]string{"phone": "+62 21 555 0199"})
		if kind, text := owner.submit("tenant-profile"); kind != "ok" {
			t.Errorf("save the profile: %s %q", kind, text)
		}
		owner.setValues(map[string]string{"#tenant-templates [name=staff_position_templates]": "Therapist\nFront desk"})
		if kind, text := owner.submit("tenant-templates"); kind != "ok" {
			t.Errorf("save the templates: %s %q", kind, text)
		}
		h.get(t, "/api/v1/tenants/"+a.tenantID, a.owner).expect(http.StatusOK).obj().eq("phone", "+62 21 555 0199")
		if got := h.get(t, "/api/v1/tenants/"+a.tenantID+"/staff-position-templates", a.owner).expect(http.StatusOK).obj().strs("staff_position_templates"); !slices.Equal(got, []string{"Therapist", "Front desk"}) {
			t.Errorf("staff position templates: %v", got)
		}

		// On a phone-sized screen the pages fit the width.
		owner.do("phone viewport", chromedp.EmulateViewport(375, 800))
		for _, path := range []string{"/dashboard", "/outlets", "/outlets/" + outletID, "/members", "/api-keys", "/settings"} {
			owner.open(path)
			if w := int(owner.num(`document.documentElement.scrollWidth`)); w > 376 {
				t.Errorf("%s is %dpx wide on a 375px screen", path, w)
			}
		}
		owner.open("/outlets/" + outletID)
		owner.screenshot("outlet-hours-phone")

		// A tenant admin of another tenant: Not found, none of A's data.
		rival := consoleUser(t, br, h, b.email, b.password)
		rival.open("/outlets/" + outletID)
		if got := rival.text("#main h1"); got != "Page not found" || rival.page() != "not-found" || strings.Contains(rival.text("#main"), "Harbour") {
			t.Errorf("another tenant's outlet shows %s %q: %q", rival.page(), got, rival.text("#main"))
		}
		rival.open("/outlets")
		if got := rival.text("#main"); strings.Contains(got, "Harbour Street") || !strings.Contains(got, "No outlets yet") {
			t.Errorf("the rival's outlets: %q", got)
		}
		rival.open("/members")
		if got := rival.text("#main"); strings.Contains(got, invitee) || strings.Contains(got, a.email) {
			t.Errorf("the rival's members show A's: %q", got)
		}

		// The owner hands the ownership to the member and becomes a tenant admin.
		owner.do("desktop viewport", chromedp.EmulateViewport(1000, 800))
		owner.open("/members")
		owner.clickConfirm(fmt.Sprintf(`.member-transfer[data-email=%q]`, invitee))
		owner.waitText("#tenant-switch", "(tenant_admin)")
		owner.waitText("#members", "Tenant admin")
		if m, ok := h.memberByUser(t, a.owner, "", accepted.str("user_id")); !ok || m.str("role") != "owner" {
			t.Errorf("after the transfer: %v %s", ok, m)
		}
		if n := owner.count(".member-transfer"); n != 0 {
			t.Errorf("a tenant admin sees %d transfer buttons", n)
		}
	})
}

// opening is one interval of a day's business hours.
type opening struct{ open, close string }

func openingsOf(hours obj, day string) []opening {
	out := []opening{}
	for _, iv := range hours.objs(day) {
		out = append(out, opening{iv.str("open"), iv.str("close")})
	}
	return out
}

// consoleUser signs email in through the console's /signin in a browser
// context of its own (openConsole) and waits for the dashboard.
func consoleUser(t *testing.T, br context.Context, h *harness, email, password string) *console {
	t.Helper()
	c := openConsole(t, br, h, "/signin")
	c.waitPage("/signin")
	c.fill("signin-password", map[string]string{"email": email, "password": password})
	c.submitGo("signin-password", "/dashboard")
	return c
}

// eval answers a JavaScript expression's string value.
func (c *console) eval(js string) string {
	c.t.Helper()
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		c.t.Fatalf("console: evaluate %s: %v", js, err)
	}
	return got
}

// num answers a JavaScript expression's number value.
func (c *console) num(js string) float64 {
	c.t.Helper()
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[float64](js))
	if err != nil {
		c.t.Fatalf("console: evaluate %s: %v", js, err)
	}
	return got
}

// count is how many elements match the CSS selector.
func (c *console) count(sel string) int {
	c.t.Helper()
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	if err != nil {
		c.t.Fatalf("console: count %s: %v", sel, err)
	}
	return got
}

// setValues sets the values of inputs and selects the keyboard cannot
// type reliably (time inputs, selects), as a change by the user.
func (c *console) setValues(values map[string]string) {
	c.t.Helper()
	for sel, v := range values {
		ok, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(
			`(() => { const e = document.querySelector(%q); if (!e) return false; e.value = %q; e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return e.value === %q })()`, sel, v, v)))
		if err != nil || !ok {
			c.t.Fatalf("console: set %s to %q: %v", sel, v, err)
		}
	}
}

// clickConfirm clicks a button that asks confirm() and confirms it.
func (c *console) clickConfirm(sel string) {
	c.t.Helper()
	c.click(sel)
	c.do("confirm", chromedp.WaitVisible(chromedp.CSS("dialog.dialog button[type=submit]")), chromedp.Click(chromedp.CSS("dialog.dialog button[type=submit]")))
}

// waitText waits until the element's text contains want.
func (c *console) waitText(sel, want string) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.innerText.includes(%q) })()`, sel, want),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		c.t.Fatalf("console: %s never showed %q (it shows %q)", sel, want, c.text(sel))
	}
}
