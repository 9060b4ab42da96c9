package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// benchRefresh measures POST /api/v1/auth/refresh, every worker rotating the
// refresh token of its own tenant-scoped session (each call uses one token
// up and gets the next), then the issuer baseline answering the same bytes.
func benchRefresh(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (r Result, err error) {
	n := opt.Concurrency
	pool := make(chan string, n+1)
	for i := 0; i <= n; i++ { // a session per worker, and one to capture the reply
		var sess struct {
			RefreshToken string `json:"refresh_token"`
		}
		login := map[string]string{"email": a.Email, "password": password, "tenant_id": a.TenantID}
		if err := postJSON(ctx, hc, srv.URL+"/api/v1/auth/login", login, http.StatusOK, &sess); err != nil {
			return r, fmt.Errorf("login: %w", err)
		}
		pool <- sess.RefreshToken
	}
	url := srv.URL + "/api/v1/auth/refresh"
	contentType, body, err := captureReply(ctx, hc, url, map[string]string{"refresh_token": <-pool})
	if err != nil {
		return r, err
	}
	bare, err := serveBare(issuerHandler(srv.App.Tokens(), contentType, body))
	if err != nil {
		return r, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	r = Result{Engine: e.Name, Scenario: "refresh",
		Baseline: fmt.Sprintf("bare net/http: decode the body, one Tokens.Issue, same %d response bytes", len(body))}
	fmt.Fprintf(progress, "%s: refresh, %d workers, %s\n", e.Name, n, opt.Duration)
	if r.Real, err = drive(ctx, n, opt.Warmup, opt.Duration, rotateOp(hc, url, pool)); err != nil {
		return r, err
	}
	basePool := make(chan string, n)
	for i := 0; i < n; i++ {
		basePool <- "rt_baseline"
	}
	fmt.Fprintf(progress, "%s: refresh baseline\n", e.Name)
	r.Base, err = drive(ctx, n, opt.Warmup, opt.Duration, rotateOp(hc, bare.URL+"/api/v1/auth/refresh", basePool))
	return r, err
}

// rotateOp takes a refresh token from pool, refreshes it at url and puts
// back the token that replaces it (or, on failure, the one it took, so the
// pool never runs dry and the failure shows in the counts).
func rotateOp(hc *http.Client, url string, pool chan string) op {
	return func(ctx context.Context) string {
		tok := <-pool
		reply, fail := post(ctx, hc, url, map[string]string{"refresh_token": tok})
		if fail == "" {
			var out struct {
				RefreshToken string `json:"refresh_token"`
			}
			if json.Unmarshal(reply, &out) != nil || out.RefreshToken == "" {
				fail = "no refresh_token in the reply"
			} else {
				tok = out.RefreshToken
			}
		}
		pool <- tok
		return fail
	}
}
