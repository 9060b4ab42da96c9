package pgtest

import (
	"errors"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP connections to a PostgreSQL server and can be frozen:
// a frozen proxy still accepts connections and keeps every one open, but
// forwards no byte in either direction until it is thawed, as a server whose
// processes are stopped (SIGSTOP) behaves. Bytes read while frozen are held
// and delivered, in order, on thaw — as a stopped server reads its socket
// buffers when it resumes.
type Proxy struct {
	// URL is the database URL that connects through the proxy.
	URL string

	target string
	ln     net.Listener

	mu     sync.RWMutex // forwarding holds it shared; Freeze and Thaw exclusively
	frozen bool
	thawed chan struct{} // closed on Thaw
	held   chan struct{} // closed when the current freeze first holds bytes
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup

	trips atomic.Int64 // client turns, see RoundTrips
}

// RoundTrips returns how many times, over every connection so far, a client
// has sent after the server last answered it (or first): the round trips
// the clients waited for.
func (p *Proxy) RoundTrips() int64 { return p.trips.Load() }

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

// NewProxy starts a proxy on 127.0.0.1:0 in front of the server of dbURL,
// closed when t ends, and returns it with URL naming the same database
// through the proxy.
func NewProxy(t testing.TB, dbURL string) *Proxy {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatalf("pgtest: proxy: parse %q: %v", dbURL, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("pgtest: proxy: listen: %v", err)
	}
	p := &Proxy{target: u.Host, ln: ln, conns: map[net.Conn]struct{}{}}
	u.Host = ln.Addr().String()
	p.URL = u.String()
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.close)
	return p
}

// Freeze stops forwarding: once it returns, no byte passes until Thaw.
func (p *Proxy) Freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.frozen {
		p.frozen, p.thawed, p.held = true, make(chan struct{}), make(chan struct{})
	}
}

// Thaw resumes forwarding, delivering what was held first.
func (p *Proxy) Thaw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.frozen {
		p.frozen = false
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

// track records a pair of connections to close with the proxy; it reports
// false (closing them) when the proxy is already closed.
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

// pipe copies src to dst through the freeze gate, calling read for every
// chunk read; when either side fails or ends, both are closed.
func (p *Proxy) pipe(dst, src net.Conn, read func()) {
	defer p.wg.Done()
	defer func() { _ = dst.Close(); _ = src.Close() }()
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
		if !p.frozen {
			_, err := dst.Write(b)
			p.mu.RUnlock()
			return err
		}
		thawed, held := p.thawed, p.held
		p.mu.RUnlock()
		p.markHeld(held)
		<-thawed
		if p.isClosed() {
			return errors.New("pgtest: proxy closed")
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
