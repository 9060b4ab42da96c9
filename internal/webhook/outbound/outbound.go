// Package outbound sends webhook deliveries over HTTP, safely: only to the
// URLs package webhook accepts, and on every connection only to an address
// it allows after DNS resolution (a net.Dialer Control function sees the
// resolved address, so a name that resolves — or is rebound — to a
// private, loopback or link-local address is refused), through no proxy,
// following no redirect, within a timeout and reading at most MaxBody bytes
// of the answer.
package outbound

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	neturl "net/url"
	"syscall"
	"time"

	"github.com/tenantry/tenantry/internal/webhook"
)

// MaxBody is how much of a receiver's answer is read (and kept for the
// delivery's last error).
const MaxBody = 64 << 10

// DefaultTimeout bounds one attempt: connecting, sending and reading.
const DefaultTimeout = 10 * time.Second

// ErrRefused is a connection refused by the address rules.
var ErrRefused = errors.New("webhook: address refused (private, loopback, link-local, unspecified or multicast)")

// Client sends webhook requests.
type Client struct {
	http              *http.Client
	allowHTTPLoopback bool
}

// Options tune a Client; zero values take the defaults.
type Options struct {
	Timeout time.Duration // per attempt, default DefaultTimeout
	// AllowHTTPLoopback lets plain http:// URLs with a literal loopback
	// address through (development, tests); every other loopback
	// connection stays refused.
	AllowHTTPLoopback bool
}

type loopbackKey struct{}

// New returns a Client.
func New(opt Options) *Client {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	d := &net.Dialer{Timeout: opt.Timeout, ControlContext: control}
	tr := &http.Transport{
		Proxy:                  nil, // never through a proxy: it would connect where the rules cannot see
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    opt.Timeout,
		ResponseHeaderTimeout:  opt.Timeout,
		DisableKeepAlives:      true,
		MaxResponseHeaderBytes: 16 << 10,
	}
	return &Client{allowHTTPLoopback: opt.AllowHTTPLoopback, http: &http.Client{Transport: tr, Timeout: opt.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// control runs on every connection, after resolution, with the address
// about to be dialled.
func control(ctx context.Context, _, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrRefused, address)
	}
	addr := ap.Addr().Unmap()
	if webhook.AllowedAddr(addr) || (addr.IsLoopback() && ctx.Value(loopbackKey{}) != nil) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrRefused, addr)
}

// Result is what one attempt got.
type Result struct {
	Status   int // 0 when no answer came
	Duration time.Duration
	Body     []byte // at most MaxBody bytes of the answer
}

// OK reports whether the receiver took the delivery (a 2xx answer).
func (r Result) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Post sends body to url with headers. The URL is checked first (a
// refused one is an error wrapping the webhook.ErrURL… problem); an error
// means no answer came (refused, unreachable, timed out), otherwise the
// Result says what the receiver answered, redirects included as they are.
func (c *Client) Post(ctx context.Context, url string, headers map[string]string, body []byte) (Result, error) {
	if err := webhook.CheckURL(url, c.allowHTTPLoopback); err != nil {
		return Result{}, err
	}
	if c.allowHTTPLoopback && webhook.LoopbackHTTP(url) {
		ctx = context.WithValue(ctx, loopbackKey{}, true)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("webhook: request: %w", err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "Tenantry-Webhooks/1")
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return Result{Duration: time.Since(start)}, err
	}
	defer resp.Body.Close()
	// An answer cut short (or longer than MaxBody) keeps its status: the
	// receiver has answered.
	got, _ := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	return Result{Status: resp.StatusCode, Duration: time.Since(start), Body: got}, nil
}

// Check checks an endpoint URL at registration: the rules of
// webhook.CheckURL, then, for a name, every address it resolves to now (a
// name that does not resolve is accepted: each connection is checked
// again).
func (c *Client) Check(ctx context.Context, url string) error {
	if err := webhook.CheckURL(url, c.allowHTTPLoopback); err != nil {
		return err
	}
	host := hostOf(url)
	if _, literal := webhook.ParseHost(host); literal {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if !webhook.AllowedAddr(a) {
			return webhook.ErrURLForbidden
		}
	}
	return nil
}

// hostOf returns the host name of a URL CheckURL accepted.
func hostOf(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
