package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// reqInfo is filled in as a request is handled, for its log line and metrics.
type reqInfo struct {
	id         string
	route      string
	userID     string
	tenantID   string
	apiKey     bool // the caller is an API key of tenantID
	clientGone bool // the client went away before an error could be answered
}

type infoKey struct{}

func infoOf(ctx context.Context) *reqInfo {
	if i, ok := ctx.Value(infoKey{}).(*reqInfo); ok {
		return i
	}
	return &reqInfo{}
}

func requestID(ctx context.Context) string { return infoOf(ctx).id }

// validRequestID accepts a caller's X-Request-ID only when short and plain.
func validRequestID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:", c)) {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// securityHeaders are sent on every response (OWASP Secure Headers).
func securityHeaders(h http.Header, docs bool) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), microphone=(), payment=(), usb=()")
	h.Set("X-Permitted-Cross-Domain-Policies", "none")
	if docs {
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("Cache-Control", "no-cache")
		return
	}
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("Cache-Control", "no-store")
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.code, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// metrics are the server's Prometheus collectors.
type metrics struct {
	requests    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	keyFailures *prometheus.CounterVec // refused API keys by error code (each request is not audited)
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tenantry_http_requests_total", Help: "HTTP requests by method, route and status.",
		}, []string{"method", "route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tenantry_http_request_duration_seconds", Help: "HTTP request latency by method and route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"method", "route"}),
	}
	m.keyFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tenantry_api_key_failures_total", Help: "Requests refused for their X-API-Key, by error code.",
	}, []string{"code"})
	reg.MustRegister(m.requests, m.duration, m.keyFailures)
	return m
}

// observe wraps the whole server: request id, security headers, panic
// recovery, metrics and one structured log line per request.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{id: r.Header.Get("X-Request-ID")}
		if !validRequestID(info.id) {
			info.id = newRequestID()
		}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
		securityHeaders(w.Header(), r.URL.Path == "/docs" || strings.HasPrefix(r.URL.Path, "/docs/"))
		w.Header().Set("X-Request-ID", info.id)
		sw := &statusWriter{ResponseWriter: w}
		s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "panic", fmt.Sprint(v), "request_id", info.id)
				if !sw.wrote {
					writeProblem(sw, r, s.log, fmt.Errorf("panic: %v", v))
				}
			}
			route := info.route
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			code := sw.code
			if info.clientGone || !sw.wrote && clientGone(r) {
				code = statusClientClosed
			}
			s.app.CountRequest(info.tenantID, info.apiKey, code) // request metering: app/metering.go
			s.metrics.requests.WithLabelValues(r.Method, route, fmt.Sprint(code)).Inc()
			s.metrics.duration.WithLabelValues(r.Method, route).Observe(elapsed.Seconds())
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("request_id", info.id), slog.String("method", r.Method), slog.String("route", route),
				slog.Int("status", code), slog.Duration("duration", elapsed),
				slog.String("tenant_id", info.tenantID), slog.String("user_id", info.userID))
		}()
		next.ServeHTTP(sw, r)
	})
}

// clientIP is the caller's address: the connection's, or with TrustProxy the
// first X-Forwarded-For entry.
func (s *Server) clientIP(r *http.Request) string {
	if s.opt.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(first)); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
