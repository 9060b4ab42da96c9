package client

import (
	"context"
	"net/http"
)

// WithBearerToken sends token as the bearer access token of every request
// of a client.
func WithBearerToken(token string) ClientOption { return WithRequestEditorFn(WithToken(token)) }

// WithAPIKey sends key (tnt_live_… or tnt_test_…) in the X-API-Key header of
// every request of a client, for machine clients.
func WithAPIKey(key string) ClientOption { return WithRequestEditorFn(WithKey(key)) }

// WithToken sends token as the bearer access token of one request:
// c.GetMeWithResponse(ctx, client.WithToken(token)).
func WithToken(token string) RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

// WithKey sends key in the X-API-Key header of one request.
func WithKey(key string) RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("X-API-Key", key)
		return nil
	}
}
