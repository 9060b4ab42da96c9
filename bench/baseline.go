package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/identity"
)

// bareServer is the baseline of "GET tenant": a plain net/http server that
// does only what no implementation of the endpoint can skip — verify the
// bearer token (signature, iss, aud, exp) with the real server's own
// *auth.Tokens — and then writes the response bytes captured from the real
// server. No database, no middleware.
type bareServer struct {
	URL  string // http://127.0.0.1:port
	srv  *http.Server
	done chan error
}

// startBare serves the baseline on a loopback port.
func startBare(tokens *auth.Tokens, contentType string, body []byte) (*bareServer, error) {
	return serveBare(bareHandler(tokens, contentType, body))
}

// serveBare serves a baseline handler on a loopback port.
func serveBare(h http.Handler) (*bareServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("baseline listen: %w", err)
	}
	b := &bareServer{
		URL:  "http://" + ln.Addr().String(),
		srv:  &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		done: make(chan error, 1),
	}
	go func() { b.done <- b.srv.Serve(ln) }()
	return b, nil
}

// bareHandler verifies the bearer token and writes body, or answers 401.
func bareHandler(tokens *auth.Tokens, contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bareBearer(w, r, tokens) {
			return
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(body)
	})
}

// Close stops the baseline server once its measurement is over. It closes
// every connection at once: a graceful Shutdown would wait five seconds for
// the connections the client opened but never used.
func (b *bareServer) Close() error {
	err := b.srv.Close()
	if serveErr := <-b.done; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	if err != nil {
		return fmt.Errorf("baseline shutdown: %w", err)
	}
	return nil
}

// verifyOp is the baseline of "login": one in-process argon2id verification
// of the right password against hash, with no HTTP and no database.
func verifyOp(h identity.Hasher, pw, hash string) op {
	return func(context.Context) string {
		ok, err := h.Verify(pw, hash)
		switch {
		case err != nil:
			return "verify: " + err.Error()
		case !ok:
			return "verify: mismatch"
		}
		return ""
	}
}

// bareBearer verifies the request's bearer token with tokens, as every
// JWT baseline does, or answers 401 and reports false.
func bareBearer(w http.ResponseWriter, r *http.Request, tokens *auth.Tokens) bool {
	scheme, raw, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		http.Error(w, "missing token", http.StatusUnauthorized)
		return false
	}
	if _, err := tokens.Verify(strings.TrimSpace(raw)); err != nil {
		http.Error(w, "invalid token", http.StatusUnauthorized)
		return false
	}
	return true
}
