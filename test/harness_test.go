package test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/paperidtest"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/redistest"
	"github.com/tenantry/tenantry/internal/server"
)

func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	redistest.Stop()
	os.Exit(code)
}

// The platform admin every test server is bootstrapped with, and the
// password the scenarios give the users they register.
const (
	adminEmail    = "root@platform.example.com"
	adminPassword = "Platform-Admin-Passw0rd"
	goodPassword  = "SecurePass123!"
)

// engines are the storage engines every scenario runs against.
var engines = []string{"sqlite", "postgres"}

// options tune a test server.
type options struct {
	rateLimit float64 // 0: high enough never to interfere
	smtp      string  // TENANTRY_SMTP_URL, e.g. a mailtest server's URL; "": the local mailbox

	databaseURL     string        // postgres: connect here (e.g. through a pgtest.Proxy) instead of a fresh database
	dbRead, dbWrite time.Duration // request budgets of database units; 0: the defaults
	debugLog        bool          // keep every log line, debug ones too (default: warnings and errors)
	stripe          config.Stripe // the platform's Stripe account (a stripe-mock); unset: no payment provider

	paperID string // a paperidtest server's URL: Paper.id configured with its credentials; "": not configured

	dataDir string // sqlite: this data folder (another process, or a restart, on the same database); "": a fresh one

	trustProxy bool   // TENANTRY_TRUST_PROXY: X-Forwarded-For names the client
	redisURL   string // TENANTRY_REDIS_URL (with redisPrefix): limits shared through this Redis; "": in memory
	redisPfx   string // TENANTRY_REDIS_PREFIX
	// redisWait is TENANTRY_REDIS_TIMEOUT; 0: the default (100 ms), which
	// a loaded machine can exceed — a test not about outages sets more.
	redisWait time.Duration
	compat    []string // TENANTRY_COMPAT: the seed surfaces served; nil: the default (all)

	pollsOff bool // the job worker and the signing-key watch poll once an hour: only broadcasts wake them

	// clock is the server's clock, shared by servers on one database as
	// the wall clock is by processes on one machine; nil: a fresh one.
	clock *testClock
	// webhookTimeout bounds a webhook delivery attempt; 0: the default.
	webhookTimeout time.Duration
}

// harness is one running server on one engine and a client for it.
type harness struct {
	engine string
	base   string
	cfg    config.Config
	client *http.Client
	srv    *server.Server // the server in process, for what has no endpoint (key rotation)
	clock  *testClock     // the server's clock; nil: the wall clock
	stop   func()         // stops serving HTTP, waiting for requests in flight (also done when the test ends)
	log    *syncBuffer    // the server's log (warnings and errors)

	adminOnce  sync.Once
	adminToken string
}

// forEachEngine runs fn in a parallel subtest per engine, each with its own
// freshly booted server.
func forEachEngine(t *testing.T, opt options, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			fn(t, boot(t, eng, opt))
		})
	}
}

