package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// benchAPIKey measures GET /api/v1/tenants/me authenticated by an X-API-Key,
// then the bare baseline answering the same bytes after the cheapest key
// check there is: SHA-256 of the header compared with the one stored hash,
// in memory. The key is created through the API beforehand.
func benchAPIKey(ctx context.Context, e engine, opt options, hc *http.Client, srv *running, a *account, progress io.Writer) (r Result, err error) {
	secret, err := createAPIKey(ctx, hc, srv.URL, a.Token)
	if err != nil {
		return r, fmt.Errorf("create key: %w", err)
	}
	const path = "/api/v1/tenants/me"
	get := func(base string) op {
		return requestOp(hc, func(ctx context.Context) (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
			if err == nil {
				req.Header.Set("X-API-Key", secret)
			}
			return req, err
		})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
	if err != nil {
		return r, err
	}
	req.Header.Set("X-API-Key", secret)
	h, body, err := send(hc, req, http.StatusOK)
	if err != nil {
		return r, fmt.Errorf("capture: %w", err)
	}
	bare, err := serveBare(keyHandler(sha256.Sum256([]byte(secret)), h.Get("Content-Type"), body))
	if err != nil {
		return r, err
	}
	defer func() { err = errors.Join(err, bare.Close()) }()
	r = Result{Engine: e.Name, Scenario: "API key GET tenants/me",
		Baseline: fmt.Sprintf("bare net/http: SHA-256 of X-API-Key vs one stored hash, same %d response bytes", len(body))}
	fmt.Fprintf(progress, "%s: API key GET tenants/me, %d workers, %s\n", e.Name, opt.Concurrency, opt.Duration)
	if r.Real, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, get(srv.URL)); err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: API key GET tenants/me baseline\n", e.Name)
	r.Base, err = drive(ctx, opt.Concurrency, opt.Warmup, opt.Duration, get(bare.URL))
	return r, err
}

// createAPIKey creates a prod key with the default scope (tenant:read)
// using the admin's scoped token and returns its secret.
func createAPIKey(ctx context.Context, hc *http.Client, base, token string) (string, error) {
	req, err := newJSONRequest(ctx, base+"/api/v1/api-keys", map[string]string{"name": "bench", "environment": "prod"})
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	_, reply, err := send(hc, req, http.StatusCreated)
	if err != nil {
		return "", err
	}
	var out struct {
		Key string `json:"key"`
	}
	if err := json.Unmarshal(reply, &out); err != nil || out.Key == "" {
		return "", fmt.Errorf("no key in %s: %w", reply, err)
	}
	return out.Key, nil
}

// keyHandler is the baseline of the API key scenario: it hashes the
// X-API-Key header, compares the hash with want in constant time, and writes
// body, or answers 401.
func keyHandler(want [sha256.Size]byte, contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := sha256.Sum256([]byte(r.Header.Get("X-API-Key")))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			http.Error(w, "invalid key", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(body)
	})
}
