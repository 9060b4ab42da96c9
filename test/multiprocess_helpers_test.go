package test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"regexp"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// process is one `tenantry serve` of the built binary, and a client that
// talks to it alone.
type process struct {
	*harness
	name    string
	cmd     *exec.Cmd
	out     *syncBuffer
	exited  chan struct{}
	waitErr error // once exited is closed
	killed  atomic.Bool
}

// startProcess runs `bin serve` with env on a free port until the test
// ends (SIGTERM, then a wait for it to drain and exit). Its harness is set
// by ready.
func startProcess(t *testing.T, bin, name string, env []string) *process {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "TENANTRY_ADDR=127.0.0.1:0")
	p := &process{name: name, cmd: cmd, out: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	go func() { p.waitErr = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		if !p.killed.Load() {
			_ = cmd.Process.Signal(syscall.SIGTERM)
		}
		select {
		case <-p.exited:
			if p.waitErr != nil && !p.killed.Load() {
				t.Errorf("%s: tenantry serve: %v", name, p.waitErr)
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("%s: tenantry serve did not stop on SIGTERM", name)
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", name, p.out.String())
		}
	})
	return p
}

// ready waits for p's /readyz to answer 200 and gives p its client.
func (p *process) ready(t *testing.T) {
	t.Helper()
	name := p.name
	listening := regexp.MustCompile(`listening on (http://[0-9.:]+)`)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		if m := listening.FindStringSubmatch(p.out.String()); m != nil {
			if res, err := http.Get(m[1] + "/readyz"); err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					p.harness = client(m[1])
					return
				}
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("%s: tenantry serve exited: %v\n%s", name, p.waitErr, p.out.String())
		case <-ctx.Done():
			t.Fatalf("%s: tenantry serve was not ready within a minute\n%s", name, p.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// kill ends the process with SIGKILL — no draining, no goodbye — and waits
// for it to be gone.
func (p *process) kill(t *testing.T) {
	t.Helper()
	p.killed.Store(true)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill %s: %v", p.name, err)
	}
	<-p.exited
}

// client is a harness that only talks HTTP to base, on the wall clock,
// each request from a client address of its own (X-Forwarded-For, which
// the servers trust), so that per-address limits never interfere.
func client(base string) *harness {
	tr := &http.Transport{MaxIdleConnsPerHost: 16}
	return &harness{engine: "postgres", base: base,
		client: &http.Client{Transport: forwardedFor{tr}, Timeout: 30 * time.Second}}
}

// forwardedFor gives each request without an X-Forwarded-For a fresh
// client address in 10.0.0.0/8.
type forwardedFor struct{ next http.RoundTripper }

var lastAddress atomic.Uint32

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("X-Forwarded-For") == "" {
		n := lastAddress.Add(1)
		r = r.Clone(r.Context())
		r.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", n>>16&0xff, n>>8&0xff, n&0xff))
	}
	return f.next.RoundTrip(r)
}

// roundRobin is a load balancer in the test: each request goes to the next
// of the processes' addresses in turn, dead ones included (a request to a
// dead one is a 502, as from a balancer whose health check has not yet
// noticed).
func roundRobin(t *testing.T, procs []*process) *httptest.Server {
	t.Helper()
	var next atomic.Uint64
	targets := make([]*url.URL, len(procs))
	for i, p := range procs {
		u, err := url.Parse(p.base)
		if err != nil {
			t.Fatal(err)
		}
		targets[i] = u
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(targets[(next.Add(1)-1)%uint64(len(targets))])
			pr.Out.Header["X-Forwarded-For"] = pr.In.Header["X-Forwarded-For"]
		},
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) },
	}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv
}
