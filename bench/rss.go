package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The bench binary runs as a server process of its own when childEnv names
// a data folder (childDBEnv a PostgreSQL database, else SQLite there;
// childHashEnv its password-hashes setting): it
// prints its URL on a line of standard output and serves until standard
// input closes.
const (
	childEnv     = "TENANTRY_BENCH_SERVER_DIR"
	childDBEnv   = "TENANTRY_BENCH_SERVER_DATABASE"
	childHashEnv = "TENANTRY_BENCH_SERVER_HASHES"
	rssLogins    = 16
	// rssSettle is how long after the storm the settled RSS is read: the
	// password-hash queue gives its memory back once it has been empty for
	// half a second (identity.HashQueue).
	rssSettle = time.Second
)

// serveChild is the server process of benchRSS, with the password-hashes
// setting n (0: one per core).
func serveChild(dir, databaseURL string, n int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := startServer(ctx, dir, databaseURL, hashes(n))
	if err != nil {
		return err
	}
	fmt.Println(srv.URL)
	closed := make(chan struct{})
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); close(closed) }()
	select {
	case <-closed:
	case <-ctx.Done():
	}
	return srv.Close()
}

// benchRSS starts the bench binary again as a server of its own (on a
// fresh SQLite folder, or a fresh PostgreSQL database) so that its resident
// memory is the server's alone, reads VmRSS from /proc/<pid>/status when it
// is up and idle (migrated, no request yet), seeds a business (one
// registration, one login), lets rssLogins workers log in for the run's
// duration and reads VmRSS and VmHWM (the peak) again. The row is the
// storm's logins, the memory is in the notes.
func benchRSS(ctx context.Context, e engine, opt options, hc *http.Client, dir, databaseURL string, srv *running, progress io.Writer) (r Result, err error) {
	exe, err := os.Executable()
	if err != nil {
		return r, fmt.Errorf("bench executable: %w", err)
	}
	childDir := filepath.Join(dir, "rss")
	if err := os.Mkdir(childDir, 0o700); err != nil {
		return r, err
	}
	childDB := ""
	if e.AdminURL != "" {
		var drop func() error
		if childDB, drop, err = createDatabase(ctx, e.AdminURL); err != nil {
			return r, err
		}
		defer func() { err = errors.Join(err, drop()) }()
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(), childEnv+"="+childDir, childDBEnv+"="+childDB, childHashEnv+"="+strconv.Itoa(opt.PasswordHashes))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return r, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return r, err
	}
	fmt.Fprintf(progress, "%s: starting a server process for its memory\n", e.Name)
	if err := cmd.Start(); err != nil {
		return r, fmt.Errorf("start server process: %w", err)
	}
	defer func() {
		_ = stdin.Close()
		hc.CloseIdleConnections()
		if werr := cmd.Wait(); werr != nil {
			err = errors.Join(err, fmt.Errorf("server process: %w", werr))
		}
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return r, fmt.Errorf("server process: no URL: %w", err)
	}
	url := strings.TrimSpace(line)
	pid := cmd.Process.Pid
	idle, err := memory(pid)
	if err != nil {
		return r, err
	}
	a, err := seed(ctx, hc, url)
	if err != nil {
		return r, fmt.Errorf("seed: %w", err)
	}
	login, err := loginOp(hc, url, a.Email)
	if err != nil {
		return r, err
	}
	r = Result{Engine: e.Name, Scenario: fmt.Sprintf("login storm, %d at once, own process", rssLogins), Baseline: "none"}
	fmt.Fprintf(progress, "%s: login storm, %d workers, %s\n", e.Name, rssLogins, opt.Duration)
	if r.Real, err = drive(ctx, rssLogins, 0, opt.Duration, login); err != nil {
		return r, err
	}
	after, err := memory(pid)
	if err != nil {
		return r, err
	}
	time.Sleep(rssSettle) // what the server keeps once the storm is over, not in its last millisecond
	settled, err := memory(pid)
	if err != nil {
		return r, err
	}
	r.Notes = append(r.Notes, fmt.Sprintf("server process RSS (VmRSS of /proc/%d/status): idle %s, at the storm's end %s, %s after it %s, peak (VmHWM) %s",
		pid, mib(idle.rss), mib(after.rss), rssSettle, mib(settled.rss), mib(settled.hwm)))
	return r, nil
}

// procMemory is a process's resident memory now and at its peak, in KiB.
type procMemory struct{ rss, hwm int64 }

// memory reads VmRSS and VmHWM of process pid from /proc (Linux).
func memory(pid int) (procMemory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return procMemory{}, fmt.Errorf("server memory: %w", err)
	}
	var m procMemory
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok || k != "VmRSS" && k != "VmHWM" {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return m, fmt.Errorf("server memory: %s: %w", l, err)
		}
		if k == "VmRSS" {
			m.rss = n
		} else {
			m.hwm = n
		}
	}
	return m, nil
}

// mib formats KiB as MiB.
func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }
