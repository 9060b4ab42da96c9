package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

// options are the run's settings, from the flags.
type options struct {
	Duration    time.Duration // measured time of each scenario and each baseline
	Warmup      time.Duration // unmeasured load before each measurement
	Concurrency int           // workers of the HTTP read scenario
	MeteringOff bool          // also run GET tenant with metering on and, on a second server, off, alternating
	StatsOnly   bool          // run only the tenant statistics scenario (stats.go)
	Quick       bool          // run only the per-request scenarios: GET tenant, refresh, OTP verify, outlets page, API key GET
}

// Result is one scenario on one engine, measured beside its baseline.
type Result struct {
	Engine   string
	Scenario string
	Baseline string // what the baseline does
	Real     Stats
	Base     Stats
}

// benchEngine starts the real server on e, seeds it through the API and
// measures every scenario with its baseline. It cleans up after itself
// (server, database, temporary folder) and returns what it measured even
// when a later step fails.
func benchEngine(ctx context.Context, e engine, opt options, hc *http.Client, progress io.Writer) (results []Result, err error) {
	dir, err := os.MkdirTemp("", "tenantry-bench-")
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	databaseURL := ""
	if e.AdminURL != "" {
		var drop func() error
		if databaseURL, drop, err = createDatabase(ctx, e.AdminURL); err != nil {
			return nil, err
		}
		defer func() { err = errors.Join(err, drop()) }()
	}
	fmt.Fprintf(progress, "%s: starting the server\n", e.Name)
	srv, err := startServer(ctx, dir, databaseURL)
	if err != nil {
		return nil, err
	}
	defer func() {
		hc.CloseIdleConnections()
		err = errors.Join(err, srv.Close())
	}()
	if opt.StatsOnly {
		stats, err := benchTenantStats(ctx, e, opt, hc, srv, progress)
		if err != nil {
			return nil, fmt.Errorf("GET tenant stats: %w", err)
		}
		return []Result{stats}, nil
	}
	acct, err := seed(ctx, hc, srv.URL)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	get, err := benchGet(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return nil, fmt.Errorf("GET tenant: %w", err)
	}
	if opt.MeteringOff && !opt.Quick {
		pair, err := benchGetMetering(ctx, e, opt, hc, srv, dir, databaseURL, acct, progress)
		if err != nil {
			return []Result{get}, fmt.Errorf("GET tenant, metering on and off: %w", err)
		}
		results = append(results, pair...)
	}
	if opt.Quick {
		return benchQuick(ctx, e, opt, hc, srv, acct, get, progress)
	}
	login, err := benchLogin(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return append([]Result{get}, results...), fmt.Errorf("login: %w", err)
	}
	refresh, err := benchRefresh(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return []Result{get, login}, fmt.Errorf("refresh: %w", err)
	}
	otp, err := benchOTP(ctx, e, opt, hc, srv, progress)
	if err != nil {
		return []Result{get, login, refresh}, fmt.Errorf("OTP verify: %w", err)
	}
	outlets, err := benchOutletList(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return []Result{get, login, refresh, otp}, fmt.Errorf("GET outlets: %w", err)
	}
	key, err := benchAPIKey(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return []Result{get, login, refresh, otp, outlets}, fmt.Errorf("API key GET tenants/me: %w", err)
	}
	usage, err := benchUsage(ctx, e, opt, hc, srv, acct, progress)
	if err != nil {
		return []Result{get, login, refresh, otp, outlets, key}, fmt.Errorf("GET usage: %w", err)
	}
	refusal, err := benchOutletRefusal(ctx, e, opt, hc, srv, progress)
	if err != nil {
		return []Result{get, login, refresh, otp, outlets, key, usage}, fmt.Errorf("POST outlet at limit: %w", err)
	}
	results = append(append([]Result{get}, results...), login, refresh, otp, outlets, key, usage, refusal)
	stats, err := benchTenantStats(ctx, e, opt, hc, srv, progress) // stats.go; a tenant of its own, 1M appointments
	if err != nil {
		return results, fmt.Errorf("GET tenant stats: %w", err)
	}
	results = append(results, stats)
	admin, err := benchAdminTenants(ctx, e, opt, hc, srv, progress) // admin.go; last, as it adds 100k tenants
	if err != nil {
		return results, fmt.Errorf("GET admin tenants: %w", err)
	}
	return append(results, admin...), nil
}

