package test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// console is a browser tab driving the web console of a harness's server.
type console struct {
	*tab
	h *harness
}

// openConsole opens a tab of br in a browser context of its own (its own
// cookies: each console is another browser's session) at the console path.
func openConsole(t *testing.T, br context.Context, h *harness, path string) *console {
	t.Helper()
	ctx, cancel := chromedp.NewContext(br, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	c := &console{tab: &tab{t: t, ctx: ctx}, h: h}
	c.open(path)
	return c
}

// open navigates to a console path and waits until the new document has
// shown its page (the old document is marked, so a reload of the same
// address is waited for too).
func (c *console) open(path string) {
	c.t.Helper()
	_, _ = chromedp.Run(c.ctx, chromedp.Evaluate[bool](`window.__tenantryLeft = true`))
	c.do("open "+path, chromedp.Navigate(c.h.base+"/console"+path))
	var err error
	for try := 0; try < 3; try++ { // a poll begun while the old document still goes away loses its context: poll again
		_, err = chromedp.Run(c.ctx, chromedp.Poll[bool](
			`(() => { const m = document.getElementById('main'); return !window.__tenantryLeft && !!m && m.dataset.shown !== undefined })()`,
			chromedp.WithPollingTimeout(30*time.Second)))
		if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
			break
		}
	}
	if err != nil {
		c.t.Fatalf("console: %s shows no page: %v (%s)", path, err, c.text("#main"))
	}
}

// shown is how many pages the console has shown in this document (0
// before the first).
func (c *console) shown() string {
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](`(document.getElementById('main') && document.getElementById('main').dataset.shown) || '0'`))
	if err != nil {
		return "0"
	}
	return got
}

// waitShown waits until a page other than the before-th is shown.
func (c *console) waitShown(before string) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(
		`(() => { const m = document.getElementById('main'); return !!m && (m.dataset.shown || '0') !== %q && m.dataset.shown !== undefined })()`, before),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		c.t.Fatalf("console: no page shown: %v (%s)", err, c.text("#main"))
	}
}

// page is the pattern of the page shown ('/signin', '/outlets/:id').
func (c *console) page() string {
	got, _ := chromedp.Run(c.ctx, chromedp.Evaluate[string](`document.getElementById('main').dataset.page || ''`))
	return got
}

// waitPage waits until the page of pattern is shown.
func (c *console) waitPage(pattern string) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById('main').dataset.page === %q`, pattern),
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		c.t.Fatalf("console: page %s not shown (shown: %s): %s", pattern, c.page(), c.text("#main"))
	}
}

// text is the text of the first element matching the CSS selector.
func (c *console) text(sel string) string {
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : '' })()`, sel)))
	if err != nil {
		return ""
	}
	return got
}

// fill types values into the named inputs of the form with that id.
func (c *console) fill(formID string, fields map[string]string) {
	c.t.Helper()
	for name, v := range fields {
		sel := fmt.Sprintf("#%s [name=%q]", formID, name)
		if _, err := chromedp.Run(c.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false; e.value = ''; return true })()`, sel))); err != nil {
			c.t.Fatalf("console: clear %s: %v", sel, err)
		}
		c.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), v))
	}
}

// submit sends the form with that id and answers the kind (ok or error)
// and text of the outcome its status shows.
func (c *console) submit(formID string) (string, string) {
	c.t.Helper()
	st := "#" + formID + " .status"
	before, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).dataset.outcomes`, st)))
	if err != nil {
		c.t.Fatalf("console: no form #%s: %v", formID, err)
	}
	c.do("submit #"+formID, chromedp.Click(chromedp.CSS("#"+formID+" button[type=submit]")))
	got, err := chromedp.Run(c.ctx, chromedp.Poll[[]string](fmt.Sprintf(
		`(() => { const s = document.querySelector(%q); if (!s) return ['gone', '']; return s.dataset.outcomes !== %q ? [s.className, s.innerText] : null })()`, st, before),
		chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil || len(got) != 2 {
		c.t.Fatalf("console: #%s showed no outcome: %v %v", formID, got, err)
	}
	return strings.TrimPrefix(got[0], "status "), got[1]
}

// submitGo sends a form whose success shows another page, and waits for it.
func (c *console) submitGo(formID, pattern string) {
	c.t.Helper()
	before := c.shown()
	c.do("submit #"+formID, chromedp.Click(chromedp.CSS("#"+formID+" button[type=submit]")))
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(
		`(() => { const m = document.getElementById('main'); const s = document.querySelector('#%s .status.error'); return (m.dataset.shown !== %q && m.dataset.page === %q) || !!s })()`,
		formID, before, pattern), chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil || c.page() != pattern {
		c.t.Fatalf("console: #%s did not lead to %s (on %s): %v %s", formID, pattern, c.page(), err, c.text("#"+formID+" .status"))
	}
}

// click clicks the element matching the CSS selector.
func (c *console) click(sel string) {
	c.t.Helper()
	c.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// clickGo clicks a link or button that shows the page of pattern.
func (c *console) clickGo(sel, pattern string) {
	c.t.Helper()
	c.click(sel)
	c.waitPage(pattern)
}

// screenshot saves the page as a PNG among the test's artifacts:
// $TENANTRY_TEST_ARTIFACTS, or the system's temporary folder.
func (c *console) screenshot(name string) string {
	c.t.Helper()
	dir := os.Getenv("TENANTRY_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "tenantry-artifacts")
	}
	dir = filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(c.t.Name()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		c.t.Fatalf("screenshot: %v", err)
	}
	png, err := chromedp.Run(c.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		c.t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		c.t.Fatalf("screenshot: %v", err)
	}
	return file
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

// waitFor waits until an element matching sel is in the page.
func (c *console) waitFor(sel string) {
	c.t.Helper()
	_, err := chromedp.Run(c.ctx, chromedp.Poll[bool](fmt.Sprintf(`!!document.querySelector(%q)`, sel), chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		c.t.Fatalf("console: no %s on page %s: %v %s", sel, c.page(), err, c.text("#main"))
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](c *console, js string) T {
	c.t.Helper()
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		c.t.Fatalf("console: evaluate %s: %v", js, err)
	}
	return got
}

// waitUntil waits until the JavaScript condition holds.
func (c *console) waitUntil(cond string) {
	c.t.Helper()
	if _, err := chromedp.Run(c.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		c.t.Fatalf("console: %s never held: %v (%s)", cond, err, c.text("#main"))
	}
}
