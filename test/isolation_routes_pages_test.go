package test

import "net/http"

// pageEntries cover the pages emailed links open: static, the same for
// every caller (credentials are not read), and nothing of B in them. The
// token in the query string is read by the page's script, not the server.
func pageEntries() map[string]entry {
	return map[string]entry{
		"GET /reset-password": {want: always(ok(http.StatusOK)), call: fixed(call{query: "token=prt_unknown"})},
		"GET /accept-invite":  {want: always(ok(http.StatusOK)), call: fixed(call{query: "token=ivt_unknown"})},
		"GET /pages/{file}":   {want: always(ok(http.StatusOK)), call: fixed(call{vals: map[string]string{"file": "page.js"}})},
	}
}
