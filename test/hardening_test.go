package test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// checkSecurityHeaders checks the OWASP headers every response carries.
func checkSecurityHeaders(t *testing.T, r *response) {
	t.Helper()
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
	}
	for k, v := range want {
		if got := r.header.Get(k); got != v {
			t.Errorf("%s %s: %s = %q, want %q", r.method, r.path, k, got, v)
		}
	}
	if got := r.header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("%s %s: Strict-Transport-Security %q", r.method, r.path, got)
	}
	if got := r.header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'none'") || !strings.Contains(got, "frame-ancestors 'none'") {
		t.Errorf("%s %s: Content-Security-Policy %q", r.method, r.path, got)
	}
	if r.header.Get("X-Request-ID") == "" {
		t.Errorf("%s %s: no X-Request-ID", r.method, r.path)
	}
}

// logoutOne opens a second session and ends just that one.
func logoutOne(t *testing.T, h *harness, acc account) *response {
	o := h.login(t, acc.email, acc.password)
	return h.do(t, http.MethodPost, "/api/v1/auth/logout", req{token: o.str("access_token"),
		body: map[string]any{"refresh_token": o.str("refresh_token")}}).expect(http.StatusNoContent)
}

func TestHardening(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Hardened Spa")
		login := h.login(t, acc.email, acc.password)
		tok := login.str("access_token")

		t.Run("security headers on every response", func(t *testing.T) {
			api := []*response{
				h.get(t, "/api/v1/tenants", tok).expect(http.StatusOK),
				h.get(t, "/api/v1/tenants/"+acc.tenantID, tok).expect(http.StatusOK),
				h.get(t, "/api/v1/tenants/check-availability?slug=abc", "").expect(http.StatusOK),
				h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "x@example.com"}).expect(http.StatusUnprocessableEntity),
				h.get(t, "/api/v1/tenants", "").expect(http.StatusUnauthorized),
				h.get(t, "/api/v1/tenants/ten_nope", tok).expect(http.StatusNotFound),
				h.get(t, "/api/v1/no-such-route", "").expect(http.StatusNotFound),
				h.del(t, "/api/v1/auth/login", "").expect(http.StatusMethodNotAllowed),
				h.post(t, "/api/v1/auth/refresh", "", map[string]any{"refresh_token": login.str("refresh_token")}).expect(http.StatusOK),
				logoutOne(t, h, acc),
			}
			for _, r := range api {
				checkSecurityHeaders(t, r)
				if got := r.header.Get("Cache-Control"); got != "no-store" {
					t.Errorf("%s %s: Cache-Control %q, want no-store", r.method, r.path, got)
				}
			}
			for _, path := range []string{"/healthz", "/readyz", "/metrics", "/.well-known/jwks.json"} {
				checkSecurityHeaders(t, h.get(t, path, "").expect(http.StatusOK))
			}
		})

		t.Run("every error is a problem document", func(t *testing.T) {
			// problem() checks Content-Type application/problem+json and type,
			// title, status, detail and code.
			p := h.get(t, "/api/v1/tenants/ten_nope", tok).problem(http.StatusNotFound, "tenant_not_found")
			if !strings.HasPrefix(p.str("type"), "urn:") && !strings.HasPrefix(p.str("type"), "http") {
				t.Errorf("type %q is not a URI", p.str("type"))
			}
			p.eq("title", "Not Found")
			p.eq("instance", "/api/v1/tenants/ten_nope")
			if p.str("request_id") == "" {
				t.Error("problem without request_id")
			}
		})

		t.Run("body over 1 MiB", func(t *testing.T) {
			big := `{"business_name":"` + strings.Repeat("x", 3<<19) + `"}`
			h.post(t, "/api/v1/public/register", "", raw(big)).problem(http.StatusRequestEntityTooLarge, "body_too_large")
			// The server still answers afterwards.
			h.get(t, "/healthz", "").expect(http.StatusOK)
		})

		t.Run("malformed JSON", func(t *testing.T) {
			for _, body := range []string{`{"email": `, `{"email" "x"}`, `[1,2]`, `{} {}`, `"just a string"`, `{"email":"a@b.c",}`} {
				h.post(t, "/api/v1/auth/login", "", raw(body)).problem(http.StatusBadRequest, "malformed_json")
			}
			h.post(t, "/api/v1/auth/login", "", raw("")).problem(http.StatusBadRequest, "empty_body")
			p := h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "a@b.c", "password": "x", "is_admin": true}).
				problem(http.StatusBadRequest, "unknown_field")
			p.fieldError("is_admin").eq("code", "unknown_field")
			h.post(t, "/api/v1/auth/login", "", map[string]any{"email": 5, "password": "x"}).
				problem(http.StatusUnprocessableEntity, "validation_failed").fieldError("email").eq("code", "invalid_type")
		})

		t.Run("wrong content type", func(t *testing.T) {
			body := `{"email":"` + acc.email + `","password":"` + acc.password + `"}`
			for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "nonsense"} {
				h.do(t, http.MethodPost, "/api/v1/auth/login", req{body: raw(body), header: map[string]string{"Content-Type": ct}}).
					problem(http.StatusBadRequest, "unsupported_media_type")
			}
			// application/json with a charset is fine.
			h.do(t, http.MethodPost, "/api/v1/auth/login", req{body: raw(body), header: map[string]string{"Content-Type": "application/json; charset=utf-8"}}).
				expect(http.StatusOK)
		})

		t.Run("unknown route", func(t *testing.T) {
			for _, path := range []string{"/api/v1/nope", "/", "/api/v2/tenants", "/api/v1/tenants/x/y/z"} {
				p := h.get(t, path, tok).problem(http.StatusNotFound, "route_not_found")
				p.eq("instance", path)
			}
		})

		t.Run("wrong method", func(t *testing.T) {
			cases := []struct{ method, path, allow string }{
				{http.MethodDelete, "/api/v1/auth/login", "POST"},
				{http.MethodGet, "/api/v1/public/register", "POST"},
				{http.MethodPost, "/healthz", "GET, HEAD"},
				{http.MethodPatch, "/api/v1/tenants/" + acc.tenantID, "DELETE, GET, HEAD, PUT"},
			}
			for _, c := range cases {
				r := h.do(t, c.method, c.path, req{token: tok})
				r.problem(http.StatusMethodNotAllowed, "method_not_allowed")
				if got := r.header.Get("Allow"); got != c.allow {
					t.Errorf("%s %s: Allow %q, want %q", c.method, c.path, got, c.allow)
				}
			}
		})

		t.Run("request id", func(t *testing.T) {
			r := h.do(t, http.MethodGet, "/api/v1/tenants/ten_nope", req{token: tok, header: map[string]string{"X-Request-ID": "client-req-42.a_b:c"}})
			if got := r.header.Get("X-Request-ID"); got != "client-req-42.a_b:c" {
				t.Errorf("X-Request-ID %q, want the client's", got)
			}
			r.problem(http.StatusNotFound, "tenant_not_found").eq("request_id", "client-req-42.a_b:c")
			for _, bad := range []string{"has spaces in it", "<script>", strings.Repeat("a", 129)} {
				r := h.do(t, http.MethodGet, "/healthz", req{header: map[string]string{"X-Request-ID": bad}}).expect(http.StatusOK)
				if got := r.header.Get("X-Request-ID"); got == bad || got == "" {
					t.Errorf("invalid X-Request-ID %q answered with %q, want a fresh one", bad, got)
				}
			}
			a := h.get(t, "/healthz", "").header.Get("X-Request-ID")
			b := h.get(t, "/healthz", "").header.Get("X-Request-ID")
			if a == "" || a == b {
				t.Errorf("generated request ids %q and %q, want distinct", a, b)
			}
		})

		t.Run("bearer scheme", func(t *testing.T) {
			h.do(t, http.MethodGet, "/api/v1/tenants", req{header: map[string]string{"Authorization": "Basic " + tok}}).
				problem(http.StatusUnauthorized, "missing_token")
			h.do(t, http.MethodGet, "/api/v1/tenants", req{header: map[string]string{"Authorization": "bearer " + tok}}).expect(http.StatusOK)
		})
	})
}

