package test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/api"
)

// TestPagesSelfContained: the pages emailed links open are served with a
// strict CSP (only this origin's script and stylesheet, requests only to
// this origin, the form sent by script, no framing), cached nowhere, load
// nothing from elsewhere and run no inline code; their script posts to the
// API routes it names.
func TestPagesSelfContained(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		attr := regexp.MustCompile(`\s(?:src|href)="([^"]*)"`)
		for _, page := range []string{"/reset-password?token=prt_x", "/accept-invite?token=ivt_x"} {
			r := h.get(t, page, "").expect(http.StatusOK)
			if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", page, ct)
			}
			csp := r.header.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
				"frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("%s: CSP %q lacks %q", page, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe") {
				t.Errorf("%s: CSP %q allows unsafe sources", page, csp)
			}
			for k, want := range map[string]string{"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
				if got := r.header.Get(k); got != want {
					t.Errorf("%s: %s %q, want %q", page, k, got, want)
				}
			}
			body := string(r.body)
			if regexp.MustCompile(`<script>|<style|\sstyle="|\son[a-z]+=`).MatchString(body) {
				t.Errorf("%s: inline script or style in the page", page)
			}
			for _, m := range attr.FindAllStringSubmatch(body, -1) {
				ref := m[1]
				if ref == "data:," {
					continue
				}
				if !strings.HasPrefix(ref, "/pages/") {
					t.Errorf("%s: refers to %q, outside this server's /pages/", page, ref)
					continue
				}
				asset := h.get(t, ref, "").expect(http.StatusOK)
				if !strings.Contains(asset.header.Get("Content-Security-Policy"), "default-src 'none'") {
					t.Errorf("%s: served without the pages' CSP", ref)
				}
			}
		}
		js := string(h.get(t, "/pages/page.js", "").expect(http.StatusOK).body)
		if regexp.MustCompile(`https?://|eval\(|innerHTML`).MatchString(js) {
			t.Error("page.js reaches another origin, evaluates code or writes HTML")
		}
		for _, path := range []string{"/api/v1/auth/reset-password", "/api/v1/invites/accept"} {
			if !strings.Contains(js, "'"+path+"'") {
				t.Errorf("page.js does not post to %s", path)
			}
			if !slices.ContainsFunc(h.srv.API.Routes(), func(rt api.Route) bool { return rt.Method == "POST" && rt.Path == path && rt.Access == api.Public }) {
				t.Errorf("page.js posts to %s, which the route table lacks as a public route", path)
			}
		}
		for _, path := range []string{"/pages/reset-password.html", "/pages/nope.js", "/pages/page.exe", "/pages/..%2fdocs.go"} {
			h.get(t, path, "").problem(http.StatusNotFound, "not_found")
		}
	})
}
