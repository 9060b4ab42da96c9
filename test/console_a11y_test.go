package test

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeInstall names what to install when axe-core is not found.
const axeInstall = "the console's accessibility check needs axe-core: " +
	"npm install --prefix \"$(go env GOPATH)/axe-core\" axe-core@4.10.3 (.ci/run does it), or set TENANTRY_TEST_AXE to axe.min.js"

// axeSource reads axe-core's script: $TENANTRY_TEST_AXE, or the copy
// .ci/run installs under GOPATH. It fails, never skips, without one.
func axeSource(t *testing.T) string {
	t.Helper()
	file := os.Getenv("TENANTRY_TEST_AXE")
	if file == "" {
		gopath := filepath.SplitList(build.Default.GOPATH)[0]
		file = filepath.Join(gopath, "axe-core", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no axe-core at %s: %v (%s)", file, err, axeInstall)
	}
	return string(b)
}

// axe runs axe-core's WCAG 2.1 A/AA rules on the page shown and fails the
// test on every serious or critical violation.
func (c *console) axe(src, name string) {
	c.t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		c.t.Fatalf("axe on %s: load: %v", name, err)
	}
	found, err := chromedp.Run(c.ctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		c.t.Fatalf("axe on %s: %v", name, err)
	}
	for _, v := range found {
		c.t.Errorf("accessibility, %s: %s", name, v)
	}
}

// navPaths lists the console paths of the navigation shown.
func (c *console) navPaths() []string {
	c.t.Helper()
	paths, err := chromedp.Run(c.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#nav a')].map((a) => a.getAttribute('href'))`))
	if err != nil {
		c.t.Fatalf("console: read the navigation: %v", err)
	}
	return paths
}

// TestConsoleAccessibility runs axe-core on every page of the console's
// navigation, for a tenant's owner and for a platform admin, and on the
// public pages, in light and on a phone-sized screen.
func TestConsoleAccessibility(t *testing.T) {
	src := axeSource(t)
	br := browser(t)
	h := boot(t, "sqlite", options{})
	tm := h.newTeam(t, "Accessible Spa")
	check := func(c *console, path string) {
		c.open(path)
		if c.page() == "" {
			t.Errorf("%s: no page shown", path)
		}
		c.axe(src, path)
	}
	anon := openConsole(t, br, h, "/signin")
	for _, p := range []string{"/signin", "/register", "/forgot-password", "/reset-password?token=prt_x", "/accept-invite?token=ivt_x", "/t/" + tm.slug, "/no-such-page"} {
		check(anon, p)
	}
	for _, who := range []struct{ email, password string }{{tm.email, tm.password}, {adminEmail, adminPassword}} {
		c := openConsole(t, br, h, "/signin")
		c.fill("signin-password", map[string]string{"email": who.email, "password": who.password})
		c.do("sign in", chromedp.Click(chromedp.CSS("#signin-password button[type=submit]")))
		c.waitShown("1")
		paths := c.navPaths()
		if len(paths) < 2 {
			t.Errorf("%s: the navigation shows %v", who.email, paths)
		}
		for _, p := range paths {
			check(c, strings.TrimPrefix(p, "/console"))
		}
		c.do("phone-sized", chromedp.EmulateViewport(375, 740))
		check(c, strings.TrimPrefix(paths[0], "/console"))
	}
}
