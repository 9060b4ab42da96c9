package test

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
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

// tab is one browser tab driving a journey (openConsole bounds it by a
// deadline, so that a broken page fails the test instead of hanging it).
type tab struct {
	t   *testing.T
	ctx context.Context
}

// do runs browser actions, failing the test on an error.
func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("browser: %s: %v", what, err)
	}
}
