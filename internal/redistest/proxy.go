package redistest

import (
	"net/url"
	"testing"

	"github.com/tenantry/tenantry/internal/tcpproxy"
)

// Proxy is a TCP proxy in front of a Redis server that can freeze, drop
// and thaw (tcpproxy.Proxy), with the URL that connects through it.
type Proxy struct {
	*tcpproxy.Proxy
	// URL is the server's URL through the proxy.
	URL string
}

// NewProxy starts a proxy on 127.0.0.1:0 in front of the server of redisURL,
// closed when t ends.
func NewProxy(t testing.TB, redisURL string) *Proxy {
	t.Helper()
	u, err := url.Parse(redisURL)
	if err != nil {
		t.Fatalf("redistest: proxy: parse %q: %v", redisURL, err)
	}
	p := tcpproxy.New(t, u.Host)
	u.Host = p.Addr
	return &Proxy{Proxy: p, URL: u.String()}
}
