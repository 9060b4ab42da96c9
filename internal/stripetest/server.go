// Package stripetest runs Stripe's own stripe-mock for tests, so the real
// stripe-go client is exercised against the vendor's description of its API,
// and builds signed webhook events with stripe-go's own test helper.
//
// stripe-mock is a separate program: the tests find it on PATH or in
// $(go env GOPATH)/bin and fail, never skip, when it is missing
// (.ci/run installs it).
package stripetest

import (
	"bufio"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// InstallHint is the command that installs stripe-mock.
const InstallHint = "go install github.com/stripe/stripe-mock@latest"

// Key is a secret key stripe-mock accepts (any sk_test_ key does).
const Key = "sk_test_tenantry"

// startTimeout bounds stripe-mock's start-up (it loads Stripe's OpenAPI
// document, about half a second on a quiet machine).
const startTimeout = 60 * time.Second

// Server is a running stripe-mock.
type Server struct {
	// URL is its HTTP address, http://127.0.0.1:port: the API URL to give
	// the client (TENANTRY_STRIPE_API_URL).
	URL string

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited

	mu      sync.Mutex
	lines   []string      // its output, for failure messages and WaitForRequest
	changed chan struct{} // closed and replaced whenever a line arrives
}

// shared is this test binary's stripe-mock: started by the first test that
// needs it and stopped when the last test holding it ends, so parallel tests
// share one process.
var shared struct {
	mu   sync.Mutex
	srv  *Server
	refs map[*Server]int
}

// Start returns a running stripe-mock, shared by the tests of this binary
// that run at the same time, and releases it when t ends. It fails t with
// the install hint when stripe-mock is not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.srv == nil || shared.srv.exited() {
		srv, err := launch()
		if err != nil {
			t.Fatalf("stripetest: %v", err)
		}
		shared.srv = srv
	}
	srv := shared.srv
	if shared.refs == nil {
		shared.refs = map[*Server]int{}
	}
	shared.refs[srv]++
	t.Cleanup(func() {
		shared.mu.Lock()
		defer shared.mu.Unlock()
		if shared.refs[srv]--; shared.refs[srv] == 0 {
			delete(shared.refs, srv)
			srv.stop()
			if shared.srv == srv {
				shared.srv = nil
			}
		}
	})
	return srv
}

// Binary finds the stripe-mock program: $TENANTRY_TEST_STRIPE_MOCK, then
// PATH, then $GOBIN and the bin folder of each GOPATH entry.
func Binary() (string, error) {
	if p := os.Getenv("TENANTRY_TEST_STRIPE_MOCK"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p, nil
	}
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	for _, p := range filepath.SplitList(build.Default.GOPATH) {
		dirs = append(dirs, filepath.Join(p, "bin"))
	}
	if out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output(); err == nil {
		// One line each, GOBIN's empty when unset.
		lines := append(strings.Split(string(out), "\n"), "", "")
		if gobin := strings.TrimSpace(lines[0]); gobin != "" {
			dirs = append(dirs, gobin)
		}
		for _, p := range filepath.SplitList(strings.TrimSpace(lines[1])) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	var looked []string
	for _, d := range dirs {
		if slices.Contains(looked, d) {
			continue
		}
		looked = append(looked, d)
		p := filepath.Join(d, "stripe-mock")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("stripe-mock is not installed (looked on PATH and in %s); install it with: %s",
		strings.Join(looked, ", "), InstallHint)
}

// launch starts stripe-mock on free loopback ports (the system picks them:
// the HTTPS listener is given one too, or it would take the fixed 12112) and
// returns once it answers.
func launch() (*Server, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-http-addr", "127.0.0.1:", "-https-addr", "127.0.0.1:")
	cmd.SysProcAttr = sysProcAttr()
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &Server{cmd: cmd, done: make(chan struct{}), changed: make(chan struct{})}
	addr := make(chan string, 1)
	go s.read(out, addr)
	deadline := time.NewTimer(startTimeout)
	defer deadline.Stop()
	select {
	case a := <-addr:
		s.URL = "http://" + a
	case <-s.done:
		return nil, fmt.Errorf("stripe-mock exited at start:\n%s", s.output())
	case <-deadline.C:
		s.stop()
		return nil, fmt.Errorf("stripe-mock did not listen within %s:\n%s", startTimeout, s.output())
	}
	if err := s.waitAnswering(deadline.C); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// read keeps stripe-mock's output (it logs every request, so the pipe must
// be drained), reports the HTTP address it prints once listening, and
// closes done when the process ends.
func (s *Server) read(out io.Reader, addr chan<- string) {
	const prefix = "Listening for HTTP at address: "
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if a, ok := strings.CutPrefix(line, prefix); ok {
			select {
			case addr <- strings.TrimSpace(a):
			default:
			}
		}
		s.mu.Lock()
		s.lines = append(s.lines, line)
		close(s.changed)
		s.changed = make(chan struct{})
		s.mu.Unlock()
	}
	_, _ = io.Copy(io.Discard, out)
	_ = s.cmd.Wait()
	close(s.done)
}

// waitAnswering polls the listening server with a short backoff until it
// answers an API request, the process ends or the deadline fires.
func (s *Server) waitAnswering(deadline <-chan time.Time) error {
	client := &http.Client{Timeout: 5 * time.Second}
	backoff := 5 * time.Millisecond
	var last error
	for {
		req, err := http.NewRequest(http.MethodGet, s.URL+"/v1/customers/cus_ready", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+Key)
		res, err := client.Do(req)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %s", res.Status)
		}
		last = err
		wait := time.NewTimer(backoff)
		select {
		case <-wait.C:
		case <-s.done:
			wait.Stop()
			return fmt.Errorf("stripe-mock exited before answering:\n%s", s.output())
		case <-deadline:
			wait.Stop()
			return fmt.Errorf("stripe-mock at %s did not answer within %s (last: %v):\n%s", s.URL, startTimeout, last, s.output())
		}
		backoff = min(2*backoff, 200*time.Millisecond)
	}
}

// WaitForRequest waits until stripe-mock has logged the data of a request
// containing every one of parts (stripe-mock prints each request's form as
// "Request data = map[key:value …]", e.g. "metadata:map[tenant_id:ten_1]"),
// and fails t if none has within a few seconds. The request has been
// answered already; only its log line may still be on its way.
func (s *Server) WaitForRequest(t testing.TB, parts ...string) {
	t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		for _, line := range s.lines {
			if data, ok := strings.CutPrefix(line, "Request data = "); ok && containsAll(data, parts) {
				s.mu.Unlock()
				return
			}
		}
		s.mu.Unlock()
		select {
		case <-changed:
		case <-s.done:
			t.Fatalf("stripe-mock exited before logging a request with %q:\n%s", parts, s.output())
		case <-deadline.C:
			t.Fatalf("stripe-mock logged no request with %q:\n%s", parts, s.output())
		}
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// output is the tail of stripe-mock's output, for failure messages.
func (s *Server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := s.lines
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}

func (s *Server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop ends the process and waits until it has exited.
func (s *Server) stop() {
	if err := s.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return
	}
	<-s.done
}