// boot starts a real server on 127.0.0.1:0 on a fresh database of engine,
// with the platform admin bootstrapped, stopped when t ends. The server's log
// is shown when t fails.
func boot(t *testing.T, engine string, opt options) *harness {
	t.Helper()
	cfg, _, err := config.Load("test", nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.DataDir = t.TempDir()
	if opt.dataDir != "" {
		cfg.DataDir = opt.dataDir
	}
	if engine == "postgres" {
		cfg.DatabaseURL = opt.databaseURL
		if cfg.DatabaseURL == "" {
			cfg.DatabaseURL = pgtest.NewDatabase(t)
		}
	}
	if opt.dbRead > 0 {
		cfg.DBReadTimeout = opt.dbRead
	}
	if opt.dbWrite > 0 {
		cfg.DBWriteTimeout = opt.dbWrite
	}
	cfg.TrustProxy = opt.trustProxy
	if opt.redisURL != "" {
		cfg.RedisURL, cfg.RedisPrefix = opt.redisURL, opt.redisPfx
		if opt.redisWait > 0 {
			cfg.RedisTimeout = opt.redisWait
		}
	}
	cfg.RateLimit = 10000
	if opt.rateLimit > 0 {
		cfg.RateLimit = opt.rateLimit
	}
	cfg.BootstrapEmail, cfg.BootstrapPassword = adminEmail, adminPassword
	cfg.StorageAllowHTTP = true // the test S3 server and Azurite listen on loopback http
	// The tests' webhook receivers listen on loopback http (httptest).
	cfg.WebhooksAllowHTTPLoopback = true
	if opt.webhookTimeout > 0 {
		cfg.WebhooksTimeout = opt.webhookTimeout
	}
	cfg.SMTPURL = opt.smtp
	if opt.compat != nil {
		cfg.Compat = opt.compat
	}
	if opt.stripe.Configured() {
		cfg.Stripe = opt.stripe
	}
	if opt.paperID != "" {
		cfg.PaperID.URL, cfg.PaperID.ClientID, cfg.PaperID.ClientSecret = opt.paperID, paperidtest.ClientID, paperidtest.ClientSecret
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	cfg.Listening(ln.Addr().String()) // links in mail lead to this server

	logs := &syncBuffer{}
	level := slog.LevelWarn
	if opt.debugLog {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: level}))
	ctx, cancel := context.WithCancel(context.Background())
	clock := opt.clock
	if clock == nil {
		clock = newTestClock()
	}
	serverOpts := []server.Option{server.WithClock(clock.now)}
	if opt.pollsOff {
		serverOpts = append(serverOpts, server.WithPolls(time.Hour, time.Hour))
	}
	s, err := server.Open(ctx, cfg, log, serverOpts...)
	if err != nil {
		cancel()
		t.Fatalf("server.Open on %s: %v", engine, err)
	}
	if err := s.BootstrapAdmin(ctx, io.Discard); err != nil {
		cancel()
		_ = s.Close()
		t.Fatalf("bootstrap admin: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	stop := sync.OnceFunc(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	h := &harness{engine: engine, base: "http://" + ln.Addr().String(), cfg: cfg,
		client: &http.Client{Transport: tr, Timeout: 30 * time.Second, CheckRedirect: noRedirects}, srv: s, clock: clock, stop: stop, log: logs}
	t.Cleanup(func() {
		stop()
		tr.CloseIdleConnections()
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		if t.Failed() && logs.Len() > 0 {
			t.Logf("server log (%s):\n%s", engine, logs.String())
		}
	})
	return h
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// --- HTTP client -----------------------------------------------------------

// raw is a request body sent exactly as given (no JSON encoding).
type raw string

// req describes one request beyond its method and path.
type req struct {
	body   any               // nil, raw, or a value encoded as JSON
	token  string            // bearer token, if any
	header map[string]string // extra headers (override the defaults)
}

// response is an HTTP response with its body read.
type response struct {
	t      testing.TB
	method string
	path   string
	status int
	header http.Header
	body   []byte
}

// do sends one request and reads the whole response, a millisecond after
// the previous one on the server's clock.
func (h *harness) do(t testing.TB, method, path string, r req) *response {
	t.Helper()
	if h.clock != nil {
		h.clock.advance(time.Millisecond)
	}
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case raw:
		body = strings.NewReader(string(b))
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("encode request body: %v", err)
		}
		body = bytes.NewReader(enc)
	}
	hr, err := http.NewRequest(method, h.base+path, body)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if r.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	hr.Header.Set("Accept", "application/json")
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	res, err := h.client.Do(hr)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &response{t: t, method: method, path: path, status: res.StatusCode, header: res.Header, body: b}
}

// Shorthands for the common verbs with a JSON body and a bearer token.
func (h *harness) get(t testing.TB, path, token string) *response {
	t.Helper()
	return h.do(t, http.MethodGet, path, req{token: token})
}

func (h *harness) post(t testing.TB, path, token string, body any) *response {
	t.Helper()
	return h.do(t, http.MethodPost, path, req{token: token, body: body})
}

func (h *harness) put(t testing.TB, path, token string, body any) *response {
	t.Helper()
	return h.do(t, http.MethodPut, path, req{token: token, body: body})
}

func (h *harness) del(t testing.TB, path, token string) *response {
	t.Helper()
	return h.do(t, http.MethodDelete, path, req{token: token})
}

// expect fails the test unless the response has the given status.
func (r *response) expect(status int) *response {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("%s %s: status %d, want %d; body: %s", r.method, r.path, r.status, status, r.body)
	}
	return r
}

// obj decodes the body as a JSON object.
func (r *response) obj() obj {
	r.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		r.t.Fatalf("%s %s: body is not a JSON object: %v: %s", r.method, r.path, err, r.body)
	}
	return obj{t: r.t, m: m}
}

