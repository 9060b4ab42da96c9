// Package azuritetest runs Microsoft's Azurite (the Azure Storage
// emulator, blob service) for tests, so the real azblob client is
// exercised against Microsoft's own implementation of the protocol.
//
// Azurite is a Node.js program: the tests find azurite-blob through
// $TENANTRY_TEST_AZURITE, on PATH, or in $(go env GOPATH)/azurite (where
// .ci/run installs it), and fail, never skip, when it is missing.
package azuritetest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
)

// InstallHint is the command that installs Azurite where Binary looks.
const InstallHint = "npm install --prefix $(go env GOPATH)/azurite azurite"

// Azurite's well-known development account (its documented key, which
// Azurite itself holds).
const (
	Account = "devstoreaccount1"
	Key     = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)

// startTimeout bounds Azurite's start-up.
const startTimeout = 60 * time.Second

var listening = regexp.MustCompile(`successfully listens on http://127\.0\.0\.1:(\d+)`)

// Server is a running Azurite blob service.
type Server struct {
	URL string // the account's blob endpoint, http://127.0.0.1:port/devstoreaccount1

	port string
	cwd  string // its working folder (and its data, when persistent)
	keep bool   // persistent: data on disk in cwd, kept across Restart

	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	out  []string
}

// Start runs Azurite in memory on a free loopback port, stopped when t
// ends. It fails t with the install hint when Azurite is not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	return start(t, false)
}

// StartPersistent is Start with the data on disk, so that it survives a
// Restart (outage tests).
func StartPersistent(t testing.TB) *Server {
	t.Helper()
	return start(t, true)
}

func start(t testing.TB, keep bool) *Server {
	t.Helper()
	s := &Server{cwd: t.TempDir(), keep: keep, port: "0"}
	if err := s.launch(); err != nil {
		t.Fatalf("azuritetest: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// ConnectionString is the account's connection string for this server.
func (s *Server) ConnectionString() string {
	return ConnectionString(s.URL, Key)
}

// ConnectionString is a connection string of the development account at
// the blob endpoint url, signed with key.
func ConnectionString(url, key string) string {
	return "DefaultEndpointsProtocol=http;AccountName=" + Account + ";AccountKey=" + key + ";BlobEndpoint=" + url + ";"
}

// CreateContainer creates a container with the account's own key.
func (s *Server) CreateContainer(t testing.TB, name string) {
	t.Helper()
	c, err := azblob.NewClientFromConnectionString(s.ConnectionString(), nil)
	if err == nil {
		_, err = c.CreateContainer(context.Background(), name, nil)
	}
	if err != nil {
		t.Fatalf("azuritetest: create container %s: %v", name, err)
	}
}

// Blobs lists the names of the blobs in container, in order.
func (s *Server) Blobs(t testing.TB, container string) []string {
	t.Helper()
	c, err := azblob.NewClientFromConnectionString(s.ConnectionString(), nil)
	if err != nil {
		t.Fatalf("azuritetest: %v", err)
	}
	var out []string
	pager := c.NewListBlobsFlatPager(container, nil)
	for pager.More() {
		page, err := pager.NextPage(context.Background())
		if err != nil {
			t.Fatalf("azuritetest: list %s: %v", container, err)
		}
		for _, b := range page.Segment.BlobItems {
			out = append(out, *b.Name)
		}
	}
	return out
}

// Stop ends Azurite and waits until it has exited; a client then fails
// to connect, as during an outage. Azurite is asked to close first (so a
// persistent one saves its data), and killed if it has not within 10
// seconds.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err == nil {
		timer := time.NewTimer(10 * time.Second)
		select {
		case <-s.done:
		case <-timer.C:
		}
		timer.Stop()
	}
	if err := s.cmd.Process.Kill(); err == nil || errors.Is(err, os.ErrProcessDone) {
		<-s.done
	}
	s.cmd = nil
}

// Restart stops Azurite and starts it again on the same port (with the
// same data when persistent).
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	if err := s.launch(); err != nil {
		t.Fatalf("azuritetest: restart: %v", err)
	}
}

// Binary finds azurite-blob: $TENANTRY_TEST_AZURITE, PATH, then
// node_modules/.bin under $(go env GOPATH)/azurite.
func Binary() (string, error) {
	if p := os.Getenv("TENANTRY_TEST_AZURITE"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("azurite-blob"); err == nil {
		return p, nil
	}
	var looked []string
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, dir := range filepath.SplitList(strings.TrimSpace(string(out))) {
			p := filepath.Join(dir, "azurite", "node_modules", ".bin", "azurite-blob")
			looked = append(looked, p)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("azurite-blob (Microsoft's Azurite) is not installed (looked for azurite-blob on PATH, in $TENANTRY_TEST_AZURITE and at %s); "+
		"install it with: %s", strings.Join(looked, ", "), InstallHint)
}

// launch starts azurite-blob on s.port and returns once it listens.
func (s *Server) launch() error {
	bin, err := Binary()
	if err != nil {
		return err
	}
	args := []string{"--blobHost", "127.0.0.1", "--blobPort", s.port, "--skipApiVersionCheck", "--loose", "--disableTelemetry"}
	if s.keep {
		args = append(args, "--location", filepath.Join(s.cwd, "data"))
	} else {
		args = append(args, "--inMemoryPersistence")
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = s.cwd
	cmd.SysProcAttr = sysProcAttr()
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", bin, err)
	}
	s.cmd, s.done, s.out = cmd, make(chan struct{}), nil
	port := make(chan string, 1)
	go s.read(cmd, s.done, out, port)
	deadline := time.NewTimer(startTimeout)
	defer deadline.Stop()
	select {
	case p := <-port:
		s.port = p
		s.URL = "http://127.0.0.1:" + p + "/" + Account
		return nil
	case <-s.done:
		s.cmd = nil
		return fmt.Errorf("azurite-blob exited at start:\n%s", s.output())
	case <-deadline.C:
		s.Stop()
		return fmt.Errorf("azurite-blob did not listen within %s:\n%s", startTimeout, s.output())
	}
}

// read keeps Azurite's output, reports the port it listens on, and closes
// done when the process ends.
func (s *Server) read(cmd *exec.Cmd, done chan<- struct{}, out io.Reader, port chan<- string) {
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case port <- m[1]:
			default:
			}
		}
		s.mu.Lock()
		s.out = append(s.out, line)
		s.mu.Unlock()
	}
	_, _ = io.Copy(io.Discard, out)
	_ = cmd.Wait()
	close(done)
}

func (s *Server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := s.out
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	return strings.Join(lines, "\n")
}
