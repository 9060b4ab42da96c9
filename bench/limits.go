package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/auth"
)

// benchUsage measures GET /api/v1/subscriptions/usage of the seeded tenant
// (every meter counted in one statement, over its 1,000 outlets), then the
// bare server answering the same bytes after the same token check.
func benchUsage(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (Result, error) {
	return benchBearerGet(ctx, e, opt, hc, srv, a.Token, "/api/v1/subscriptions/usage", "GET usage",
		fmt.Sprintf(" (every meter counted, %d outlets)", benchOutlets), progress)
}

// benchOutletRefusal measures POST /api/v1/outlets by a free tenant at its
// limit (1 outlet): every call takes the tenant's meter lock, counts and is
// refused with 403 plan_limit_exceeded. The baseline verifies the same
// token, decodes the same JSON body and writes the same refusal's bytes.
func benchOutletRefusal(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, progress io.Writer) (r Result, err error) {
	a, err := seed(ctx, hc, srv.URL) // a business of its own, on the free plan
	if err != nil {
		return r, fmt.Errorf("seed: %w", err)
	}
	body, err := json.Marshal(map[string]any{"name": "Bench Branch", "address": map[string]string{"city": "Cebu", "country": "PH"}})
	if err != nil {
		return r, err
	}
	post := func(base string) op {
		return statusOp(hc, http.StatusForbidden, func(ctx context.Context) (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/outlets", bytes.NewReader(body))
			if err == nil {
				req.Header.Set("Authorization", "Bearer "+a.Token)
				req.Header.Set("Content-Type", "application/json")
			}
			return req, err
		})
	}
	first, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/outlets", bytes.NewReader(body))
	if err != nil {
		return r, err
	}
	first.Header.Set("Authorization", "Bearer "+a.Token)
	first.Header.Set("Content-Type", "application/json")
	if _, _, err := send(hc, first, http.StatusCreated); err != nil {
		return r, fmt.Errorf("first outlet: %w", err)
	}
	req := first.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(body))
	h, refusal, err := send(hc, req, http.StatusForbidden)
	if err != nil {
		return r, fmt.Errorf("capture the refusal: %w", err)
	}
	if !strings.Contains(string(refusal), `"plan_limit_exceeded"`) {
		return r, fmt.Errorf("not a plan refusal: %s", refusal)
	}
	bare, err := serveBare(refusalHandler(srv.App.Tokens(), h.Get("Content-Type"), refusal))
	if err != nil {
		return r, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	r = Result{Engine: e.Name, Scenario: "POST outlet at limit",
		Baseline: fmt.Sprintf("bare net/http: same Tokens.Verify and JSON decode, same %d-byte 403", len(refusal))}
	fmt.Fprintf(progress, "%s: POST outlet at limit, %d workers, %s\n", e.Name, opt.Concurrency, opt.Duration)
	if r.Real, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, post(srv.URL)); err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: POST outlet at limit baseline\n", e.Name)
	r.Base, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, post(bare.URL))
	return r, err
}

// refusalHandler verifies the bearer token, decodes the JSON body and
// writes the refusal body with 403, or answers 401 or 400.
func refusalHandler(tokens *auth.Tokens, contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bareBearer(w, r, tokens) {
			return
		}
		var in map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write(body)
	})
}

// statusOp returns an op that sends the request newReq builds, reads and
// discards the whole body, and labels any answer but want as a failure.
func statusOp(hc *http.Client, want int, newReq func(ctx context.Context) (*http.Request, error)) op {
	return func(ctx context.Context) string {
		req, err := newReq(ctx)
		if err != nil {
			return "request: " + err.Error()
		}
		resp, err := hc.Do(req)
		if err != nil {
			return "transport: " + err.Error()
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		switch {
		case err != nil:
			return "read: " + err.Error()
		case resp.StatusCode != want:
			return "HTTP " + strconv.Itoa(resp.StatusCode)
		}
		return ""
	}
}