func TestPublicRateLimit(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{rateLimit: 10}, func(t *testing.T, h *harness) {
		// Public endpoints get 30% of 10/s per IP: 3/s with a burst of 6. The
		// requests are a millisecond apart on the server's clock, so the
		// seventh finds the bucket empty.
		for n := 1; n <= 6; n++ {
			h.get(t, "/api/v1/tenants/check-availability?slug=x"+strconv.Itoa(n), "").expect(http.StatusOK)
		}
		limited := h.get(t, "/api/v1/tenants/check-availability?slug=x7", "")
		limited.problem(http.StatusTooManyRequests, "rate_limited")
		if ra := limited.header.Get("Retry-After"); ra != "1" {
			t.Errorf("Retry-After %q, want 1 (a third of a second, rounded up)", ra)
		}
		checkSecurityHeaders(t, limited)
		// Other public endpoints share the per-IP budget; probes are never limited.
		h.post(t, "/api/v1/auth/login", "", map[string]any{"email": "a@b.c", "password": "x"}).problem(http.StatusTooManyRequests, "rate_limited")
		for range 10 {
			h.get(t, "/healthz", "").expect(http.StatusOK)
		}
		// A third of a second later on the server's clock there is a token
		// again, for one request.
		h.clock.advance(time.Second / 3)
		h.get(t, "/api/v1/tenants/check-availability?slug=x8", "").expect(http.StatusOK)
		h.get(t, "/api/v1/tenants/check-availability?slug=x9", "").problem(http.StatusTooManyRequests, "rate_limited")
	})
}

func TestOperations(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		r := h.get(t, "/healthz", "").expect(http.StatusOK)
		if got := strings.TrimSpace(string(r.body)); got != `{"status":"ok"}` {
			t.Errorf("/healthz body %s", got)
		}
		ready := h.get(t, "/readyz", "").expect(http.StatusOK).obj()
		ready.eq("status", "ok")
		ready.eq("database", h.engine)

		m := h.get(t, "/metrics", "").expect(http.StatusOK)
		if ct := m.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("/metrics Content-Type %q", ct)
		}
		body := string(m.body)
		for _, want := range []string{
			"# TYPE tenantry_http_requests_total counter",
			`tenantry_http_requests_total{code="200",method="GET",route="/healthz"} 1`,
			`tenantry_http_requests_total{code="200",method="GET",route="/readyz"} 1`,
			"tenantry_http_request_duration_seconds_bucket",
			"go_goroutines",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %q", want)
			}
		}
	})
}
