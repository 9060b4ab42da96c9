package test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleManagePlanAndAudit is the owner's journey through the plan and
// the audit log in a real browser: at the free plan's outlet limit the
// plan page shows the meter full and offers the upgrade, one more outlet
// from the console is refused with an "Upgrade to …" hint (limitHint);
// the upgrade in the console changes the subscription; a downgrade that
// the usage would break names the broken meter; the audit log filtered by
// action shows the upgrade, and the chain verification result shows; the
// audit export arrives as a file.
func TestConsoleManagePlanAndAudit(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Plan Spa "+h.engine)
		h.get(t, "/api/v1/subscriptions/current", tm.owner).expect(http.StatusOK).obj().eq("plan", "free")
		h.createOutlet(t, tm.owner, "Plan Outlet One "+h.engine, "Cebu")
		h.post(t, "/api/v1/outlets", tm.owner, outletBody("Plan Outlet Refused "+h.engine, "Davao")).
			problem(http.StatusForbidden, "plan_limit_exceeded").eq("upgrade_to", "basic")

		c := signedInConsole(t, br, h, tm, "/plan")
		if got := c.text("#plan-current"); got != "Free" {
			t.Errorf("current plan shown: %q", got)
		}
		if got := c.text(`#plan-meters tr[data-meter="outlets"]`); !strings.Contains(got, "1") {
			t.Errorf("outlets meter: %q", got)
		}
		if cls := c.eval(`document.querySelector('#plan-meters tr[data-meter="outlets"]').className`); cls != "full" {
			t.Errorf("the outlets meter at its limit is not marked full: %q", cls)
		}
		if got := c.text(`.limit-reached[data-meter="outlets"]`); !strings.Contains(got, "limit reached") {
			t.Errorf("no limit notice for outlets: %q", got)
		}
		if got := c.eval(`(() => { const a = document.querySelector('a.upgrade-link'); return a ? a.getAttribute('href') + ' ' + a.textContent : '' })()`); got != "/console/plan?upgrade=basic Upgrade to Basic" {
			t.Errorf("upgrade link: %q", got)
		}
		if n := c.eval(`String(document.querySelectorAll('figure.chart-figure svg rect.chart-bar.full').length)`); n != "1" {
			t.Errorf("full bars in the usage chart: %s", n)
		}
		c.screenshot("plan")

		// One more outlet, through the console's own session: refused, and
		// limitHint turns the refusal into the upgrade offer.
		body, _ := json.Marshal(outletBody("Plan Outlet Console "+h.engine, "Iloilo"))
		hint, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(async () => {
			const { api } = await import('/console/js/api.js');
			const { limitHint } = await import('/console/js/pages/manage/limits.js');
			const plans = await api('GET', '/api/v1/catalog/plans');
			try { await api('POST', '/api/v1/outlets', %s); return 'created'; }
			catch (err) { const n = limitHint(err, plans); return n ? n.dataset.meter + '|' + n.textContent : 'no hint: ' + err.code; }
		})()`, body), chromedp.EvalAwaitPromise))
		if err != nil || !strings.HasPrefix(hint, "outlets|") || !strings.Contains(hint, "Upgrade to Basic") || !strings.Contains(hint, "allows 1 outlets") {
			t.Errorf("limitHint of the refusal: %q %v", hint, err)
		}

		// The offered upgrade, from the limit notice.
		c.click("a.upgrade-link")
		c.waitFor(".plan-card.offered")
		if got := c.eval(`(document.querySelector('.plan-card.offered') || {}).dataset?.plan || ''`); got != "basic" {
			t.Errorf("offered plan: %q", got)
		}
		c.click("#plan-upgrade-basic")
		c.confirmYes()
		c.waitFor(`#plan-message`)
		if got := c.text("#plan-message"); !strings.Contains(got, "Upgraded to Basic") {
			t.Errorf("upgrade message: %q", got)
		}
		sub := h.get(t, "/api/v1/subscriptions/current", tm.owner).expect(http.StatusOK).obj()
		sub.eq("plan", "basic")
		sub.eq("status", "trialing")
		if got := c.text("#plan-current"); got != "Basic" {
			t.Errorf("current plan after the upgrade: %q", got)
		}

		// Two outlets fit basic but not free: the downgrade names the meter.
		h.createOutlet(t, tm.owner, "Plan Outlet Two "+h.engine, "Davao")
		c.open("/plan")
		c.click("#plan-downgrade-free")
		c.confirmYes()
		c.waitFor(`#plan-change-hint li[data-meter="outlets"]`)
		if got := c.text(`#plan-change-hint li[data-meter="outlets"]`); got != "Outlets: 2 in use, the plan allows 1." {
			t.Errorf("the broken meter: %q", got)
		}
		if got := c.text("#plan-change-status"); !strings.Contains(got, "exceeds the limits of plan free") {
			t.Errorf("downgrade status: %q", got)
		}
		h.get(t, "/api/v1/subscriptions/current", tm.owner).expect(http.StatusOK).obj().null("scheduled_change")
		c.screenshot("plan-downgrade-refused")

		// The audit log, reached through the navigation, filtered by the upgrade's action.
		c.clickGo(`#nav a[href="/console/audit"]`, "/audit")
		c.waitFor(`#audit-verify-result`)
		if ok := c.eval(`document.getElementById('audit-verify-result').dataset.ok`); ok != "true" {
			t.Errorf("verification: %q", c.text("#audit-verify"))
		}
		if got := c.text("#audit-verify-result"); !strings.Contains(got, "The audit chain verifies") {
			t.Errorf("verification text: %q", got)
		}
		c.fill("audit-filter", map[string]string{"action": "subscription.upgrade"})
		if kind, text := c.submit("audit-filter"); kind != "ok" || text != "1 event found." {
			t.Errorf("filter: %s %q", kind, text)
		}
		if got := c.eval(`[...document.querySelectorAll('#audit-results code.audit-action')].map(e => e.textContent).join(',')`); got != "subscription.upgrade" {
			t.Errorf("filtered actions: %q", got)
		}
		if got := c.eval(`location.search`); got != "?action=subscription.upgrade" {
			t.Errorf("the filter is not in the address: %q", got)
		}
		c.screenshot("audit")
		c.open("/audit?action=subscription.upgrade&result=failure")
		if got := c.text("#audit-results"); !strings.Contains(got, "No event matches these filters") {
			t.Errorf("an empty filter result: %q", got)
		}

		// Keyset paging: 26 changes make two pages of 25 and 1.
		for i := 0; i < 26; i++ {
			h.put(t, "/api/v1/configs/auth.lockout_threshold", tm.owner, map[string]any{"value": 10 + i}).expect(http.StatusOK)
		}
		c.open("/audit?action=config.update")
		rows := `String(document.querySelectorAll('#audit-results tbody tr').length)`
		if n := c.eval(rows); n != "25" || c.text("#audit-count") != "26 events match the filters." {
			t.Errorf("first page: %s rows, %q", n, c.text("#audit-count"))
		}
		c.click("#audit-older")
		c.waitUntil(rows + ` === '1'`)
		if got := c.text("#audit-results tbody tr"); !strings.Contains(got, "config.update") {
			t.Errorf("the oldest change: %q", got)
		}
		c.click("#audit-newer")
		c.waitUntil(rows + ` === '25'`)

		c.open("/audit")
		c.waitFor(`#audit-verify-result`)
		if kind, text := c.submit("audit-export"); kind != "ok" || !strings.HasPrefix(text, "Exported ") {
			t.Fatalf("audit export: %s %q", kind, text)
		}
		link := c.eval(`(() => { const a = document.querySelector('#audit-export-file a[download]'); return a ? a.getAttribute('download') + ' ' + a.href.slice(0, 5) + ' ' + a.dataset.records : '' })()`)
		want := h.get(t, "/api/v1/audit-logs/export", tm.owner).expect(http.StatusOK)
		lines := strings.Count(strings.TrimSpace(string(want.body)), "\n") + 1
		if link != fmt.Sprintf("audit-export.ndjson blob: %d", lines) {
			t.Errorf("export link: %q (the API's export has %d lines)", link, lines)
		}
	})
}

