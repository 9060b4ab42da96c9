package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// password is the seeded admin's password.
const password = "SecurePass123!"

// account is the seeded business: its tenant and its admin's credentials.
type account struct {
	TenantID string
	Email    string
	Token    string // access token scoped to TenantID
}

// newClient returns the one HTTP client of a run, with enough idle
// keep-alive connections per host for every worker to keep its own.
func newClient(concurrency int) *http.Client {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        4 * concurrency,
		MaxIdleConnsPerHost: 2 * concurrency,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// seed registers a fresh business through the public API and logs its admin
// in to get a tenant-scoped access token.
func seed(ctx context.Context, hc *http.Client, base string) (*account, error) {
	suffix := randomHex(4)
	reg := map[string]any{
		"business_name": "Bench Salon " + suffix, "business_email": "hello@bench-" + suffix + ".example.com",
		"admin_first_name": "Bench", "admin_last_name": "Owner", "admin_email": "owner@bench-" + suffix + ".example.com",
		"admin_password": password, "terms_accepted": true, "privacy_accepted": true,
	}
	var out struct {
		TenantID string `json:"tenant_id"`
	}
	if err := postJSON(ctx, hc, base+"/api/v1/public/register", reg, http.StatusCreated, &out); err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	a := &account{TenantID: out.TenantID, Email: reg["admin_email"].(string)}
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	login := map[string]string{"email": a.Email, "password": password, "tenant_id": a.TenantID}
	if err := postJSON(ctx, hc, base+"/api/v1/auth/login", login, http.StatusOK, &sess); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	a.Token = sess.AccessToken
	return a, nil
}

// postJSON posts body as JSON, expects status and decodes the reply into out.
func postJSON(ctx context.Context, hc *http.Client, url string, body any, status int, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, reply, err := send(hc, req, status)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(reply, out); err != nil {
		return fmt.Errorf("decode reply: %w", err)
	}
	return nil
}

// capture makes one authenticated GET of url and returns the response's
// Content-Type and body, for the baseline to replay.
func capture(ctx context.Context, hc *http.Client, url, token string) (contentType string, body []byte, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", nil, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	h, body, err := send(hc, req, http.StatusOK)
	if err != nil {
		return "", nil, fmt.Errorf("capture %s: %w", url, err)
	}
	return h.Get("Content-Type"), body, nil
}

// send does req and reads the whole reply, failing unless it has status.
func send(hc *http.Client, req *http.Request, status int) (http.Header, []byte, error) {
	resp, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("read reply: %w", err)
	}
	if resp.StatusCode != status {
		return nil, nil, fmt.Errorf("%s %s: HTTP %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, status, strings.TrimSpace(string(body)))
	}
	return resp.Header, body, nil
}

// requestOp is statusOp for a scenario whose every answer is 200 OK.
func requestOp(hc *http.Client, newReq func(ctx context.Context) (*http.Request, error)) op {
	return statusOp(hc, http.StatusOK, newReq)
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
