package outbound

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestDialRefusesResolvedLoopback dials a name that resolves to a loopback
// address (localhost, from /etc/hosts) where a real listener waits: the
// dialer's Control function sees the resolved address and refuses it, so
// no connection is ever accepted — DNS cannot smuggle a connection into
// the operator's network. The same holds with the development setting on,
// for anything but a plain http:// URL with a literal loopback address.
func TestDialRefusesResolvedLoopback(t *testing.T) {
	var accepted atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { accepted.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, allow := range []bool{false, true} {
		c := New(Options{Timeout: 2 * time.Second, AllowHTTPLoopback: allow})
		dial := c.http.Transport.(*http.Transport).DialContext
		for _, addr := range []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port} {
			conn, err := dial(context.Background(), "tcp", addr)
			if err == nil {
				conn.Close()
				t.Errorf("allow %v: dialled %s", allow, addr)
			} else if !errors.Is(err, ErrRefused) && addr != "[::1]:"+port {
				t.Errorf("allow %v: dial %s: %v, want ErrRefused", allow, addr, err)
			}
		}
		// Through Post too, past the URL rules (which refuse localhost by name).
		if _, err := c.Post(context.Background(), "https://127.0.0.1:"+port+"/", nil, nil); err == nil {
			t.Errorf("allow %v: posted to https://127.0.0.1", allow)
		}
	}
	// With the setting, plain http to the literal loopback address goes.
	c := New(Options{Timeout: 2 * time.Second, AllowHTTPLoopback: true})
	res, err := c.Post(context.Background(), srv.URL+"/", nil, []byte("{}"))
	if err != nil || !res.OK() {
		t.Fatalf("loopback http with the setting: %+v %v", res, err)
	}
	if accepted.Load() != 1 {
		t.Errorf("the listener saw %d requests, want 1 (the allowed one)", accepted.Load())
	}
	// Without it, the same URL is refused before any connection.
	if _, err := New(Options{}).Post(context.Background(), srv.URL+"/", nil, nil); err == nil {
		t.Error("loopback http without the setting went")
	}
}

// TestNoRedirectsAndBoundedBody: a redirect is an answer, not followed; an
// answer is read up to MaxBody.
func TestNoRedirectsAndBoundedBody(t *testing.T) {
	var followed atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/redirect":
			http.Redirect(w, r, "/target", http.StatusFound)
		case "/target":
			followed.Add(1)
		case "/big":
			_, _ = w.Write(make([]byte, 3*MaxBody))
		}
	}))
	defer srv.Close()
	c := New(Options{Timeout: 2 * time.Second, AllowHTTPLoopback: true})
	res, err := c.Post(context.Background(), srv.URL+"/redirect", nil, nil)
	if err != nil || res.Status != http.StatusFound || res.OK() || followed.Load() != 0 {
		t.Errorf("redirect: %+v %v, followed %d", res.Status, err, followed.Load())
	}
	res, err = c.Post(context.Background(), srv.URL+"/big", nil, nil)
	if err != nil || len(res.Body) != MaxBody {
		t.Errorf("big answer: %d bytes read, %v", len(res.Body), err)
	}
}