// list decodes the body as a JSON array of objects.
func (r *response) list() []obj {
	r.t.Helper()
	var ms []map[string]any
	if err := json.Unmarshal(r.body, &ms); err != nil {
		r.t.Fatalf("%s %s: body is not a JSON array of objects: %v: %s", r.method, r.path, err, r.body)
	}
	out := make([]obj, len(ms))
	for i, m := range ms {
		out[i] = obj{t: r.t, m: m}
	}
	return out
}

// problem checks that the response is an RFC 9457 problem with the given
// status and code, and returns it.
func (r *response) problem(status int, code string) obj {
	r.t.Helper()
	r.expect(status)
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		r.t.Errorf("%s %s: Content-Type %q, want application/problem+json", r.method, r.path, ct)
	}
	p := r.obj()
	for _, k := range []string{"type", "title", "detail", "code"} {
		if p.str(k) == "" {
			r.t.Errorf("%s %s: problem field %q is empty: %s", r.method, r.path, k, r.body)
		}
	}
	if got := p.num("status"); int(got) != status {
		r.t.Errorf("%s %s: problem status %v, want %d", r.method, r.path, got, status)
	}
	if got := p.str("code"); got != code {
		r.t.Fatalf("%s %s: problem code %q, want %q; body: %s", r.method, r.path, got, code, r.body)
	}
	return p
}

// total returns the X-Total-Count header as a number.
func (r *response) total() int {
	r.t.Helper()
	v := r.header.Get("X-Total-Count")
	var n int
	if _, err := fmt.Sscan(v, &n); err != nil {
		r.t.Fatalf("%s %s: X-Total-Count %q: %v", r.method, r.path, v, err)
	}
	return n
}

// --- JSON assertions -------------------------------------------------------

// obj is a decoded JSON object whose accessors fail the test when a field is
// missing or has the wrong JSON type, so field names are checked exactly.
type obj struct {
	t testing.TB
	m map[string]any
}

func (o obj) field(k string) (any, bool) {
	o.t.Helper()
	v, ok := o.m[k]
	if !ok {
		o.t.Errorf("field %q missing in %s", k, o)
	}
	return v, ok
}

func (o obj) String() string {
	b, _ := json.Marshal(o.m)
	return string(b)
}

// has reports whether the field is present (even when null).
func (o obj) has(k string) bool { _, ok := o.m[k]; return ok }

func (o obj) str(k string) string {
	o.t.Helper()
	v, ok := o.field(k)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		o.t.Errorf("field %q is %T (%v), want a string", k, v, v)
	}
	return s
}

func (o obj) num(k string) float64 {
	o.t.Helper()
	v, ok := o.field(k)
	if !ok {
		return 0
	}
	n, ok := v.(float64)
	if !ok {
		o.t.Errorf("field %q is %T (%v), want a number", k, v, v)
	}
	return n
}

func (o obj) boolean(k string) bool {
	o.t.Helper()
	v, ok := o.field(k)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		o.t.Errorf("field %q is %T (%v), want a boolean", k, v, v)
	}
	return b
}

// null checks that the field is present and null.
func (o obj) null(k string) {
	o.t.Helper()
	if v, ok := o.field(k); ok && v != nil {
		o.t.Errorf("field %q is %v, want null", k, v)
	}
}

func (o obj) sub(k string) obj {
	o.t.Helper()
	v, _ := o.field(k)
	m, ok := v.(map[string]any)
	if !ok {
		o.t.Fatalf("field %q is %T (%v), want an object", k, v, v)
	}
	return obj{t: o.t, m: m}
}

func (o obj) objs(k string) []obj {
	o.t.Helper()
	v, _ := o.field(k)
	a, ok := v.([]any)
	if !ok {
		o.t.Fatalf("field %q is %T (%v), want an array", k, v, v)
	}
	out := make([]obj, len(a))
	for i, x := range a {
		m, ok := x.(map[string]any)
		if !ok {
			o.t.Fatalf("field %q[%d] is %T, want an object", k, i, x)
		}
		out[i] = obj{t: o.t, m: m}
	}
	return out
}

func (o obj) strs(k string) []string {
	o.t.Helper()
	v, _ := o.field(k)
	a, ok := v.([]any)
	if !ok {
		o.t.Fatalf("field %q is %T (%v), want an array", k, v, v)
	}
	out := make([]string, len(a))
	for i, x := range a {
		s, ok := x.(string)
		if !ok {
			o.t.Fatalf("field %q[%d] is %T, want a string", k, i, x)
		}
		out[i] = s
	}
	return out
}

