package redistest

import (
	"errors"
	"net"
	"net/url"
	"sync"
	"testing"
)

// Proxy forwards TCP connections to a Redis server and can fail the ways a
// server does: Hang (connections are accepted and kept, no byte passes;
// what was held passes on Recover, as a stopped server reads its sockets
// when it resumes), Drop (every connection is closed and new ones are
// closed at once, as a server that is gone) and Recover.
type Proxy struct {
	// URL is the server's URL through the proxy.
	URL string

	target string
	ln     net.Listener

	mu      sync.RWMutex // forwarding holds it shared; mode changes exclusively
	mode    mode
	resumed chan struct{} // closed when a hang ends
	conns   map[net.Conn]struct{}
	closed  bool
	wg      sync.WaitGroup
}

type mode int

const (
	forwarding mode = iota
	hanging
	dropping
)

var errDropped = errors.New("redistest: proxy dropped the connection")

// NewProxy starts a proxy on 127.0.0.1:0 in front of the server of
// redisURL, closed when t ends.
func NewProxy(t testing.TB, redisURL string) *Proxy {
	t.Helper()
	u, err := url.Parse(redisURL)
	if err != nil {
		t.Fatalf("redistest: proxy: parse %q: %v", redisURL, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("redistest: proxy: listen: %v", err)
	}
	p := &Proxy{target: u.Host, ln: ln, conns: map[net.Conn]struct{}{}}
	u.Host = ln.Addr().String()
	p.URL = u.String()
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.close)
	return p
}

// Hang stops forwarding: once it returns, no byte passes until Recover.
func (p *Proxy) Hang() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resume()
	p.mode, p.resumed = hanging, make(chan struct{})
}

// Drop closes every connection, and every new one as soon as it is
// accepted, until Recover.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resume()
	p.mode = dropping
	for c := range p.conns {
		_ = c.Close()
	}
}

// Recover forwards again, what a hang held first.
func (p *Proxy) Recover() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resume()
	p.mode = forwarding
}

// resume ends a hang; p.mu is held.
func (p *Proxy) resume() {
	if p.mode == hanging {
		close(p.resumed)
	}
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.RLock()
		drop := p.mode == dropping
		p.mu.RUnlock()
		if drop {
			_ = c.Close()
			continue
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		if !p.track(c, up) {
			return
		}
		p.wg.Add(2)
		go p.pipe(up, c)
		go p.pipe(c, up)
	}
}

// track records connections to close with the proxy; it reports false
// (closing them) when the proxy is closed.
func (p *Proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range cs {
			_ = c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

// pipe copies src to dst through the mode gate; when either side fails or
// ends, both are closed.
func (p *Proxy) pipe(dst, src net.Conn) {
	defer p.wg.Done()
	defer func() {
		_ = dst.Close()
		_ = src.Close()
		p.mu.Lock()
		delete(p.conns, dst)
		delete(p.conns, src)
		p.mu.Unlock()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if werr := p.forward(dst, buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// forward writes b to dst, waiting while the proxy hangs.
func (p *Proxy) forward(dst net.Conn, b []byte) error {
	for {
		p.mu.RLock()
		switch p.mode {
		case forwarding:
			_, err := dst.Write(b)
			p.mu.RUnlock()
			return err
		case dropping:
			p.mu.RUnlock()
			return errDropped
		}
		resumed := p.resumed
		p.mu.RUnlock()
		<-resumed
		if p.isClosed() {
			return errDropped
		}
	}
}

func (p *Proxy) isClosed() bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.closed
}

// close stops accepting, closes every connection and waits for the pipes.
func (p *Proxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		_ = c.Close()
	}
	p.mu.Unlock()
	p.Recover()
	p.wg.Wait()
}
