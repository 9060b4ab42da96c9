package test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsolePlatform: the platform admin signs in through the console,
// finds a tenant by search, suspends it with a reason, sees the change in
// its status history, makes it active again, and the API agrees (status,
// both history entries); the statistics show as charts; impersonating the
// tenant's owner shows the banner and the console acts as the owner until
// "Stop impersonating" brings the admin back; a tenant owner who opens
// the platform pages sees "Page not found" and none of their data.
func TestConsolePlatform(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		tm := h.newTeam(t, "Console Platform Spa "+h.engine)
		other := h.newTeam(t, "Console Platform Other "+h.engine)

		// Its own cookie jar: the engines' servers share the host (cookies ignore the port).
		c := openConsole(t, br, h, "/admin/tenants")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": adminEmail, "password": adminPassword})
		c.submitGo("signin-password", "/admin/tenants")
		if nav := strings.ToLower(c.text("#nav")); !strings.Contains(nav, "platform") || !strings.Contains(nav, "tenants") {
			t.Fatalf("the platform admin's nav: %q", nav)
		}

		// Filter by plan (with a search): only the tenant on pro.
		h.post(t, "/api/v1/subscriptions/upgrade?tenant_id="+other.tenantID, admin, map[string]any{"plan_id": "plan_pro"}).expect(http.StatusOK)
		c.fill("tenant-search", map[string]string{"q": "console-platform"})
		c.do("choose pro", chromedp.SetValue(chromedp.CSS(`#tenant-search select[name=plan]`), "pro"))
		if kind, text := c.submit("tenant-search"); kind != "ok" || text != "1 tenant found." {
			t.Fatalf("search on pro: %s %q", kind, text)
		}
		if got := c.text("#tenant-results"); !strings.Contains(got, other.slug) || strings.Contains(got, tm.slug) {
			t.Fatalf("results on pro: %q", got)
		}
		if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](`(() => { document.querySelector('#tenant-search select[name=plan]').selectedIndex = 0; return true })()`)); err != nil {
			t.Fatal(err)
		}

		// Find the tenant by a part of its slug.
		c.fill("tenant-search", map[string]string{"q": tm.slug})
		if kind, text := c.submit("tenant-search"); kind != "ok" || text != "1 tenant found." {
			t.Fatalf("search %s: %s %q", tm.slug, kind, text)
		}
		if got := c.text("#tenant-results"); !strings.Contains(got, tm.slug) || strings.Contains(got, other.slug) {
			t.Fatalf("results of %s: %q", tm.slug, got)
		}
		c.screenshot("admin-tenants")
		c.clickGo(fmt.Sprintf(`#tenant-results a[data-slug=%q]`, tm.slug), "/admin/tenants/:id")
		if got := c.text("#tenant-slug"); got != tm.slug {
			t.Fatalf("tenant page shows slug %q", got)
		}

		// Suspend with a reason; the history shows it.
		const suspendWhy = "Chargeback on invoice 1042"
		c.fill("tenant-status", map[string]string{"reason": suspendWhy})
		if kind, text := c.submit("tenant-status"); kind != "ok" || !strings.Contains(text, "suspended") {
			t.Fatalf("suspend: %s %q", kind, text)
		}
		if got := c.text("#status-history"); !strings.Contains(got, suspendWhy) || !strings.Contains(got, "Suspended") || !strings.Contains(got, adminEmail) {
			t.Fatalf("history after suspending: %q", got)
		}
		c.screenshot("admin-tenant-history")

		// Active again, with its own reason.
		const activateWhy = "Chargeback withdrawn"
		if v := c.text("#tenant-status select[name=new_status]"); v == "" {
			t.Fatal("no status choice")
		}
		c.do("choose active", chromedp.SetValue(chromedp.CSS(`#tenant-status select[name=new_status]`), "active"))
		c.fill("tenant-status", map[string]string{"reason": activateWhy})
		if kind, text := c.submit("tenant-status"); kind != "ok" || !strings.Contains(text, "active") {
			t.Fatalf("activate: %s %q", kind, text)
		}
		if got := c.text("#status-history"); !strings.Contains(got, activateWhy) || !strings.Contains(got, suspendWhy) {
			t.Fatalf("history after activating: %q", got)
		}
		if st := h.get(t, "/api/v1/tenants/"+tm.tenantID, admin).expect(http.StatusOK).obj().str("status"); st != "active" {
			t.Fatalf("the API says the tenant is %s", st)
		}
		hist := h.get(t, "/api/v1/admin/tenants/"+tm.tenantID+"/status-history", admin).expect(http.StatusOK).obj().objs("items")
		if len(hist) < 2 {
			t.Fatalf("history: %v", hist)
		}
		last, prev := hist[len(hist)-1], hist[len(hist)-2]
		if prev.str("to") != "suspended" || prev.str("reason") != suspendWhy || last.str("from") != "suspended" ||
			last.str("to") != "active" || last.str("reason") != activateWhy || last.sub("actor").str("email") != adminEmail {
			t.Fatalf("history entries: %v / %v", prev, last)
		}

		// Impersonate the owner: the banner, the owner's identity, no platform pages; then back.
		c.click("#tenant-members button")
		c.waitUntil(`!!document.querySelector('#impersonate select[name=user_id]')`)
		c.do("choose the owner", chromedp.SetValue(chromedp.CSS(`#impersonate select[name=user_id]`), tm.ownerID))
		c.fill("impersonate", map[string]string{"reason": "Ticket 4711: cannot see outlets"})
		c.click("#impersonate button[type=submit]")
		c.waitUntil(fmt.Sprintf(`(() => { const b = document.getElementById('banner'); return !b.hidden && b.innerText.includes(%q) && !!document.getElementById('stop-impersonating') })()`, tm.email))
		if top, nav := c.text("#top"), c.navPaths(); !strings.Contains(top, tm.email) || strings.Contains(top, adminEmail) || strings.Contains(strings.Join(nav, " "), "/console/admin/") {
			t.Fatalf("impersonating: header %q, nav %q", top, nav)
		}
		if n := c.count("#env-switch") + c.count("#tenant-switch"); n != 0 {
			t.Errorf("impersonating: %d tenant or environment switches offered", n)
		}
		c.screenshot("impersonation-banner")
		if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](`(() => { history.pushState(null, '', '/console/admin/tenants'); dispatchEvent(new PopStateEvent('popstate')); return true })()`)); err != nil {
			t.Fatal(err)
		}
		c.waitUntil(`(document.querySelector('#main h1') || {}).innerText === 'Page not found'`)
		seen := false
		for _, e := range h.get(t, "/api/v1/audit-logs?tenant_id="+tm.tenantID+"&action=admin.impersonate&limit=10", admin).expect(http.StatusOK).list() {
			seen = seen || (e.str("resource_id") == tm.ownerID && e.sub("details").str("reason") == "Ticket 4711: cannot see outlets")
		}
		if !seen {
			t.Fatal("the impersonation is not in the tenant's audit log")
		}
		c.click("#stop-impersonating")
		c.waitPage("/admin/tenants/:id")
		c.waitUntil(`document.getElementById('banner').hidden`)
		if top := c.text("#top"); !strings.Contains(top, adminEmail) || strings.Contains(top, tm.email) {
			t.Fatalf("after stopping: header %q", top)
		}

		// The statistics as charts.
		c.clickGo(`#nav a[href="/console/admin/stats"]`, "/admin/stats")
		if n := c.count("#main svg.chart"); n < 2 {
			t.Fatalf("%d charts on the statistics page: %s", n, c.text("#main"))
		}
		if got := c.text("#platform-figures"); !strings.Contains(got, "Active tenants") {
			t.Fatalf("figures: %q", got)
		}
		c.screenshot("admin-stats")

		// A tenant owner reaches none of it.
		c.click("#signout")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": other.email, "password": other.password})
		c.click("#signin-password button[type=submit]")
		c.waitUntil(fmt.Sprintf(`document.getElementById('top').innerText.includes(%q) && document.getElementById('main').dataset.page !== '/signin'`, other.email))
		for _, path := range []string{"/admin/tenants", "/admin/tenants/" + tm.tenantID, "/admin/users", "/admin/stats"} {
			// The shell marks no page shown for a page the user may not see: wait for its heading.
			c.do("open "+path, chromedp.Navigate(h.base+"/console"+path))
			c.waitUntil(`(document.querySelector('#main h1') || {}).innerText === 'Page not found'`)
			main := c.text("#main")
			if h1 := c.text("#main h1"); h1 != "Page not found" || strings.Contains(main, tm.slug) || strings.Contains(main, tm.email) {
				t.Fatalf("a tenant owner at %s: %q", path, main)
			}
			if nav := c.navPaths(); strings.Contains(strings.Join(nav, " "), "/console/admin/") {
				t.Fatalf("a tenant owner's nav: %q", nav)
			}
		}
	})
}
