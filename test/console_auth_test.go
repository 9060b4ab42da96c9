package test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// The console's account pages in a real browser: registering a business,
// signing out and in, the forgotten password through the emailed link,
// invitations accepted by a new and an existing account, the TOTP step and
// enrolment, another tenant, and a tenant's own branded sign-in page.

// emailedLink reads the first link to path in a delivered message and
// checks that the server answers it with a page.
func emailedLink(t *testing.T, m mailtest.Received, base, path string) string {
	t.Helper()
	link := regexp.MustCompile(regexp.QuoteMeta(base+path) + `\?token=\S+`).FindString(m.Text)
	if link == "" {
		t.Fatalf("no link to %s%s in %q", base, path, m.Text)
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatalf("GET %s: %v", link, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %d %s, want a page", link, res.StatusCode, res.Header.Get("Content-Type"))
	}
	return link
}

// openLink opens an emailed link (an absolute URL of the console) as a new document.
func (c *console) openLink(link string) {
	c.t.Helper()
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(u.Path, "/console/") {
		c.t.Fatalf("not a console link: %q", link)
	}
	c.open(strings.TrimPrefix(u.Path, "/console") + "?" + u.RawQuery)
}

// location is the address the tab shows.
func (c *console) location() string {
	got, err := chromedp.Run(c.ctx, chromedp.Location())
	if err != nil {
		c.t.Fatalf("console: location: %v", err)
	}
	return got
}

// waitTenant waits until the shell shows a signed-in session working in the
// tenant named name (the tenant switch's choice), on a page other than from.
func (c *console) waitTenant(name, from string) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
		const s = document.getElementById('tenant-switch'), m = document.getElementById('main');
		return !!s && !!s.selectedOptions[0] && s.selectedOptions[0].textContent.includes(%q) && m.dataset.page !== %q;
	})()`, name, from), chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		c.t.Fatalf("console: not working in %q (page %s, header %q): %v %s", name, c.page(), c.text("#top"), err, c.text("#main"))
	}
}

// fitsPhone checks at a phone's width (375 CSS pixels) that the page
// needs no sideways scrolling, saves a screenshot of it as name, and goes
// back to the default width.
func (c *console) fitsPhone(name string) {
	c.t.Helper()
	c.do("a phone's width", chromedp.EmulateViewport(375, 740))
	if w := eval[int](c, `document.documentElement.scrollWidth`); w > 375 {
		c.t.Errorf("page %s is %d pixels wide at a phone's 375", c.page(), w)
	}
	c.screenshot(name)
	c.do("the default width", chromedp.EmulateReset())
}

// myTenants lists the names and roles of the tenants of a user.
func (h *harness) myTenants(t *testing.T, email, password string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range h.get(t, "/api/v1/me/tenants", h.token(t, email, password)).expect(http.StatusOK).list() {
		out[m.str("name")] = m.str("role")
	}
	return out
}

// TestConsoleAuthRegister registers a business in the browser, which signs
// its owner in to it; the owner signs out, signs in again and creates a
// second tenant, which the console then works in.
func TestConsoleAuthRegister(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		name := "Console Register Spa " + h.engine
		email := "owner-" + h.engine + "@register.example.com"
		c := openConsole(t, br, h, "/signin")
		c.clickGo(`a[href="/console/register"]`, "/register")
		c.fill("register", map[string]string{"business_name": name, "business_email": "desk-" + h.engine + "@register.example.com",
			"admin_first_name": "Rosa", "admin_last_name": "Lim", "admin_email": email, "admin_password": goodPassword, "repeat": goodPassword + "x"})
		c.screenshot("register")
		c.fitsPhone("register-phone")
		if kind, text := c.submit("register"); kind != "error" || !strings.Contains(text, "differ") {
			t.Errorf("different repeats: %s %q", kind, text)
		}
		c.fill("register", map[string]string{"repeat": goodPassword})
		if kind, text := c.submit("register"); kind != "error" || !strings.Contains(c.text("#register"), "terms of service must be accepted") {
			t.Errorf("terms not accepted: %s %q", kind, text)
		}
		c.click(`#register [name=terms_accepted]`)
		c.click(`#register [name=privacy_accepted]`)
		c.click("#register button[type=submit]")
		c.waitTenant(name, "/register")
		if got := h.myTenants(t, email, goodPassword); got[name] != "owner" {
			t.Fatalf("the registered owner's tenants: %v", got)
		}

		c.click("#signout")
		c.waitPage("/signin")
		c.screenshot("signin")
		c.fill("signin-password", map[string]string{"email": email, "password": goodPassword})
		c.click("#signin-password button[type=submit]")
		c.waitTenant(name, "/signin")

		second := "Console Second Studio " + h.engine
		c.open("/tenants/new")
		c.submit("tenant-new") // nothing filled in: the name is required
		if got := c.text("#tenant-new .field-error"); !strings.Contains(got, "required") {
			t.Errorf("a tenant without a name: %q", got)
		}
		c.fill("tenant-new", map[string]string{"name": second})
		c.click("#tenant-new button[type=submit]")
		c.waitTenant(second, "/tenants/new")
		if got := h.myTenants(t, email, goodPassword); got[name] != "owner" || got[second] != "owner" {
			t.Errorf("after creating a second tenant: %v", got)
		}
	})
}

