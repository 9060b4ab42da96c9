package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleSession signs in through the console in a real browser: the
// session survives a reload (the HttpOnly cookie, never storage), the
// script cannot read the refresh token, and signing out ends it.
func TestConsoleSession(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Session Spa "+h.engine)
		c := openConsole(t, br, h, "/")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": tm.email, "password": "wrong-Horse-1"})
		if kind, text := c.submit("signin-password"); kind != "error" || !strings.Contains(text, "email or password") {
			t.Errorf("a wrong password: %s %q", kind, text)
		}
		c.fill("signin-password", map[string]string{"email": tm.email, "password": tm.password})
		c.submitGo("signin-password", "/dashboard") // the start page leads a tenant's member to its first page
		if got := c.text("#tenant-switch"); !strings.Contains(got, "Console Session Spa") {
			t.Errorf("tenant switch shows %q", got)
		}
		stored, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](`JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie`))
		if err != nil || strings.Contains(stored, "rt_") || strings.Contains(stored, "eyJ") {
			t.Errorf("a token is readable by the page: %q %v", stored, err)
		}

		c.open("/tenants") // a reload: the cookie restores the session
		if c.page() != "/tenants" || !strings.Contains(c.text("#top"), tm.email) {
			t.Fatalf("after a reload: page %s, header %q", c.page(), c.text("#top"))
		}
		c.screenshot("tenants")

		c.click("#signout")
		c.waitPage("/signin")
		c.open("/tenants")
		if c.page() != "/signin" {
			t.Errorf("after signing out a reload shows %s", c.page())
		}
		h.post(t, "/api/v1/console/refresh", "", nil).problem(http.StatusUnauthorized, "console_session_missing")
	})
}
