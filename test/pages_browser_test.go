package test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tenantry/tenantry/internal/mailtest"
)

// chromiumInstall names what to install when no browser is found.
const chromiumInstall = "the browser tests need Chromium: Debian/Ubuntu `apt-get install chromium`, " +
	"Fedora `dnf install chromium`, macOS `brew install --cask chromium`; or set TENANTRY_TEST_CHROMIUM to a Chrome or Chromium binary"

// browser starts a headless Chromium for the test and returns a context
// with it, from which each journey opens its own tab. It fails, never
// skips, when no Chromium is installed.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("TENANTRY_TEST_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	if path == "" {
		t.Fatal("no Chromium found: " + chromiumInstall)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := chromedp.Do(bctx); err != nil { // starts the browser that the tabs share
		t.Fatalf("start %s: %v (%s)", path, err, chromiumInstall)
	}
	return bctx
}

// tab is one browser tab driving a journey, bounded by a deadline so that a
// broken page fails the test instead of hanging it.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return &tab{t: t, ctx: ctx}
}

// do runs browser actions, failing the test on an error.
func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %s: %v", what, err)
	}
}

// submit clicks the form's button and waits until the page shows the
// outcome of that submission (#status counts them in data-outcomes), and
// returns its kind (ok or error) and text.
func (b *tab) submit() (string, string) {
	b.t.Helper()
	before, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById('status').dataset.outcomes || '0'`))
	if err != nil {
		b.t.Fatalf("browser: read the status: %v", err)
	}
	b.do("submit", chromedp.Click(chromedp.ID("submit")))
	got, err := chromedp.Run(b.ctx, chromedp.Poll[[]string](fmt.Sprintf(
		`(() => { const s = document.getElementById('status'); return (s.dataset.outcomes || '0') !== %q ? [s.className, s.textContent] : null })()`, before),
		chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil || len(got) != 2 {
		b.t.Fatalf("browser: the page showed no outcome: %v %v", got, err)
	}
	return strings.TrimPrefix(got[0], "status "), got[1]
}

// fill types each value into the input with that id.
func (b *tab) fill(fields map[string]string) {
	b.t.Helper()
	for id, v := range fields {
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(document.getElementById(%q).value = '') === ''`, id))); err != nil {
			b.t.Fatalf("browser: empty #%s: %v", id, err)
		}
		b.do("type into #"+id, chromedp.SendKeys(chromedp.ID(id), v))
		if got, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID(id))); err != nil || got != v {
			b.t.Fatalf("browser: #%s holds %q after typing %q (%v)", id, got, v, err)
		}
	}
}

// emailedLink reads the first link to path in a delivered message.
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

// TestResetPasswordPage follows a reset email in a real browser: the link
// opens the page, the form sets the new password, the new password signs
// in and the old one no longer does; the used link then shows the API's
// problem detail.
func TestResetPasswordPage(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		email := h.newAccount(t, "reset-"+h.engine+"@browser.example.com")
		h.post(t, "/api/v1/auth/forgot-password", "", map[string]any{"email": email}).expect(http.StatusOK)
		link := emailedLink(t, nthMail(t, srv, email, "Reset", 1), h.base, "/reset-password")

		b := newTab(t, br)
		b.do("open the emailed link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("new_password")))
		if loc, err := chromedp.Run(b.ctx, chromedp.Location()); err != nil || strings.Contains(loc, "token=") {
			t.Errorf("the address bar keeps the token: %q %v", loc, err)
		}
		b.fill(map[string]string{"new_password": "Another-Horse-43", "repeat": "Another-Horse-44"})
		if kind, text := b.submit(); kind != "error" || !strings.Contains(text, "differ") {
			t.Errorf("different repeats: %s %q", kind, text)
		}
		b.fill(map[string]string{"new_password": "Another-Horse-43", "repeat": "Another-Horse-43"})
		if kind, text := b.submit(); kind != "ok" || !strings.Contains(text, "Your password is set") {
			t.Fatalf("reset: %s %q", kind, text)
		}
		h.login(t, email, "Another-Horse-43")
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": goodPassword}).problem(http.StatusUnauthorized, "invalid_credentials")

		again := newTab(t, br)
		again.do("open the used link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("new_password")))
		again.fill(map[string]string{"new_password": "Third-Horse-45", "repeat": "Third-Horse-45"})
		detail := h.post(t, "/api/v1/auth/reset-password", "", map[string]any{"token": "prt_used", "new_password": "Third-Horse-45"}).
			problem(http.StatusUnauthorized, "invalid_reset_token").str("detail")
		if kind, text := again.submit(); kind != "error" || text != detail {
			t.Errorf("a used link: %s %q, want the problem detail %q", kind, text, detail)
		}
	})
}

// TestAcceptInvitePage follows an invitation email in a real browser: the
// invitee without an account first leaves out the password and is told
// what is missing, then gives it and their name, and signs in to the
// tenant with the role of the invitation.
func TestAcceptInvitePage(t *testing.T) {
	br := browser(t)
	forEachEngineSMTP(t, nil, func(t *testing.T, h *harness, srv *mailtest.Server) {
		tm := h.newTeam(t, "Browser Invite Spa "+h.engine)
		email := "nina-" + h.engine + "@browser.example.com"
		h.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": email, "role": "receptionist"}).expect(http.StatusCreated)
		link := emailedLink(t, nthMail(t, srv, email, "", 1), h.base, "/accept-invite")

		b := newTab(t, br)
		b.do("open the emailed link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.ID("password")))
		b.fill(map[string]string{"first_name": "Nina", "last_name": "Cruz"})
		if kind, text := b.submit(); kind != "error" || !strings.Contains(text, "password") {
			t.Errorf("no password for a new account: %s %q", kind, text)
		}
		b.fill(map[string]string{"password": "Correct-Horse-42"})
		if kind, text := b.submit(); kind != "ok" || !strings.Contains(text, "joined as receptionist") || !strings.Contains(text, email) {
			t.Fatalf("accept: %s %q", kind, text)
		}
		tok := h.scoped(t, email, "Correct-Horse-42", tm.tenantID)
		claims(t, tok).eq("role", "receptionist")
	})
}
