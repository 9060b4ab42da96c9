package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/tenantry/tenantry/internal/identity"
)

// options are the run's settings, from the flags.
type options struct {
	Duration    time.Duration   // measured time of each scenario and each baseline
	Warmup      time.Duration   // unmeasured load before each measurement
	Concurrency int             // workers of the HTTP read scenario
	MeteringOff bool            // also run GET tenant with metering on and, on a second server, off, alternating
	Scenarios   map[string]bool // the scenarios to measure (scenarioNames); empty: all
	Registering time.Duration   // measured time of the registrations scenario (register.go)
	Tenants     int             // the larger tenant count of the scale scenario (scale.go)
	// PasswordHashes is the servers' password-hashes setting (argon2id
	// computations at once); 0: theirs, one per core.
	PasswordHashes int
}

// Result is one scenario on one engine, measured beside its baseline.
type Result struct {
	Engine   string
	Scenario string
	Baseline string // what the baseline does
	Real     Stats
	Base     Stats
	Notes    []string // what the table has no column for (seeding times, memory, lock errors)
}

// benchEngine starts the real server on e, seeds it through the API and
// measures every selected scenario (opt.Scenarios, all when empty) with its
// baseline, in the order of steps. It cleans up after itself (server,
// database, temporary folder) and returns what it measured even when a
// later step fails.
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
	srv, err := startServer(ctx, dir, databaseURL, hashes(opt.PasswordHashes))
	if err != nil {
		return nil, err
	}
	defer func() {
		hc.CloseIdleConnections()
		err = errors.Join(err, srv.Close())
	}()
	var acct *account // the seeded business, for every step but stats and rss
	if !opt.only("stats", "rss") {
		if acct, err = seed(ctx, hc, srv.URL); err != nil {
			return nil, fmt.Errorf("seed: %w", err)
		}
	}
	one := func(f func() (Result, error)) func() ([]Result, error) {
		return func() ([]Result, error) {
			r, err := f()
			if err != nil {
				return nil, err
			}
			return []Result{r}, nil
		}
	}
	for _, st := range []step{
		{"get", "GET tenant", one(func() (Result, error) { return benchGet(ctx, e, opt, hc, srv, acct, progress) })},
		{"metering", "GET tenant, metering on and off", func() ([]Result, error) {
			if !opt.MeteringOff {
				return nil, nil
			}
			return benchGetMetering(ctx, e, opt, hc, srv, dir, databaseURL, acct, progress)
		}},
		{"login", "login", one(func() (Result, error) { return benchLogin(ctx, e, opt, hc, srv, acct, progress) })},
		{"refresh", "refresh", one(func() (Result, error) { return benchRefresh(ctx, e, opt, hc, srv, acct, progress) })},
		{"otp", "OTP verify", one(func() (Result, error) { return benchOTP(ctx, e, opt, hc, srv, progress) })},
		{"outlets", "GET outlets", one(func() (Result, error) { return benchOutletList(ctx, e, opt, hc, srv, acct, progress) })},
		{"apikey", "API key GET tenants/me", one(func() (Result, error) { return benchAPIKey(ctx, e, opt, hc, srv, acct, progress) })},
		{"usage", "GET usage", one(func() (Result, error) { return benchUsage(ctx, e, opt, hc, srv, acct, progress) })},
		{"refusal", "POST outlet at limit", one(func() (Result, error) { return benchOutletRefusal(ctx, e, opt, hc, srv, progress) })},
		{"stats", "GET tenant stats", one(func() (Result, error) { return benchTenantStats(ctx, e, opt, hc, srv, progress) })},                  // stats.go; a tenant of its own, 1M appointments
		{"storm", "reads during a login storm", func() ([]Result, error) { return benchStorm(ctx, e, opt, hc, srv, acct, progress) }},           // storm.go
		{"rss", "server RSS", one(func() (Result, error) { return benchRSS(ctx, e, opt, hc, dir, databaseURL, srv, progress) })},                // rss.go; a server process of its own
		{"scale", "GET tenant at 1k and many tenants", one(func() (Result, error) { return benchScale(ctx, e, opt, hc, srv, acct, progress) })}, // scale.go; grows the tenants
		{"admin", "GET admin tenants", func() ([]Result, error) { return benchAdminTenants(ctx, e, opt, hc, srv, progress) }},                   // admin.go; 100k tenants
		{"register", "16 concurrent registrations", one(func() (Result, error) { return benchRegister(ctx, e, opt, hc, srv, progress) })},       // register.go
	} {
		if !opt.selected(st.name) {
			continue
		}
		rs, err := st.run()
		results = append(results, rs...)
		if err != nil {
			return results, fmt.Errorf("%s: %w", st.label, err)
		}
	}
	return results, nil
}

// step is one scenario of a run: its name for -scenarios, its label for
// errors, and what measures it.
type step struct {
	name, label string
	run         func() ([]Result, error)
}

// scenarioNames are the names -scenarios accepts, in the order a run
// measures them (benchEngine's steps).
func scenarioNames() []string {
	return []string{"get", "metering", "login", "refresh", "otp", "outlets", "apikey", "usage", "refusal", "stats",
		"storm", "rss", "scale", "admin", "register"}
}

// quickScenarios are the per-request scenarios (-quick).
const quickScenarios = "get,refresh,otp,outlets,apikey"

// selected reports whether the run measures scenario name.
func (o options) selected(name string) bool { return len(o.Scenarios) == 0 || o.Scenarios[name] }

// only reports whether the run measures nothing but some of names.
func (o options) only(names ...string) bool {
	if len(o.Scenarios) == 0 {
		return false
	}
	for n := range o.Scenarios {
		if !slices.Contains(names, n) {
			return false
		}
	}
	return true
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
	login, err := loginOp(hc, srv.URL, a.Email)
	if err != nil {
		return r, err
	}
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