// TestConsoleManageSettingsPages: the owner's configuration (inherited and
// locked values marked, a change makes a value the tenant's own and a reset
// inherits again), sign-in and security (a lifetime saved, the others still
// inherited), integrations (secrets never shown back, only set / not set),
// the data export with its progress, and a viewer who sees only the
// configuration, read only.
func TestConsoleManageSettingsPages(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Settings Spa "+h.engine)
		// A platform admin locks the audit retention for this tenant.
		h.put(t, "/api/v1/admin/configs/audit.retention_days", h.admin(t), map[string]any{
			"value": 90, "scope": "TENANT", "tenant_id": tm.tenantID, "is_locked": true}).expect(http.StatusOK)

		c := signedInConsole(t, br, h, tm, "/configuration")
		row := `tr[data-key="auth.lockout_threshold"]`
		if got := c.text(row + " .config-source"); !strings.Contains(got, "inherited") {
			t.Errorf("lockout threshold source: %q", got)
		}
		locked := `tr[data-key="audit.retention_days"]`
		if got := c.text(locked + " .config-source"); !strings.Contains(got, "locked") {
			t.Errorf("a locked value is not marked: %q", got)
		}
		if n := c.eval(`String(document.querySelectorAll('tr[data-key="audit.retention_days"] button').length)`); n != "0" {
			t.Errorf("a locked value can be changed: %s buttons", n)
		}
		c.screenshot("configuration")
		c.click(row + " button.config-change")
		c.fill("config-edit", map[string]string{"value": "7"})
		if kind, text := c.submit("config-edit"); kind != "ok" {
			t.Fatalf("change: %s %q", kind, text)
		}
		if got := c.text(row + " .config-value"); got != "7" {
			t.Errorf("value shown after the change: %q", got)
		}
		if got := c.text(row + " .config-source"); !strings.Contains(got, "set by this tenant") {
			t.Errorf("source after the change: %q", got)
		}
		if got := configValue(t, h, tm.owner, "auth.lockout_threshold"); got != "7" {
			t.Errorf("the API's value: %s", got)
		}
		c.fill("config-edit", map[string]string{"value": "1"})
		if kind, text := c.submit("config-edit"); kind != "error" || !strings.Contains(c.text("#config-edit .field-error"), "3") {
			t.Errorf("a value below the minimum: %s %q, beside the field %q", kind, text, c.text("#config-edit .field-error"))
		}
		c.click(row + " button.config-reset")
		c.waitFor("#config-message")
		if got := c.text(row + " .config-source"); !strings.Contains(got, "inherited") {
			t.Errorf("source after the reset: %q", got)
		}

		// Sign-in and security.
		c.open("/security")
		if n := c.eval(`String(document.querySelectorAll('#security-lifetimes .badge.inherited').length)`); n != "2" {
			t.Errorf("inherited lifetimes: %s", n)
		}
		c.fill("security-lifetimes", map[string]string{"access_token_validity": "900"})
		if kind, text := c.submit("security-lifetimes"); kind != "ok" || text != "Lifetimes saved." {
			t.Errorf("lifetimes: %s %q", kind, text)
		}
		ac := h.get(t, "/api/v1/tenants/"+tm.tenantID+"/auth-config", tm.owner).expect(http.StatusOK).obj()
		if ac.sub("core_config").num("access_token_validity") != 900 {
			t.Errorf("access token validity: %v", ac)
		}
		if o := ac.strs("overrides"); len(o) != 1 || o[0] != "core_config.access_token_validity" {
			t.Errorf("overrides: %v", o)
		}
		if n := c.eval(`String(document.querySelectorAll('#security-lifetimes .badge.inherited').length)`); n != "1" {
			t.Errorf("inherited lifetimes after the save: %s", n)
		}
		// A third-party provider: its client secret goes in, "set" comes out.
		const clientSecret = "gsecret-never-shown-5678"
		c.fill("security-provider", map[string]string{"id": "google", "name": "Google", "client_id": "gid-1", "client_secret": clientSecret})
		if kind, text := c.submit("security-provider"); kind != "ok" || text != "Provider saved." {
			t.Errorf("provider: %s %q", kind, text)
		}
		if got := c.text("#main table"); !strings.Contains(got, "Google (google)") || !strings.Contains(got, "set") {
			t.Errorf("providers shown: %q", got)
		}
		if strings.Contains(c.eval(`document.documentElement.outerHTML + [...document.querySelectorAll('input')].map(i => i.value).join(' ')`), clientSecret) {
			t.Error("the provider's client secret is shown back")
		}
		p := h.get(t, "/api/v1/tenants/"+tm.tenantID+"/auth-config", tm.owner).expect(http.StatusOK).obj().sub("third_party").objs("providers")
		if len(p) != 1 || !p[0].boolean("client_secret_set") {
			t.Errorf("providers: %v", p)
		}
		c.screenshot("security")

		// No way to sign in is refused, with the problem's message.
		c.do("uncheck", chromedp.Evaluate[chromedp.Void](`for (const n of ['email_password_enabled', 'passwordless_enabled']) document.querySelector('#security-methods [name="' + n + '"]').checked = false`))
		if kind, text := c.submit("security-methods"); kind != "error" || !strings.Contains(c.text("#security-factors-error"), "nobody could log in") {
			t.Errorf("no login method: %s %q, beside the factors %q", kind, text, c.text("#security-factors-error"))
		}

		// Integrations: a secret goes in and never comes out.
		c.open("/integrations")
		if got := c.text("#paperid-state"); got != "not set" {
			t.Errorf("paper.id before: %q", got)
		}
		const secret = "pid-secret-never-shown-1234"
		c.fill("paperid-config", map[string]string{"client_id": "client-console-1", "client_secret": secret})
		if kind, text := c.submit("paperid-config"); kind != "ok" {
			t.Fatalf("paper.id: %s %q", kind, text)
		}
		if got := c.text("#paperid-state"); got != "set" {
			t.Errorf("paper.id after: %q", got)
		}
		html := c.eval(`document.documentElement.outerHTML + [...document.querySelectorAll('input')].map(i => i.value).join(' ')`)
		if strings.Contains(html, secret) {
			t.Error("the Paper.id secret is shown back")
		}
		if got := c.text("#stripe-secret-state"); got != "not set" {
			t.Errorf("stripe: %q", got)
		}
		c.screenshot("integrations")

		// The data export, streamed with its progress and checked against its trailer.
		c.open("/export")
		kind, text := c.submit("tenant-export")
		if kind != "ok" || !strings.HasSuffix(text, "complete.") {
			t.Fatalf("export: %s %q", kind, text)
		}
		if got := c.eval(`(() => { const a = document.querySelector('#export-progress a[download]'); return a ? a.getAttribute('download') : '' })()`); got != "tenant-"+tm.tenantID+".ndjson" {
			t.Errorf("export file: %q", got)
		}
		if got := c.text("#export-summary"); !strings.Contains(got, "tenant") {
			t.Errorf("export summary: %q", got)
		}

		// A viewer sees the configuration, read only, and none of the admin pages.
		viewer := "viewer@" + key("Console Settings Spa "+h.engine) + ".example.com"
		h.addUser(t, tm.owner, viewer, "viewer")
		c.click("#signout")
		c.waitPage("/signin")
		c.open("/configuration")
		c.waitPage("/signin")
		c.fill("signin-password", map[string]string{"email": viewer, "password": goodPassword})
		c.submitGo("signin-password", "/configuration")
		nav := c.text("#nav")
		for _, admin := range []string{"Plan and billing", "Audit log", "Integrations", "Sign-in and security", "Export the data"} {
			if strings.Contains(nav, admin) {
				t.Errorf("a viewer's navigation offers %s", admin)
			}
		}
		if !strings.Contains(nav, "Configuration") {
			t.Errorf("a viewer's navigation lacks the configuration: %q", nav)
		}
		if n := c.eval(`String(document.querySelectorAll('tr[data-key] td').length > 0) + ' ' + document.querySelectorAll('button.config-change').length`); n != "true 0" {
			t.Errorf("a viewer's configuration (rows shown, buttons to change): %s", n)
		}
		c.open("/audit")
		if got := c.text("#main h1"); got != "Not available" {
			t.Errorf("a viewer on /audit sees %q: %s", got, c.text("#main"))
		}
	})
}

