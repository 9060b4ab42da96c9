package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once; a
// reader can wait for what the writer has yet to write (waitFor).
type syncBuffer struct {
	mu    sync.Mutex
	b     bytes.Buffer
	wrote chan struct{} // closed and replaced on every write
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wrote != nil {
		close(s.wrote)
		s.wrote = nil
	}
	return s.b.Write(p)
}

// waitFor waits until the text written matches re, woken by each write, and
// returns the match's first group (or the whole match); it fails t when
// nothing has matched within timeout.
func (s *syncBuffer) waitFor(t *testing.T, re *regexp.Regexp, timeout time.Duration) string {
	t.Helper()
	expired := time.After(timeout)
	for {
		s.mu.Lock()
		m := re.FindStringSubmatch(s.b.String())
		if s.wrote == nil {
			s.wrote = make(chan struct{})
		}
		wrote := s.wrote
		s.mu.Unlock()
		if m != nil {
			return m[len(m)-1]
		}
		select {
		case <-wrote:
		case <-expired:
			t.Fatalf("waited %s for %q in:\n%s", timeout, re, s.String())
		}
	}
}

// listening is what serve prints once it listens.
var listening = regexp.MustCompile(`listening on http://([0-9.:]+)`)

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir})
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"migrate"}, 0, "sqlite schema is up to date"},
		{[]string{"admin", "create-platform-admin", "--email", "root@example.com", "--password", "weak"}, 1, "weak_password"},
		{[]string{"admin", "create-platform-admin", "--email", "root@example.com", "--password", "SecurePass123!"}, 0, "created"},
		{[]string{"admin", "create-platform-admin", "--email", "root@example.com", "--password", "SecurePass123!"}, 0, "exists"},
		{[]string{"admin", "rotate-signing-key"}, 0, "new signing key kid_"},
		{[]string{"admin", "nope"}, 1, "unknown subcommand"},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"help"}, 0, "TENANTRY_MASTER_KEY"},
		{[]string{"serve", "-rate-limit", "-1"}, 1, "rate-limit"},
	}
	for _, c := range cases {
		var out bytes.Buffer
		code := run(ctx, c.args, &out, &out, getenv)
		if code != c.code || !strings.Contains(out.String(), c.out) {
			t.Errorf("tenantry %s: exit %d, output:\n%s\nwant exit %d containing %q", strings.Join(c.args, " "), code, out.String(), c.code, c.out)
		}
	}
}

// TestServe starts the server as a user would, with nothing but a data
// folder, and checks that it answers and stops cleanly.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan int, 1)
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir, "TENANTRY_ADDR": "127.0.0.1:0",
		"TENANTRY_BOOTSTRAP_ADMIN_EMAIL": "boot@example.com", "TENANTRY_BOOTSTRAP_ADMIN_PASSWORD": "SecurePass123!"})
	go func() { done <- run(ctx, []string{"serve"}, &out, &out, getenv) }()
	defer cancel()
	base := "http://" + out.waitFor(t, listening, 20*time.Second)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(base + path)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("GET %s: %v %v", path, err, resp)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	for _, want := range []string{"bootstrap platform admin boot@example.com: created", "master-key", "(generated file in data-dir)", "bootstrap-admin-password  ****"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "SecurePass123!") {
		t.Error("the bootstrap password was printed")
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d:\n%s", code, out.String())
		}
	case <-time.After(25 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestOpenAPICommand: `tenantry openapi` prints the committed
// docs/openapi.json (which test/openapi_golden_test.go compares with what
// the server serves).
func TestOpenAPICommand(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"openapi"}, &out, &out, env(nil)); code != 0 {
		t.Fatalf("openapi: exit %d\n%s", code, out.String())
	}
	golden, err := os.ReadFile("../../docs/openapi.json")
	if err != nil || !bytes.Equal(out.Bytes(), golden) {
		t.Errorf("tenantry openapi differs from docs/openapi.json (%v); regenerate: go run ./cmd/tenantry openapi > docs/openapi.json", err)
	}
}

// TestConfigDocCommand: `tenantry config-doc` prints docs/configuration.md.
func TestConfigDocCommand(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), []string{"config-doc"}, &out, &out, env(nil)); code != 0 {
		t.Fatalf("config-doc: exit %d\n%s", code, out.String())
	}
	golden, err := os.ReadFile("../../docs/configuration.md")
	if err != nil || !bytes.Equal(out.Bytes(), golden) {
		t.Errorf("tenantry config-doc differs from docs/configuration.md (%v); regenerate: go run ./cmd/tenantry config-doc > docs/configuration.md", err)
	}
}
