package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
)

// issuerHandler is the baseline of the scenarios that sign someone in
// (refresh, OTP verify): a plain handler that does only what no
// implementation can skip — read the JSON body and sign one access token
// with the real server's own *auth.Tokens — and then writes the response
// bytes captured from the real server. No database, no middleware.
func issuerHandler(tokens *auth.Tokens, contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req map[string]any
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		if _, err := tokens.Issue(auth.Principal{UserID: "usr_bench", Env: auth.EnvProd}, time.Now(), 30*time.Minute); err != nil {
			http.Error(w, "sign", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(body)
	})
}

// post sends body as JSON to url and returns the reply, or a short label of
// what went wrong; any answer but 200 OK is a failure.
func post(ctx context.Context, hc *http.Client, url string, body any) (reply []byte, fail string) {
	req, err := newJSONRequest(ctx, url, body)
	if err != nil {
		return nil, err.Error()
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, "transport: " + err.Error()
	}
	reply, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	switch {
	case err != nil:
		return nil, "read: " + err.Error()
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Sprintf("HTTP %d", resp.StatusCode)
	}
	return reply, ""
}

// captureReply makes one real call of a scenario and returns its reply's
// Content-Type and body, for the baseline to replay.
func captureReply(ctx context.Context, hc *http.Client, url string, body any) (string, []byte, error) {
	req, err := newJSONRequest(ctx, url, body)
	if err != nil {
		return "", nil, err
	}
	h, reply, err := send(hc, req, http.StatusOK)
	if err != nil {
		return "", nil, fmt.Errorf("capture %s: %w", url, err)
	}
	return h.Get("Content-Type"), reply, nil
}

// newJSONRequest builds a POST of body, encoded as JSON, to url.
func newJSONRequest(ctx context.Context, url string, body any) (*http.Request, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