// TestConsoleManagePhone: on a phone-sized screen every manage page fits the
// width (tables fold into cards, forms into one column).
func TestConsoleManagePhone(t *testing.T) {
	br := browser(t)
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		tm := h.newTeam(t, "Console Phone Spa "+h.engine)
		h.createOutlet(t, tm.owner, "Phone Outlet "+h.engine, "Cebu")
		c := signedInConsole(t, br, h, tm, "/plan")
		c.do("a phone's viewport", chromedp.EmulateViewport(375, 800))
		for _, path := range []string{"/plan", "/audit", "/configuration", "/security", "/integrations", "/export"} {
			c.open(path)
			c.waitPage(path)
			if w := c.eval(`String(document.documentElement.scrollWidth)`); w != "375" {
				t.Errorf("%s is %s px wide on a 375 px screen", path, w)
			}
			c.screenshot("phone-" + strings.Trim(path, "/"))
		}
	})
}

// signedInConsole opens path in a new tab of br, signs tm's owner in through
// the console's form and waits for the page.
func signedInConsole(t *testing.T, br context.Context, h *harness, tm team, path string) *console {
	t.Helper()
	c := openConsole(t, br, h, path)
	c.waitPage("/signin")
	c.fill("signin-password", map[string]string{"email": tm.email, "password": tm.password})
	pattern := path
	if i := strings.IndexByte(pattern, '?'); i >= 0 {
		pattern = pattern[:i]
	}
	c.submitGo("signin-password", pattern)
	return c
}

// confirmYes answers yes to the console's confirm() dialog.
func (c *console) confirmYes() {
	c.t.Helper()
	c.waitFor("dialog.dialog[open] button[type=submit]")
	c.click("dialog.dialog[open] button[type=submit]")
}

// configValue is the value of key in the tenant's flat configuration, as JSON.
func configValue(t *testing.T, h *harness, token, key string) string {
	t.Helper()
	r := h.get(t, "/api/v1/configs?format=flat", token).expect(http.StatusOK)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("flat configs: %v", err)
	}
	return string(m[key])
}