// TestConsoleAuthResetPassword follows the forgotten password through the
// real emailed link: the page takes the token out of the address bar,
// refuses different repeats, sets the password, which then signs in while
// the old one no longer does; the used link shows the API's problem.
func TestConsoleAuthResetPassword(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Console Reset Spa "+h.engine)
		c := openConsole(t, br, h, "/signin")
		c.clickGo(`a[href="/console/forgot-password"]`, "/forgot-password")
		c.fill("forgot-password", map[string]string{"email": tm.email})
		if kind, text := c.submit("forgot-password"); kind != "ok" || !strings.Contains(text, "link") {
			t.Errorf("forgot password: %s %q", kind, text)
		}
		link := emailedLink(t, nthMail(t, srv, tm.email, "Reset", 1), h.base, "/console/reset-password")

		c.openLink(link)
		c.waitPage("/reset-password")
		if loc := c.location(); strings.Contains(loc, "token=") || !strings.HasSuffix(loc, "/console/reset-password") {
			t.Errorf("the address bar keeps the token: %q", loc)
		}
		c.fill("reset-password", map[string]string{"new_password": "Another-Horse-43", "repeat": "Another-Horse-44"})
		if kind, text := c.submit("reset-password"); kind != "error" || !strings.Contains(text, "differ") {
			t.Errorf("different repeats: %s %q", kind, text)
		}
		c.fill("reset-password", map[string]string{"new_password": "Another-Horse-43", "repeat": "Another-Horse-43"})
		if kind, text := c.submit("reset-password"); kind != "ok" || !strings.Contains(text, "Your password is set") || !strings.Contains(text, "Sign in") {
			t.Fatalf("reset: %s %q", kind, text)
		}
		c.screenshot("reset")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": tm.email, "password": tm.password}).problem(http.StatusUnauthorized, "invalid_credentials")
		c.clickGo("#reset-signin", "/signin")
		c.fill("signin-password", map[string]string{"email": tm.email, "password": "Another-Horse-43"})
		c.click("#signin-password button[type=submit]")
		c.waitTenant("Console Reset Spa", "/signin")

		again := openConsole(t, br, h, "/signin")
		again.openLink(link)
		again.fill("reset-password", map[string]string{"new_password": "Third-Horse-45", "repeat": "Third-Horse-45"})
		detail := h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": "prt_used", "new_password": "Third-Horse-45"}).
			problem(http.StatusUnauthorized, "invalid_reset_token").str("detail")
		if kind, text := again.submit("reset-password"); kind != "error" || text != detail {
			t.Errorf("a used link: %s %q, want the problem detail %q", kind, text, detail)
		}
	})
}

