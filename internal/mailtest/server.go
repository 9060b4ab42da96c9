// Package mailtest runs a real SMTP server in-process for tests: it accepts
// mail on 127.0.0.1, keeps what it received for inspection, and can require
// AUTH PLAIN, offer STARTTLS, refuse a number of transactions with a
// temporary 451 error, or stop and restart on the same address to simulate
// an outage.
package mailtest

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Server is a running test SMTP server.
type Server struct {
	addr string
	user string
	pass string
	tls  *tls.Config
	pool *x509.CertPool

	starttls bool

	mu       sync.Mutex
	srv      *smtp.Server
	ln       net.Listener
	msgs     []Received
	failures int           // transactions still to refuse with 451
	refused  int           // transactions refused so far
	arrived  chan struct{} // closed and replaced whenever a message arrives
}

// Option configures a Server.
type Option func(*Server)

// WithAuth makes the server require AUTH PLAIN with this user and password
// before it accepts mail; URL then carries the credentials.
func WithAuth(user, pass string) Option {
	return func(s *Server) { s.user, s.pass = user, pass }
}

// WithSTARTTLS makes the server offer STARTTLS with a self-signed
// certificate for 127.0.0.1; RootCAs returns the pool that trusts it.
func WithSTARTTLS() Option {
	return func(s *Server) { s.starttls = true }
}

// Start starts a server on 127.0.0.1 on a free port and stops it when the
// test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{arrived: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	if s.starttls {
		var err error
		if s.tls, s.pool, err = selfSigned(); err != nil {
			t.Fatal(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(s.Stop)
	return s
}

// URL is the server's address as a TENANTRY_SMTP_URL:
// smtp://127.0.0.1:port, with user:pass@ when the server requires AUTH.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr}
	if s.user != "" {
		u.User = url.UserPassword(s.user, s.pass)
	}
	return u.String()
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.addr }

// RootCAs returns the certificate pool that trusts the server's STARTTLS
// certificate, or nil when the server does not offer STARTTLS.
func (s *Server) RootCAs() *x509.CertPool { return s.pool }

// FailNext makes the server refuse the next n mail transactions with a
// temporary failure (451 4.3.0), as a busy or degraded relay does.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = n
}

// Refused reports how many transactions the server has refused with 451.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// Stop closes the listener and every open connection: until Restart,
// connections to the address are refused. Stopping twice is harmless.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, ln := s.srv, s.ln
	s.srv, s.ln = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// Close the listener ourselves too: Serve may not have registered it yet.
		_ = ln.Close()
		_ = srv.Close()
	}
}

// Restart listens again on the same address after Stop, keeping the
// messages received so far.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	var ln net.Listener
	var err error
	for deadline := time.Now().Add(5 * time.Second); ; {
		if ln, err = net.Listen("tcp", s.addr); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("mailtest: listen again on %s: %v", s.addr, err)
	}
	s.serve(ln)
}

func (s *Server) serve(ln net.Listener) {
	srv := smtp.NewServer(&backend{s: s})
	srv.Domain = "mailtest.local"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.AllowInsecureAuth = s.tls == nil
	srv.TLSConfig = s.tls
	srv.ErrorLog = discard{}
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	// Serve returns only when Stop closes the server; its error says just that.
	go func() { _ = srv.Serve(ln) }()
}

// Messages returns every message received so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// To returns the messages received so far for the recipient to.
func (s *Server) To(to string) []Received {
	var out []Received
	for _, m := range s.Messages() {
		if m.sentTo(to) {
			out = append(out, m)
		}
	}
	return out
}

// WaitFor waits up to timeout for a message to the recipient to and returns
// the first one; it fails the test when none arrives in time.
func (s *Server) WaitFor(t testing.TB, to string, timeout time.Duration) Received {
	t.Helper()
	var first Received
	if !s.Until(timeout, func(all []Received) bool {
		for _, m := range all {
			if m.sentTo(to) {
				first = m
				return true
			}
		}
		return false
	}) {
		t.Fatalf("mailtest: no message to %s within %v (received %d messages in all)", to, timeout, len(s.Messages()))
	}
	return first
}

// Until waits up to timeout, waking at each arrival, until done holds for
// the messages received so far, and reports whether it did.
func (s *Server) Until(timeout time.Duration, done func([]Received) bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		arrived := s.arrived
		s.mu.Unlock()
		if done(s.Messages()) {
			return true
		}
		select {
		case <-arrived:
		case <-deadline.C:
			return false
		}
	}
}

// deliver records a message and wakes the waiters.
func (s *Server) deliver(m Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// refuse reports whether the current transaction must fail temporarily.
func (s *Server) refuse() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failures <= 0 {
		return false
	}
	s.failures--
	s.refused++
	return true
}

func (m Received) sentTo(to string) bool {
	for _, r := range m.To {
		if strings.EqualFold(r, to) {
			return true
		}
	}
	return false
}

// discard drops the SMTP library's connection-level error log.
type discard struct{}

// Printf drops a log line.
func (discard) Printf(string, ...any) {}

// Println drops a log line.
func (discard) Println(...any) {}