// eq fails the test unless the string field k equals want.
func (o obj) eq(k, want string) {
	o.t.Helper()
	if got := o.str(k); got != want {
		o.t.Errorf("field %q = %q, want %q", k, got, want)
	}
}

// fieldErrors returns a problem's errors list as field → code.
func (o obj) fieldErrors() map[string]string {
	o.t.Helper()
	out := map[string]string{}
	for _, e := range o.objs("errors") {
		out[e.str("field")] = e.str("code")
		if e.str("message") == "" {
			o.t.Errorf("error for field %q has no message", e.str("field"))
		}
	}
	return out
}

// fieldError returns the errors entry for field, failing when there is none.
func (o obj) fieldError(field string) obj {
	o.t.Helper()
	for _, e := range o.objs("errors") {
		if e.str("field") == field {
			return e
		}
	}
	o.t.Fatalf("no errors entry for field %q in %s", field, o)
	return obj{}
}

// --- JWT -------------------------------------------------------------------

// jwtParts splits a compact JWS into its decoded header and payload, the
// signing input and the signature.
func jwtParts(t testing.TB, tok string) (header, payload obj, signingInput string, sig []byte) {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q: %d parts, want 3", tok, len(parts))
	}
	dec := func(s string) obj {
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("token segment %q: %v", s, err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("token segment %s: %v", b, err)
		}
		return obj{t: t, m: m}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatalf("token signature: %v", err)
	}
	return dec(parts[0]), dec(parts[1]), parts[0] + "." + parts[1], sig
}

// claims returns a token's payload.
func claims(t testing.TB, tok string) obj {
	t.Helper()
	_, p, _, _ := jwtParts(t, tok)
	return p
}

// --- scenario helpers ------------------------------------------------------

// key turns a business name into a string usable in email addresses.
func key(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), "-"))
}

// registration is a valid public registration body for a business called name.
func registration(name string) map[string]any {
	k := key(name)
	return map[string]any{
		"business_name":    name,
		"business_email":   "contact@" + k + ".example.com",
		"business_type":    "spa",
		"description":      "Luxury spa and wellness center",
		"admin_first_name": "Maria",
		"admin_last_name":  "Rodriguez",
		"admin_email":      "owner@" + k + ".example.com",
		"admin_password":   goodPassword,
		"terms_accepted":   true,
		"privacy_accepted": true,
	}
}

// account is a registered business and its owner.
type account struct {
	email    string
	password string
	tenantID string
	slug     string
}

// register registers a business called name and returns its owner's account.
func (h *harness) register(t testing.TB, name string) account {
	t.Helper()
	body := registration(name)
	o := h.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated).obj()
	return account{email: body["admin_email"].(string), password: goodPassword, tenantID: o.str("tenant_id"), slug: o.str("slug")}
}

// login logs in and returns the 200 body.
func (h *harness) login(t testing.TB, email, password string) obj {
	t.Helper()
	return h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": password}).
		expect(http.StatusOK).obj()
}

// token logs in (globally) and returns the access token.
func (h *harness) token(t testing.TB, email, password string) string {
	t.Helper()
	return h.login(t, email, password).str("access_token")
}

// scoped logs in naming tenantID and returns the tenant-scoped access token.
func (h *harness) scoped(t testing.TB, email, password, tenantID string) string {
	t.Helper()
	return h.post(t, "/api/v1/auth/login", "", map[string]any{"email": email, "password": password, "tenant_id": tenantID}).
		expect(http.StatusOK).obj().str("access_token")
}

// admin returns an access token of the bootstrapped platform admin.
func (h *harness) admin(t testing.TB) string {
	t.Helper()
	h.adminOnce.Do(func() { h.adminToken = h.token(t, adminEmail, adminPassword) })
	if h.adminToken == "" {
		t.Fatal("no platform admin token")
	}
	return h.adminToken
}

// tenantCount returns how many tenants exist, as the platform admin sees it.
func (h *harness) tenantCount(t testing.TB) int {
	t.Helper()
	return h.get(t, "/api/v1/tenants?limit=1", h.admin(t)).expect(http.StatusOK).total()
}

// available asks whether slug is free.
func (h *harness) available(t testing.TB, slug string) bool {
	t.Helper()
	o := h.get(t, "/api/v1/tenants/check-availability?slug="+slug, "").expect(http.StatusOK).obj()
	o.eq("slug", slug)
	return o.boolean("available")
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// noRedirects keeps the harness's client on the answer the server sent:
// a test of a redirect (the old emailed links) sees the 308 and its
// Location, not the page it leads to.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