// TestConsoleAuthAcceptInvite accepts invitations through the emailed
// links: a new account (told what is missing, then signed in to the
// tenant with the invited role), an existing account that is not signed
// in (it accepts with the token alone, then signs in on the tenant's page),
// and an existing account signed in in another browser context.
func TestConsoleAuthAcceptInvite(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		name := "Console Invite Spa " + h.engine
		tm := h.newTeam(t, name)
		invite := func(email, role string) string {
			h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": email, "role": role}).expect(http.StatusCreated)
			return emailedLink(t, nthMail(t, srv, email, "", 1), h.base, "/console/accept-invite")
		}

		nina := "nina-" + h.engine + "@invite.example.com"
		c := openConsole(t, br, h, "/signin")
		c.openLink(invite(nina, "receptionist"))
		c.waitPage("/accept-invite")
		if loc := c.location(); strings.Contains(loc, "token=") {
			t.Errorf("the address bar keeps the token: %q", loc)
		}
		c.fill("accept-invite", map[string]string{"first_name": "Nina", "last_name": "Cruz"})
		c.screenshot("accept-invite")
		c.fitsPhone("accept-invite-phone")
		if kind, text := c.submit("accept-invite"); kind != "error" || !strings.Contains(c.text("#accept-invite"), "Password must") {
			t.Errorf("no password for a new account: %s %q (%s)", kind, text, c.text("#accept-invite"))
		}
		c.fill("accept-invite", map[string]string{"password": goodPassword, "repeat": goodPassword})
		c.click("#accept-invite button[type=submit]")
		c.waitTenant(name, "/accept-invite")
		if got := c.text("#tenant-switch"); !strings.Contains(got, "receptionist") {
			t.Errorf("the new member's tenant switch: %q", got)
		}
		claims(t, h.scoped(t, nina, goodPassword, tm.tenantID)).eq("role", "receptionist")

		// An existing account, not signed in here: the token alone accepts,
		// then it signs in on the tenant's page.
		omar := h.newAccount(t, "omar-"+h.engine+"@invite.example.com")
		o := openConsole(t, br, h, "/signin")
		o.openLink(invite(omar, "viewer"))
		o.waitPage("/accept-invite")
		o.click("#accept-invite button[type=submit]")
		o.waitFor(".tenant-signin #signin-password")
		if got := o.text("main"); !strings.Contains(got, "joined "+name+" as viewer") || !strings.Contains(o.text("h1"), "Sign in to "+name) {
			t.Errorf("after accepting as an existing account: %q", got)
		}
		if got := eval[string](o, `document.querySelector('#signin-password [name=email]').value`); got != omar {
			t.Errorf("the sign-in form holds %q, want the invited address", got)
		}
		o.fill("signin-password", map[string]string{"password": goodPassword})
		o.click("#signin-password button[type=submit]")
		o.waitTenant(name, "")
		claims(t, h.scoped(t, omar, goodPassword, tm.tenantID)).eq("role", "viewer")

		// An existing account signed in in its own browser: it accepts as itself.
		pia := h.newAccount(t, "pia-"+h.engine+"@invite.example.com")
		p := openConsole(t, br, h, "/signin")
		p.fill("signin-password", map[string]string{"email": pia, "password": goodPassword})
		p.submitGo("signin-password", "/tenants")
		p.openLink(invite(pia, "staff"))
		p.waitPage("/accept-invite")
		if got := p.text("main"); !strings.Contains(got, "signed in as "+pia) {
			t.Errorf("the signed-in invitee sees %q", got)
		}
		p.click("#accept-invite button[type=submit]")
		p.waitTenant(name, "/accept-invite")
		if got := p.text("#tenant-switch"); !strings.Contains(got, "staff") {
			t.Errorf("the signed-in invitee's tenant switch: %q", got)
		}
	})
}

// TestConsoleAuthTOTP signs in a user with TOTP (enrolled through the API,
// codes computed by the test): the password leads to the TOTP step, a
// wrong code is refused, the right one signs in. A member of a tenant that
// requires TOTP enrols at sign-in: the page shows the QR code the server
// drew, and the code of its secret signs in.
func TestConsoleAuthTOTP(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		name := "Console TOTP Spa " + h.engine
		tm := h.newTeam(t, name)
		app, _ := h.enrolTOTP(t, tm.owner)
		c := openConsole(t, br, h, "/signin")
		c.fill("signin-password", map[string]string{"email": tm.email, "password": tm.password})
		c.click("#signin-password button[type=submit]")
		c.waitFor("#signin-totp")
		c.screenshot("totp")
		c.fill("signin-totp", map[string]string{"code": "000000"})
		if kind, text := c.submit("signin-totp"); kind != "error" || text == "" {
			t.Errorf("a wrong code: %s %q", kind, text)
		}
		c.fill("signin-totp", map[string]string{"code": app.next()})
		c.click("#signin-totp button[type=submit]")
		c.waitTenant(name, "")

		// The tenant requires TOTP: a member without it enrols at sign-in.
		h.authConfig(t, tm.owner, tm.tenantID, map[string]any{"required_secondary_factors": []string{"totp"}})
		kim := "kim-" + h.engine + "@totp.example.com"
		h.addUser(t, tm.owner, kim, "viewer")
		k := openConsole(t, br, h, "/t/"+tm.slug)
		k.fill("signin-password", map[string]string{"email": kim, "password": goodPassword})
		k.click("#signin-password button[type=submit]")
		k.waitFor("#signin-enrol")
		if ok := eval[bool](k, `(() => { const i = document.querySelector('img.qr'); return !!i && i.complete && i.naturalWidth > 0 && i.src.startsWith('data:image/svg+xml;base64,') })()`); !ok {
			t.Errorf("the enrolment shows no QR code image")
		}
		k.screenshot("totp-enrol")
		secret := k.text("#totp-secret")
		k.fill("signin-enrol", map[string]string{"code": newAuthenticator(t, h.clock, secret).next()})
		k.click("#signin-enrol button[type=submit]")
		k.waitTenant(name, "")
	})
}