// benchQuick measures, after GET tenant, only the other per-request
// scenarios (refresh, OTP verify, the outlets page, the API key GET): the
// -quick run, for comparing a change to the store in a minute or two.
func benchQuick(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, get Result, progress io.Writer) ([]Result, error) {
	results := []Result{get}
	steps := []struct {
		name string
		run  func() (Result, error)
	}{
		{"refresh", func() (Result, error) { return benchRefresh(ctx, e, opt, hc, srv, a, progress) }},
		{"OTP verify", func() (Result, error) { return benchOTP(ctx, e, opt, hc, srv, progress) }},
		{"GET outlets", func() (Result, error) { return benchOutletList(ctx, e, opt, hc, srv, a, progress) }},
		{"API key GET tenants/me", func() (Result, error) { return benchAPIKey(ctx, e, opt, hc, srv, a, progress) }},
	}
	for _, s := range steps {
		r, err := s.run()
		if err != nil {
			return results, fmt.Errorf("%s: %w", s.name, err)
		}
		results = append(results, r)
	}
	return results, nil
}

// benchGet measures an authenticated GET of the seeded tenant, then the bare
// server answering the same bytes after the same token check.
func benchGet(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (Result, error) {
	return benchBearerGet(ctx, e, opt, hc, srv, a.Token, "/api/v1/tenants/"+a.TenantID, "GET tenant", "", progress)
}

// benchBearerGet measures GET path with a bearer token at the configured
// concurrency, then a bare server that checks the same token the same way
// and answers the same bytes. note adds to the baseline's description.
func benchBearerGet(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, token, path, scenario, note string,
	progress io.Writer) (r Result, err error) {
	contentType, body, err := capture(ctx, hc, srv.URL+path, token)
	if err != nil {
		return r, err
	}
	bare, err := startBare(srv.App.Tokens(), contentType, body)
	if err != nil {
		return r, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	get := func(base string) op {
		return requestOp(hc, func(ctx context.Context) (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
			if err == nil {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			return req, err
		})
	}
	r = Result{Engine: e.Name, Scenario: scenario,
		Baseline: fmt.Sprintf("bare net/http: same Tokens.Verify, same %d response bytes%s", len(body), note)}
	fmt.Fprintf(progress, "%s: %s, %d workers, %s\n", e.Name, scenario, opt.Concurrency, opt.Duration)
	if r.Real, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, get(srv.URL)); err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: %s baseline\n", e.Name, scenario)
	r.Base, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, get(bare.URL))
	return r, err
}

// benchLogin measures global password logins at one worker per core (argon2id
// is CPU-bound: more workers only queue), then raw argon2id verifications of
// the same password with the same hasher, in-process.
func benchLogin(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (r Result, err error) {
	n := runtime.NumCPU()
	body, err := json.Marshal(map[string]string{"email": a.Email, "password": password})
	if err != nil {
		return r, err
	}
	login := requestOp(hc, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/auth/login", bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	})
	r = Result{Engine: e.Name, Scenario: "login", Baseline: "identity.DefaultHasher().Verify in-process, no HTTP"}
	fmt.Fprintf(progress, "%s: login, %d workers, %s\n", e.Name, n, opt.Duration)
	if r.Real, err = drive(ctx, n, opt.Warmup, opt.Duration, login); err != nil {
		return r, err
	}
	h := identity.DefaultHasher()
	hash, err := h.Hash(password)
	if err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: login baseline (argon2id verify)\n", e.Name)
	r.Base, err = drive(ctx, n, opt.Warmup, opt.Duration, verifyOp(h, password, hash))
	return r, err
}
