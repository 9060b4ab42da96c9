package test

import (
	"net/http"
	"testing"
)

// pageEntries cover the addresses older emailed links lead to: the same
// redirect to the console's page for every caller (credentials are not
// read), the query kept and nothing of B in it.
func pageEntries() map[string]entry {
	redirect := func(to string) func(*testing.T, *matrix, *caller, target, *response) {
		return func(t *testing.T, _ *matrix, _ *caller, _ target, r *response) {
			if got := r.header.Get("Location"); got != to {
				t.Errorf("Location %q, want %q", got, to)
			}
		}
	}
	return map[string]entry{
		"GET /reset-password": {want: always(ok(http.StatusPermanentRedirect)), call: fixed(call{query: "token=prt_unknown"}),
			check: redirect("/console/reset-password?token=prt_unknown")},
		"GET /accept-invite": {want: always(ok(http.StatusPermanentRedirect)), call: fixed(call{query: "token=ivt_unknown"}),
			check: redirect("/console/accept-invite?token=ivt_unknown")},
	}
}
