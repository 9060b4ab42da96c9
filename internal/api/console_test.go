//go:build !noconsole

package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// serveConsole runs the console's file handler for a path under /console/.
func serveConsole(t *testing.T, rest string) (*httptest.ResponseRecorder, error) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/console/"+rest, nil)
	r.SetPathValue("path", rest)
	w := httptest.NewRecorder()
	return w, (&Server{}).consoleFile(w, r, nil)
}

// TestConsoleFiles: every address without an extension is the console's
// page (so its addresses reload), files are served by kind under the strict
// CSP, and anything else is not found.
func TestConsoleFiles(t *testing.T) {
	for _, rest := range []string{"", "outlets", "outlets/out_123", "t/acme"} {
		w, err := serveConsole(t, rest)
		if err != nil || !strings.Contains(w.Body.String(), `<script type="module" src="/console/js/main.js">`) {
			t.Errorf("/console/%s: %v %.80q", rest, err, w.Body.String())
		}
		if got := w.Header().Get("Content-Security-Policy"); got != consoleCSP || strings.Contains(got, "unsafe") {
			t.Errorf("/console/%s: CSP %q", rest, got)
		}
	}
	w, err := serveConsole(t, "js/api.js")
	if err != nil || w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(w.Body.String(), "export async function api") {
		t.Errorf("js/api.js: %v %q", err, w.Header().Get("Content-Type"))
	}
	for _, rest := range []string{"js/nothing.js", "../internal/api/console.go", "js/api.js.map", "web/index.html"} {
		if _, err := serveConsole(t, rest); !errs.Is(err, errs.NotFound) {
			t.Errorf("/console/%s: %v, want not found", rest, err)
		}
	}
}
