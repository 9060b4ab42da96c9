package test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
)

// readmeTools are the programs the walk-through uses, with what to install.
const readmeTools = "the README test runs the walk-through with bash, curl and sed: Debian/Ubuntu `apt-get install bash curl sed`, " +
	"Fedora `dnf install bash curl sed`, macOS `brew install bash curl gnu-sed`"

// annotation is the expected answer at the end of a walk-through line:
// `# → 201`, or `# → 422 slug_immutable` for a refusal with its code.
var annotation = regexp.MustCompile(`#\s*→\s*([1-5][0-9][0-9])(?:\s+([a-z][a-z0-9_]*))?\s*$`)

// TestREADMEWalkthrough runs the README's walk-through as a newcomer would:
// the real binary serves on a fresh database, and every ```sh block of the
// "Walk-through" section runs in order in one bash, with API pointing at
// the server and the `go run ./cmd/tenantry` commands reaching the same
// database through the environment. Each request annotated `# → status
// [code]` must answer that status (and problem code); a curl without an
// annotation fails the test, so nothing in the walk-through goes unchecked.
func TestREADMEWalkthrough(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "sed"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: %s", tool, readmeTools)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, checks := walkthroughScript(t, string(readme))
	bin := buildTenantry(t)
	for _, engine := range engines {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			env := cleanEnv()
			env = append(env, "TENANTRY_DATA_DIR="+t.TempDir())
			if engine == "postgres" {
				env = append(env, "DATABASE_URL="+pgtest.NewDatabase(t))
			}
			base := startBinary(t, bin, env)
			dir := t.TempDir()
			cmd := exec.Command("bash", "-c", script)
			cmd.Dir = ".." // the repository's folder, where `go run ./cmd/tenantry` works
			cmd.Env = append(env, "API="+base, "README_CHECKS="+filepath.Join(dir, "checks"), "README_TMP="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("the walk-through failed: %v\n%s", err, out)
			}
			done, _ := os.ReadFile(filepath.Join(dir, "checks"))
			if n := strings.Count(string(done), "\n"); n != checks {
				t.Fatalf("the walk-through checked %d answers, the README annotates %d\n%s", n, checks, out)
			}
		})
	}
}

// walkthroughScript returns the ```sh blocks of the README's Walk-through
// section as one bash script that checks each annotated answer, and how
// many annotations it has.
func walkthroughScript(t *testing.T, readme string) (string, int) {
	t.Helper()
	_, section, ok := strings.Cut(readme, "\n## Walk-through\n")
	if !ok {
		t.Fatal("the README has no ## Walk-through section")
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var b strings.Builder
	b.WriteString(readmePrelude)
	checks, blocks := 0, 0
	in := false
	sc := bufio.NewScanner(strings.NewReader(section))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case !in && line == "```sh":
			in, blocks = true, blocks+1
			fmt.Fprintf(&b, "# --- block %d\n", blocks)
		case in && line == "```":
			in = false
		case in:
			b.WriteString(line + "\n")
			if m := annotation.FindStringSubmatch(line); m != nil {
				checks++
				fmt.Fprintf(&b, "__expect %q %s %q\n", strings.TrimSpace(line), m[1], m[2])
			}
		}
	}
	if in {
		t.Fatal("the README's walk-through has an unclosed ```sh block")
	}
	if blocks < 3 || checks < 10 {
		t.Fatalf("the README's walk-through has %d ```sh blocks and %d annotated answers: too few to be the walk-through", blocks, checks)
	}
	b.WriteString("__done\n")
	return b.String(), checks
}

// readmePrelude runs before the walk-through: curl keeps each answer's
// status line and body, and __expect compares them with an annotation.
const readmePrelude = `set -eo pipefail
__pending="$README_TMP/pending"
curl() {
  if [ -e "$__pending" ]; then
    echo "README: a curl command has no '# → status' annotation" >&2
    echo unannotated >"$README_TMP/unannotated"
  fi
  : >"$__pending"
  command curl -D "$README_TMP/headers" "$@" | tee "$README_TMP/body"
}
__expect() { # the README line, the status, the problem code or ""
  rm -f "$__pending"
  local got
  got=$(sed -nE 's/^HTTP\/[0-9.]+ ([0-9]{3}).*/\1/p' "$README_TMP/headers" | tail -n 1)
  if [ "$got" != "$2" ]; then
    printf '\nREADME: %s\n  answered %s, the README says %s:\n%s\n' "$1" "$got" "$2" "$(cat "$README_TMP/body")" >&2
    exit 1
  fi
  if [ -n "$3" ] && ! grep -q "\"code\":\"$3\"" "$README_TMP/body"; then
    printf '\nREADME: %s\n  answered without the code %s:\n%s\n' "$1" "$3" "$(cat "$README_TMP/body")" >&2
    exit 1
  fi
  echo "$2 $1" >>"$README_CHECKS"
}
__done() {
  if [ -e "$__pending" ] || [ -e "$README_TMP/unannotated" ]; then
    echo "README: a curl command of the walk-through has no '# → status' annotation" >&2
    exit 1
  fi
}
`

// buildTenantry builds the tenantry command into a temporary folder.
func buildTenantry(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tenantry")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/tenantry")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/tenantry: %v\n%s", err, out)
	}
	return bin
}

// cleanEnv is this process's environment without Tenantry's settings, so
// that the developer's own do not reach the server or the walk-through.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TENANTRY_") && !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "API=") {
			out = append(out, kv)
		}
	}
	return out
}

// startBinary runs `tenantry serve` on a free port with env until the test
// ends, and returns its base URL once /readyz answers 200.
func startBinary(t *testing.T, bin string, env []string) string {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "TENANTRY_ADDR=127.0.0.1:0")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
			if waitErr != nil {
				t.Errorf("tenantry serve: %v\n%s", waitErr, out.String())
			}
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("tenantry serve did not stop on SIGTERM\n%s", out.String())
		}
		if t.Failed() {
			t.Logf("server output:\n%s", out.String())
		}
	})
	listening := regexp.MustCompile(`listening on (http://[0-9.:]+)`)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			if res, err := http.Get(m[1] + "/readyz"); err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return m[1]
				}
			}
		}
		select {
		case <-exited:
			t.Fatalf("tenantry serve exited: %v\n%s", waitErr, out.String())
		case <-ctx.Done():
			t.Fatalf("tenantry serve was not ready within a minute\n%s", out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}
