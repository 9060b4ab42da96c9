package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsolePlatformPages: the platform admin locks and unlocks a user
// (the API refuses the locked one's login), renames a plan, sets a locked
// global configuration value, deactivates a tenant and erases it — first
// refused with the API's problem (no export), then forced with a reason
// after typing the slug back.
func TestConsolePlatformPages(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		tm := h.newTeam(t, "Console Pages Spa "+h.engine)

		c := openConsole(t, br, h, "/admin/users")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": adminEmail, "password": adminPassword})
		c.submitGo("signin-password", "/admin/users")

		// Users: search, lock (confirmed), unlock.
		c.fill("user-search", map[string]string{"email": tm.email})
		if kind, text := c.submit("user-search"); kind != "ok" || text != "1 user found." {
			t.Fatalf("user search: %s %q", kind, text)
		}
		c.click(fmt.Sprintf(`button[aria-label=%q]`, "Lock "+tm.email))
		c.waitUntil(`!!document.querySelector('dialog.dialog[open]')`)
		c.click(`dialog.dialog button[type=submit]`)
		c.waitUntil(`document.getElementById('user-results').innerText.includes('locked')`)
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": tm.email, "password": tm.password}).problem(http.StatusForbidden, "account_locked")
		c.click(fmt.Sprintf(`button[aria-label=%q]`, "Unlock "+tm.email))
		c.waitUntil(`!document.getElementById('user-results').innerText.includes('locked')`)
		c.screenshot("admin-users")
		h.login(t, tm.email, tm.password)

		// Plans: rename one.
		c.clickGo(`#nav a[href="/console/admin/plans"]`, "/admin/plans")
		c.click(`button[aria-label="Change Pro"]`)
		c.waitUntil(`!!document.getElementById('plan-edit')`)
		c.fill("plan-edit", map[string]string{"name": "Pro Plus"})
		if kind, text := c.submit("plan-edit"); kind != "ok" || !strings.Contains(text, "Pro Plus") {
			t.Fatalf("plan edit: %s %q", kind, text)
		}
		c.screenshot("admin-plans")
		renamed := false
		for _, p := range h.get(t, "/api/v1/admin/plans", admin).expect(http.StatusOK).list() {
			renamed = renamed || (p.str("code") == "pro" && p.str("name") == "Pro Plus")
		}
		if !renamed {
			t.Fatal("the plan was not renamed")
		}

		// Configuration: a locked global value.
		c.clickGo(`#nav a[href="/console/admin/configuration"]`, "/admin/configuration")
		c.do("choose the key", chromedp.SetValue(chromedp.CSS(`#config-set select[name=key]`), "features.white_label"))
		c.fill("config-set", map[string]string{"value": "true"})
		c.click(`#config-set input[name=is_locked]`)
		if kind, text := c.submit("config-set"); kind != "ok" || !strings.Contains(text, "locked") {
			t.Fatalf("config set: %s %q", kind, text)
		}
		found := false
		for _, it := range h.get(t, "/api/v1/admin/configs", admin).expect(http.StatusOK).obj().objs("items") {
			if it.sub("definition").str("key") != "features.white_label" {
				continue
			}
			for _, v := range it.objs("platform_values") {
				found = found || (v.str("scope") == "GLOBAL" && v.boolean("is_locked"))
			}
		}
		if !found {
			t.Fatal("no locked global value of features.white_label")
		}
		if got := c.text("#config-list"); !strings.Contains(got, "locked") {
			t.Fatalf("the list does not show the lock: %q", got)
		}
		c.screenshot("admin-configuration")

		// Deactivate, then erase: refused without an export, forced with a reason.
		c.visit("/admin/tenants/"+tm.tenantID, "/admin/tenants/:id")
		c.click(`#main button.danger`)
		c.waitUntil(`!!document.querySelector('dialog.dialog[open]')`)
		c.click(`dialog.dialog button[type=submit]`)
		c.waitUntil(`!!document.getElementById('tenant-erase')`)
		if st := h.get(t, "/api/v1/tenants/"+tm.tenantID, admin).expect(http.StatusOK).obj().str("status"); st != "inactive" {
			t.Fatalf("after deactivating the API says %s", st)
		}
		erase := func() (string, string) {
			t.Helper()
			st := "#tenant-erase .status"
			before, _ := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).dataset.outcomes`, st)))
			c.click(`#tenant-erase button[type=submit]`)
			c.waitUntil(`!!document.querySelector('dialog.dialog[open] input[name=confirm]')`)
			c.do("type the slug", chromedp.SendKeys(chromedp.CSS(`dialog.dialog[open] input[name=confirm]`), tm.slug))
			c.click(`dialog.dialog[open] button[type=submit]`)
			c.waitUntil(fmt.Sprintf(`document.querySelector(%q).dataset.outcomes !== %q`, st, before))
			return strings.TrimPrefix(c.attr(st, "className"), "status "), c.text(st)
		}
		if kind, text := erase(); kind != "error" || !strings.Contains(strings.ToLower(text), "export") {
			t.Fatalf("erase without an export: %s %q", kind, text)
		}
		c.click(`#tenant-erase input[name=force]`)
		c.fill("tenant-erase", map[string]string{"reason": "Customer asked for deletion, ticket 88"})
		if kind, text := erase(); kind != "ok" || !strings.Contains(text, "requested") {
			t.Fatalf("forced erase: %s %q", kind, text)
		}
		// At a phone's width no page scrolls sideways.
		c.do("phone width", chromedp.EmulateViewport(375, 800))
		for _, p := range [][2]string{{"/admin/tenants", "/admin/tenants"}, {"/admin/tenants/" + tm.tenantID, "/admin/tenants/:id"},
			{"/admin/users", "/admin/users"}, {"/admin/stats", "/admin/stats"}, {"/admin/plans", "/admin/plans"}, {"/admin/configuration", "/admin/configuration"}} {
			c.visit(p[0], p[1])
			if wide, _ := chromedp.Run(c.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); wide > 376 {
				c.screenshot("narrow-" + strings.ReplaceAll(p[1], "/", "_"))
				t.Errorf("%s is %d px wide at 375 px", p[0], wide)
			}
		}
		e := h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/erase", admin).expect(http.StatusOK).obj()
		if !e.boolean("forced") || e.str("reason") != "Customer asked for deletion, ticket 88" {
			t.Fatalf("erasure: %s", e)
		}
	})
}

// visit shows a console path without reloading (as a link inside the
// console does) and waits for the page of pattern.
func (c *console) visit(path, pattern string) {
	c.t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		`(() => { history.pushState(null, '', '/console' + %q); dispatchEvent(new PopStateEvent('popstate')); return true })()`, path))); err != nil {
		c.t.Fatalf("console: visit %s: %v", path, err)
	}
	c.waitPage(pattern)
}

// attr is a property of the first element matching the CSS selector.
func (c *console) attr(sel, prop string) string {
	got, _ := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? String(e[%q]) : '' })()`, sel, prop)))
	return got
}
