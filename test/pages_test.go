package test

import (
	"net/http"
	"strings"
	"testing"
)

// TestOldEmailLinks: the addresses of links in emails sent before the
// console took over (/reset-password, /accept-invite) answer 308 to the
// console's page with the query kept, cached nowhere and with no referrer;
// the console serves that page.
func TestOldEmailLinks(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		for old, to := range map[string]string{
			"/reset-password?token=prt_x%2By": "/console/reset-password?token=prt_x%2By",
			"/accept-invite?token=ivt_x":      "/console/accept-invite?token=ivt_x",
		} {
			r := h.get(t, old, "").expect(http.StatusPermanentRedirect)
			for k, want := range map[string]string{"Location": to, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"} {
				if got := r.header.Get(k); got != want {
					t.Errorf("%s: %s %q, want %q", old, k, got, want)
				}
			}
			page := h.get(t, to, "").expect(http.StatusOK)
			if ct := page.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(page.body), "/console/js/main.js") {
				t.Errorf("%s: the console does not serve its page (%s)", to, ct)
			}
		}
	})
}
