// Package paperid is a client, on net/http alone, of the partner calls of
// Paper.id's Open API (https://open-api-paper-id.readme.io), which Tenantry
// uses to give every tenant a partner account of the platform's Paper.id
// company (reserva seed: client_partner_id, client_partner_number).
//
// What it follows from Paper.id's public documentation:
//   - every request carries the platform's credentials in the client_id and
//     client_secret headers; JSON in, JSON out;
//   - POST /api/v2/partners creates a partner from name, number, type and
//     phone (required; number is "your own code for a partner", unique per
//     company) and answers 201 {message, data: Partner} where data.id is
//     Paper.id's UUID, the partner_id used in URLs;
//   - GET /api/v2/partners/{partnerId} answers {message, data: Partner}, or
//     404; GET /api/v2/partners?number=… lists partners filtered by number,
//     {message, data: [Partner], pagination};
//   - errors are {status_code, error_code, message}; 4xx means the request
//     is at fault, 5xx that Paper.id is.
//
// The documentation names no idempotency key. A retry after a timeout must
// not create a second partner, so EnsurePartner uses the partner number as
// the reference — Tenantry sets it to the tenant's id — and looks the
// partner up by number before creating it, and again when a creation is
// refused (a concurrent attempt won the race).
//
// Errors: a network failure, a timeout, a 5xx, a 429 or an unreadable answer
// is retryable; any other 4xx is wrapped with job.Permanent, since sending
// the same request again cannot succeed. No error carries the client secret.
package paperid

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults of a Client.
const (
	DefaultTimeout = 10 * time.Second // per request, connection included
	MaxResponse    = 1 << 20          // bytes of an answer read at most
)

// Config is what a Client needs: where Paper.id is and the platform's
// credentials.
type Config struct {
	// BaseURL is Paper.id's Open API, https://open-api.paper.id in
	// production or https://open-api.stag-v2.paper.id for staging; a
	// trailing /api (the documentation's BASE_URL) is accepted.
	BaseURL      string
	ClientID     string
	ClientSecret string
	Timeout      time.Duration     // per request, default DefaultTimeout
	Transport    http.RoundTripper // default http.DefaultTransport
}

// Client calls Paper.id's partner API. It is safe for concurrent use.
type Client struct {
	base    *url.URL
	id      string
	secret  string
	timeout time.Duration
	http    *http.Client
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.BaseURL))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("paperid: base URL %q: must be an http(s) URL such as https://open-api.paper.id", cfg.BaseURL)
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("paperid: a client id and a client secret are required")
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/api")
	u.RawQuery, u.Fragment = "", ""
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	tr := cfg.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	hc := &http.Client{
		Transport: tr,
		Timeout:   cfg.Timeout,
		// The credentials travel in headers of our own naming, which a
		// redirect would carry to wherever it points: follow none.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Client{base: u, id: cfg.ClientID, secret: cfg.ClientSecret, timeout: cfg.Timeout, http: hc}, nil
}

// envelope is the documented answer shape, success and error alike.
type envelope struct {
	StatusCode int             `json:"status_code"`
	ErrorCode  string          `json:"error_code"`
	Message    string          `json:"message"`
	Data       json.RawMessage `json:"data"`
}

// do sends one request (body encoded as JSON when not nil) and decodes the
// data of a 2xx answer into out. op names the call in errors.
func (c *Client) do(ctx context.Context, op, method, path string, query url.Values, body, out any) error {
	u := *c.base
	u.Path += path
	u.RawQuery = query.Encode()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("paperid: %s: encode: %w", op, err)
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return fmt.Errorf("paperid: %s: %w", op, err)
	}
	// The documented header names, sent as written (not canonicalized).
	req.Header["client_id"] = []string{c.id}
	req.Header["client_secret"] = []string{c.secret}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "tenantry")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return c.fail(op, 0, nil, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, MaxResponse+1))
	if err != nil {
		return c.fail(op, res.StatusCode, nil, fmt.Errorf("read answer: %w", err))
	}
	if len(raw) > MaxResponse {
		return c.fail(op, res.StatusCode, nil, fmt.Errorf("answer larger than %d bytes", MaxResponse))
	}
	var env envelope
	decodeErr := json.Unmarshal(raw, &env)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		if decodeErr != nil {
			env = envelope{}
		}
		return c.fail(op, res.StatusCode, &env, nil)
	}
	if decodeErr != nil {
		return c.fail(op, res.StatusCode, nil, fmt.Errorf("decode answer: %w", decodeErr))
	}
	if out != nil {
		if err := json.Unmarshal(env.Data, out); err != nil || len(env.Data) == 0 || string(env.Data) == "null" {
			return c.fail(op, res.StatusCode, nil, fmt.Errorf("answer without the expected data"))
		}
	}
	return nil
}
