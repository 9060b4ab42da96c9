// Package api is Tenantry's HTTP interface: one route table (which also
// generates the OpenAPI document), thin handlers that decode, call the app
// and encode, the only mapping from error kinds to HTTP statuses, and the
// middleware every request passes through.
package api

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/membership"
)

// Access says what credentials a route needs.
type Access int

// Route access levels.
const (
	Public        Access = iota // no credentials; rate-limited per IP
	Authenticated               // a valid access token; rate-limited per user
	Operations                  // probes and metrics: no credentials, no rate limit
	// Optional takes a bearer token or an API key when one is sent (and
	// refuses bad ones), else serves the anonymous caller; rate-limited per
	// caller, or per IP when anonymous.
	Optional
	// Webhook is a signed callback of a provider (Stripe): no bearer token
	// or API key, no rate limit; the handler verifies the request's
	// signature before anything else.
	Webhook
)

// Param is a query parameter of a route.
type Param struct {
	Name        string
	Type        string // "string" or "integer"
	Description string
}

// Route is one entry of the route table.
type Route struct {
	Method  string
	Path    string
	Summary string
	Tag     string
	Access  Access
	// Action is the permission-table action the use case checks for this
	// route, or "" when any caller with the route's access may call it.
	Action       membership.Action
	Body         any    // request body type, or nil
	OptionalBody bool   // the body may be omitted
	BodyType     string // the request media type when not JSON, e.g. multipart/form-data
	Reply        any    // response body type, or nil for 204
	Status       int    // success status
	TotalCount   bool   // the response carries an X-Total-Count header
	NextCursor   bool   // the response carries an X-Next-Cursor header (keyset paging)
	Query        []Param
	// ContentType is the success media type when not JSON.
	ContentType string
	// Compat names the seed whose surface the route belongs to (trueport,
	// pers, supertokens: docs/compat-*.md), "" for the native API; Native
	// is then the native route it stands for ("METHOD path").
	Compat string
	Native string
	handle func(w http.ResponseWriter, r *http.Request, p *auth.Principal) error
}

// Options tune a Server.
type Options struct {
	RateLimit  float64 // requests per second per authenticated user; public endpoints get 30% per IP. 0 disables.
	TrustProxy bool    // take the client address from X-Forwarded-For
	// Limits keeps the rate limits' state, default an in-memory store of
	// this process; Now is their clock, default time.Now.
	Limits limit.Store
	Now    func() time.Time
	// RedisUp reports whether Limits is shared through Redis right now;
	// nil without Redis. /readyz shows it, and does not depend on it.
	RedisUp func() bool
	// Compat names the seed surfaces to serve (routes whose Compat is one
	// of them); the native routes are always served.
	Compat []string
}

// Server serves the API.
type Server struct {
	app     *app.App
	log     *slog.Logger
	opt     Options
	reg     *prometheus.Registry
	metrics *metrics
	users   *limiters
	ips     *limiters
	routes  []Route
	handler http.Handler
	openapi func() ([]byte, error) // the OpenAPI document, generated once
	// inFlight counts the requests being served (observe).
	inFlight atomic.Int64
}

// InFlight reports how many requests are being served right now.
func (s *Server) InFlight() int64 { return s.inFlight.Load() }

// New returns a Server for a, registering its metrics in reg.
func New(a *app.App, log *slog.Logger, reg *prometheus.Registry, opt Options) *Server {
	users, ips := rateLimits(opt)
	s := &Server{app: a, log: log, opt: opt, reg: reg, metrics: newMetrics(reg), users: users, ips: ips}
	s.routes = s.table()
	s.openapi = sync.OnceValues(s.OpenAPIDocument)
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Path, s.wrap(rt))
	}
	s.handler = s.observe(unmatched(mux, log))
	return s
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns the route table.
func (s *Server) Routes() []Route { return s.routes }

// wrap applies a route's access rule and rate limit, then runs its handler
// and renders any error as a problem.
func (s *Server) wrap(rt Route) http.Handler {
	params := wildcards(rt.Path)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := infoOf(r.Context())
		info.route = rt.Path
		ip := s.clientIP(r)
		ctx := app.WithMeta(r.Context(), app.Meta{IP: ip, UserAgent: cleanHeader(r.UserAgent()), RequestID: info.id})
		r = r.WithContext(ctx)
		var p *auth.Principal
		switch rt.Access {
		case Public:
			if err := s.ips.allow(ctx, ip); err != nil {
				writeProblem(w, r, s.log, err)
				return
			}
		case Authenticated, Optional:
			var err error
			if p, err = s.credentials(ctx, r, rt, ip); err != nil { // credentials.go: bearer token or X-API-Key
				writeProblem(w, r, s.log, err)
				return
			}
			if p != nil {
				info.userID, info.tenantID, info.apiKey = callerID(p), p.TenantID, p.IsAPIKey()
				err = s.allowCaller(ctx, p) // ratelimit.go: the tenant's rate, or the server's
			} else {
				err = s.ips.allow(ctx, ip) // an anonymous caller of an Optional route
			}
			if err != nil {
				writeProblem(w, r, s.log, err)
				return
			}
			if err := s.app.RequestQuota(ctx, p); err != nil { // an API key past api_requests_per_month
				writeProblem(w, r, s.log, err)
				return
			}
		}
		if err := checkParamText(r, params); err != nil { // decode_params.go; bodies: decode.go
			writeProblem(w, r, s.log, err)
			return
		}
		if err := rt.handle(w, r, p); err != nil {
			writeProblem(w, r, s.log, s.authorizeFirst(r, rt, p, err))
		}
	})
}

// bearer extracts a bearer token from the Authorization header.
func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", false
	}
	return strings.TrimSpace(tok), true
}

// unmatched answers requests no route matches (404, or 405 with Allow) with
// a problem instead of the mux's plain text.
func unmatched(mux *http.ServeMux, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &codeOnly{header: http.Header{}}
		mux.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		if rec.code == http.StatusMethodNotAllowed {
			renderProblem(w, r, http.StatusMethodNotAllowed, errs.E(errs.Malformed, "method_not_allowed", "This path does not accept "+r.Method+"."), nil)
			return
		}
		writeProblem(w, r, log, errs.E(errs.NotFound, "route_not_found", "No such endpoint."))
	})
}

// codeOnly records the status a handler writes and discards the body.
type codeOnly struct {
	header http.Header
	code   int
}

func (c *codeOnly) Header() http.Header         { return c.header }
func (c *codeOnly) Write(b []byte) (int, error) { return len(b), nil }
func (c *codeOnly) WriteHeader(code int)        { c.code = code }
