package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// stormLogins is how many workers log in during the login storm.
const stormLogins = 4

// benchStorm measures GET tenant at the run's concurrency while stormLogins
// workers log in with the seeded password, each side against itself alone
// in the same run: reads alone, logins alone, then both at once over the
// same window. The first row's req/s ratio is what a storm of logins leaves
// of the read rate; the second's what the reads leave of the logins.
func benchStorm(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) ([]Result, error) {
	read := bearerOp(hc, srv.URL+"/api/v1/tenants/"+a.TenantID, a.Token)
	login, err := loginOp(hc, srv.URL, a.Email)
	if err != nil {
		return nil, err
	}
	reads := Result{Engine: e.Name, Scenario: fmt.Sprintf("GET tenant during %d logins", stormLogins),
		Baseline: fmt.Sprintf("the same GET at %d workers alone, same run", opt.Concurrency)}
	logins := Result{Engine: e.Name, Scenario: fmt.Sprintf("login during %d GET tenant", opt.Concurrency),
		Baseline: fmt.Sprintf("the same logins at %d workers alone, same run", stormLogins)}
	fmt.Fprintf(progress, "%s: GET tenant alone, %d workers, %s\n", e.Name, opt.Concurrency, opt.Duration)
	if reads.Base, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, read); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "%s: login alone, %d workers, %s\n", e.Name, stormLogins, opt.Duration)
	if logins.Base, err = drive(ctx, stormLogins, opt.Warmup, opt.Duration, login); err != nil {
		return nil, err
	}
	fmt.Fprintf(progress, "%s: GET tenant during a login storm, %d + %d workers, %s\n", e.Name, opt.Concurrency, stormLogins, opt.Duration)
	type out struct {
		s   Stats
		err error
	}
	storm := make(chan out, 1)
	go func() {
		s, err := drive(ctx, stormLogins, opt.Warmup, opt.Duration, login)
		storm <- out{s, err}
	}()
	reads.Real, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, read)
	o := <-storm
	if err != nil {
		return nil, err
	}
	if o.err != nil {
		return nil, o.err
	}
	logins.Real = o.s
	return []Result{reads, logins}, nil
}

// bearerOp is one GET of url with a bearer token, expecting 200.
func bearerOp(hc *http.Client, url, token string) op {
	return requestOp(hc, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err == nil {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		return req, err
	})
}

// loginOp is one global password login of email at the server at base,
// expecting 200.
func loginOp(hc *http.Client, base, email string) (op, error) {
	body, err := json.Marshal(map[string]string{"email": email, "password": password})
	if err != nil {
		return nil, err
	}
	return requestOp(hc, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/auth/login", bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}), nil
}
