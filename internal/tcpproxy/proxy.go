// Package tcpproxy is the tests' TCP proxy in front of a real server
// (PostgreSQL, Redis): it forwards connections and can fail the ways a
// server does, so outage tests need neither root nor signals. pgtest and
// redistest give it their URLs.
package tcpproxy

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP connections to a server and can fail the ways one
// does: Freeze (connections are accepted and kept, no byte passes; what was
// held passes on Thaw, as a stopped server (SIGSTOP) reads its socket
// buffers when it resumes), Drop (every connection is closed and new ones
// are closed at once, as a server that is gone) and Thaw (forwarding again).
type Proxy struct {
	// Addr is the proxy's host:port.
	Addr string

	target string
	ln     net.Listener

	mu     sync.RWMutex // forwarding holds it shared; mode changes exclusively
	mode   mode
	thawed chan struct{} // closed when a freeze ends
	held   chan struct{} // closed when the current freeze first holds bytes
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup

	trips atomic.Int64 // client turns, see RoundTrips
}

type mode int

const (
	forwarding mode = iota
	frozen
	dropping
)

var errDropped = errors.New("tcpproxy: the proxy dropped the connection")

// New starts a proxy on 127.0.0.1:0 in front of target (host:port),
// closed when t ends.
func New(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("tcpproxy: listen: %v", err)
	}
	p := &Proxy{Addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.close)
	return p
}

// RoundTrips returns how many times, over every connection so far, a client
// has sent after the server last answered it (or first): the round trips
// the clients waited for.
func (p *Proxy) RoundTrips() int64 { return p.trips.Load() }

// Freeze stops forwarding: once it returns, no byte passes until Thaw.
func (p *Proxy) Freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.mode != frozen {
		p.mode, p.thawed, p.held = frozen, make(chan struct{}), make(chan struct{})
	}
}

// Drop closes every connection, and every new one as soon as it is
// accepted, until Thaw.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.unfreeze()
	p.mode = dropping
	for c := range p.conns {
		_ = c.Close()
	}
}

// Thaw forwards again, what a freeze held first.
func (p *Proxy) Thaw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.unfreeze()
	p.mode = forwarding
}

// unfreeze ends a freeze; p.mu is held.
func (p *Proxy) unfreeze() {
	if p.mode == frozen {
		close(p.thawed)
	}
}

// Held returns a channel closed once the current freeze holds bytes, that
// is once some client of the frozen server is waiting for it. Call it after
// Freeze.
func (p *Proxy) Held() <-chan struct{} {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.held == nil {
		return make(chan struct{}) // never frozen: never held
	}
	return p.held
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
		t := &turn{}
		go p.pipe(up, c, func() { p.sent(t, true) })
		go p.pipe(c, up, func() { p.sent(t, false) })
	}
}

// turn is one connection's last direction, shared by its two pipes.
type turn struct {
	mu     sync.Mutex
	toServ bool // the last bytes went to the server
}

// sent notes bytes going to the server (toServ) or to the client, counting
// a round trip when a client sends after the server spoke.
func (p *Proxy) sent(t *turn, toServ bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if toServ && !t.toServ {
		p.trips.Add(1)
	}
	t.toServ = toServ
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

// pipe copies src to dst through the mode gate, calling read for every
// chunk read; when either side fails or ends, both are closed.
func (p *Proxy) pipe(dst, src net.Conn, read func()) {
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
			read()
			if werr := p.forward(dst, buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// forward writes b to dst, waiting while the proxy is frozen.
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
		thawed, held := p.thawed, p.held
		p.mu.RUnlock()
		p.markHeld(held)
		<-thawed
		if p.isClosed() {
			return errDropped
		}
	}
}

func (p *Proxy) markHeld(held chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-held:
	default:
		close(held)
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
	p.Thaw()
	p.wg.Wait()
}