// TestConsoleAuthTenantPage opens a tenant's own sign-in page: its name,
// logo and colour from its configuration, only the login methods it
// allows, and a sign-in that works in that tenant although the user has
// others; an unknown slug shows the API's not-found.
func TestConsoleAuthTenantPage(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		name := "Console Branded Spa " + h.engine
		tm := h.newTeam(t, name)
		h.post(t, "/api/v1/tenants", h.token(t, tm.email, tm.password), map[string]any{"name": "Console Other Studio " + h.engine}).expect(http.StatusCreated)
		h.put(t, "/api/v1/configs/branding.primary_color", tm.owner, map[string]any{"value": "#0b6e4f"}).expect(http.StatusOK)
		h.put(t, "/api/v1/configs/branding.logo_url", tm.owner, map[string]any{"value": h.base + "/console/icon.svg"}).expect(http.StatusOK)
		h.authConfig(t, tm.owner, tm.tenantID, map[string]any{"passwordless_enabled": false})

		c := openConsole(t, br, h, "/t/"+tm.slug)
		c.waitPage("/t/:slug")
		if got := c.text("h1"); !strings.Contains(got, name) {
			t.Errorf("the tenant's page is headed %q", got)
		}
		if got := eval[string](c, `getComputedStyle(document.querySelector('.tenant-signin')).getPropertyValue('--brand').trim()`); got != "#0b6e4f" {
			t.Errorf("the brand colour is %q", got)
		}
		if got := eval[string](c, `getComputedStyle(document.querySelector('.tenant-signin button.primary')).backgroundColor`); got != "rgb(11, 110, 79)" {
			t.Errorf("the sign-in button's colour is %q", got)
		}
		if ok := eval[bool](c, `(() => { const i = document.querySelector('h1 img.tenant-logo'); return !!i && i.complete && i.naturalWidth > 0 })()`); !ok {
			t.Errorf("the tenant's logo is not shown")
		}
		if eval[bool](c, `!!document.getElementById('signin-code')`) {
			t.Errorf("the emailed code is offered although the tenant switched it off")
		}
		c.screenshot("tenant-signin")
		c.fitsPhone("tenant-signin-phone")
		c.fill("signin-password", map[string]string{"email": tm.email, "password": tm.password})
		c.click("#signin-password button[type=submit]")
		c.waitTenant(name, "/t/:slug")

		// Signed in, a member opening the page again may go straight in.
		c.open("/tenants")
		c.do("work in the other tenant", chromedp.SetValue(chromedp.ID("tenant-switch"), eval[string](c,
			`[...document.querySelectorAll('#tenant-switch option')].find((o) => o.textContent.includes('Other Studio')).value`)))
		eval[bool](c, `document.getElementById('tenant-switch').dispatchEvent(new Event('change'))`)
		c.waitTenant("Console Other Studio", "")
		c.open("/t/" + tm.slug)
		c.click("#tenant-continue")
		c.waitTenant(name, "/t/:slug")

		c.open("/t/no-such-tenant-" + h.engine)
		if got := c.text("main"); c.page() != "not-found" || !strings.Contains(got, "Page not found") {
			t.Errorf("an unknown tenant's page: %s %q", c.page(), got)
		}
	})
}
