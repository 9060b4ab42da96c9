// Package paperidtest is an in-process Paper.id Open API for tests: it
// implements the partner calls the way Paper.id documents them (the
// client_id and client_secret headers, POST /api/v2/partners with its
// required fields and unique number, GET /api/v2/partners/{id}, GET
// /api/v2/partners?number=…, the {message, data} and {status_code,
// error_code, message} shapes) and keeps the partners in memory. Switches
// make it unreachable (connection refused), make it hang until the client
// gives up, answer a number of errors, or refuse what it would accept, and
// it records every request.
package paperidtest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// Credentials the server accepts unless told otherwise.
const (
	ClientID     = "paperid-test-client"
	ClientSecret = "paperid-test-secret-9f3b"
)

// Request is one request the server received.
type Request struct {
	Method string
	Path   string
	Query  string
	Body   string
	Authed bool // whether it carried the right client_id and client_secret
}

// Server is a running fake of Paper.id's Open API.
type Server struct {
	t    testing.TB
	addr string

	mu       sync.Mutex
	srv      *http.Server
	down     bool
	served   chan struct{} // closed when the current listener's Serve returns
	release  func()        // ends the hold on the port while down
	hang     bool
	hangCtx  context.Context // ended when the server stops hanging or closes
	unhang   context.CancelFunc
	failures []int // statuses to answer the next requests with, in order
	requests []Request
	partners map[string]Partner // by id
	byNumber map[string]string  // number → id
	seq      int
}

// Partner is a partner the server holds.
type Partner struct {
	ID, Number, Name, Type, Email, Phone string
	CreatedAt                            time.Time
}

// New starts a server on 127.0.0.1 and stops it when t ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{t: t, partners: map[string]Partner{}, byNumber: map[string]string{}, release: func() {}}
	s.hangCtx, s.unhang = context.WithCancel(context.Background())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("paperidtest: listen: %v", err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(s.close)
	return s
}

// URL is the server's base URL, to configure as TENANTRY_PAPERID_URL.
func (s *Server) URL() string { return "http://" + s.addr }

func (s *Server) serve(ln net.Listener) {
	srv := &http.Server{Handler: http.HandlerFunc(s.handle), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan struct{})
	s.srv, s.served = srv, served
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
}

// Down stops listening: connections are refused until Up, while the port
// stays reserved (on Linux) so that Up can listen on it again. Requests in
// flight are cut off.
func (s *Server) Down() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return
	}
	s.down = true
	_ = s.srv.Close()
	<-s.served // the listening socket is closed once Serve has returned
	release, err := hold(s.addr)
	if err != nil {
		s.t.Fatalf("paperidtest: hold %s while down: %v", s.addr, err)
	}
	s.release = release
}

// Up listens again on the same address after Down.
func (s *Server) Up() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.down {
		return
	}
	s.release()
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("paperidtest: listen again on %s: %v", s.addr, err)
	}
	s.down = false
	s.serve(ln)
}

// Hang makes every request wait, unanswered, until the client gives up
// (its timeout ends the request's context), Unhang, or the server closes.
func (s *Server) Hang() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang = true
}

// Unhang answers requests again and releases those waiting: they are
// answered normally.
func (s *Server) Unhang() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hang = false
	s.unhang()
	s.hangCtx, s.unhang = context.WithCancel(context.Background())
}

// Fail makes the next n requests answer status (500, 503, 429, 400 …) with
// Paper.id's error shape, before any other processing.
func (s *Server) Fail(n, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures = append(s.failures, status)
	}
}

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Partners returns the partners created so far.
func (s *Server) Partners() []Partner {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Partner, 0, len(s.partners))
	for _, p := range s.partners {
		out = append(out, p)
	}
	return out
}

// Plant stores a partner as if created earlier (for example by an attempt
// whose answer was lost) and returns it with its id.
func (s *Server) Plant(p Partner) Partner {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store(p)
}

func (s *Server) close() {
	s.mu.Lock()
	s.unhang()
	srv, served, down, release := s.srv, s.served, s.down, s.release
	s.down = true
	s.mu.Unlock()
	if down {
		release()
		return
	}
	_ = srv.Close()
	<-served
}
