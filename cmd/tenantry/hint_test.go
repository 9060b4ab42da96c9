package main

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// running is a `tenantry serve` started by a test.
type running struct {
	base string // http://127.0.0.1:port
	out  *syncBuffer
	stop func()
}

// startServe runs `tenantry serve args…` with getenv until the test ends,
// and waits for it to listen.
func startServe(t *testing.T, args []string, getenv func(string) string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), out, out, getenv) }()
	r := &running{out: out}
	r.stop = func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, out.String())
		}
	}
	t.Cleanup(func() {
		if r.stop != nil {
			r.stop()
		}
	})
	r.base = "http://" + out.waitFor(t, listening, 20*time.Second)
	return r
}

// printed returns the words of the command the server printed on the line
// holding marker, as a shell would split them with getenv's variables.
func (r *running) printed(t *testing.T, marker string, getenv func(string) string) []string {
	t.Helper()
	for _, line := range strings.Split(r.out.String(), "\n") {
		if strings.Contains(line, marker) {
			words := shellWords(t, strings.TrimSpace(line), getenv)
			if len(words) < 3 || strings.Join(words[:3], " ") != "go run ./cmd/tenantry" {
				t.Fatalf("the printed command %q does not start with go run ./cmd/tenantry", line)
			}
			return words[3:]
		}
	}
	t.Fatalf("the server printed no line with %q:\n%s", marker, r.out.String())
	return nil
}

// shellWords splits a command line the way a POSIX shell does for the forms
// the hints use: plain words, '…' and "…" with $NAME expanded.
func shellWords(t *testing.T, line string, getenv func(string) string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	in := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ' && in:
			words, in = append(words, w.String()), false
			w.Reset()
		case c == ' ':
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			w.WriteString(line[i+1 : i+1+j])
			i, in = i+1+j, true
		case c == '"':
			j := strings.IndexByte(line[i+1:], '"')
			if j < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			w.WriteString(os.Expand(line[i+1:i+1+j], getenv))
			i, in = i+1+j, true
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// TestPrintedCommandsReachTheServersDatabase: the create-platform-admin and
// mail list commands the server prints, run from another shell that has
// none of the server's settings (only what the printed notes ask for), act
// on the running server's database — never on a second one under ./data.
// A database password is not printed.
func TestPrintedCommandsReachTheServersDatabase(t *testing.T) {
	t.Chdir(t.TempDir()) // a wrong command would create ./data here
	const password = "Pg-Secret-Passw0rd"
	for _, c := range []struct {
		name       string
		args       []string
		serverEnv  map[string]string
		commandEnv map[string]string // the other shell's environment
	}{
		{name: "sqlite -data-dir", args: []string{"-data-dir", t.TempDir() + "/my data"}},
		{name: "sqlite TENANTRY_DATA_DIR", serverEnv: map[string]string{"TENANTRY_DATA_DIR": t.TempDir()}},
		{name: "postgres -database-url", args: []string{"-data-dir", t.TempDir(), "-database-url", pgtest.NewDatabase(t)}},
		{name: "postgres DATABASE_URL with a password", serverEnv: map[string]string{
			"DATABASE_URL": withPassword(t, pgtest.NewDatabase(t), password), "TENANTRY_DATA_DIR": t.TempDir()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			serverEnv := map[string]string{"TENANTRY_ADDR": "127.0.0.1:0"}
			for k, v := range c.serverEnv {
				serverEnv[k] = v
			}
			commandEnv := map[string]string{}
			if u, ok := serverEnv["DATABASE_URL"]; ok { // the note asks for it; the data dir is in the command
				commandEnv["DATABASE_URL"] = u
			}
			srv := startServe(t, c.args, env(serverEnv))
			if strings.Contains(srv.out.String(), password) {
				t.Errorf("the server printed the database password:\n%s", srv.out.String())
			}

			args := srv.printed(t, "admin create-platform-admin", env(commandEnv))
			var out bytes.Buffer
			if code := run(context.Background(), args, &out, &out, env(commandEnv)); code != 0 || !strings.Contains(out.String(), ": created") {
				t.Fatalf("tenantry %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
			}
			login := `{"email":"admin@example.com","password":"Choose-A-Strong-Passw0rd"}`
			if resp, err := http.Post(srv.base+"/api/v1/auth/login", "application/json", strings.NewReader(login)); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("the admin the printed command created cannot log in to the server: %v %v", err, resp)
			} else {
				resp.Body.Close()
			}

			body := `{"business_name":"Hint Spa","business_email":"contact@hint.example.com","admin_first_name":"Maria",
				"admin_last_name":"Rodriguez","admin_email":"maria@hint.example.com","admin_password":"SecurePass123!",
				"terms_accepted":true,"privacy_accepted":true}`
			if resp, err := http.Post(srv.base+"/api/v1/public/register", "application/json", strings.NewReader(body)); err != nil || resp.StatusCode != http.StatusCreated {
				t.Fatalf("register: %v %v", err, resp)
			} else {
				resp.Body.Close()
			}
			args = srv.printed(t, "mail list", env(commandEnv))
			out.Reset()
			if code := run(context.Background(), args, &out, &out, env(commandEnv)); code != 0 || !strings.Contains(out.String(), "Subject: Welcome to Hint Spa") {
				t.Fatalf("tenantry %s: exit %d, no welcome mail:\n%s", strings.Join(args, " "), code, out.String())
			}
			if _, err := os.Stat("data"); err == nil {
				t.Error("a command created ./data")
			}
		})
	}
}

// withPassword puts password into a postgres URL (the test server trusts
// every connection, so the password is only there to be hidden).
func withPassword(t *testing.T, raw, password string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// TestCommandsRefuseAMissingDatabase: admin and mail list pointed at a
// folder without a database say so instead of creating an empty one.
func TestCommandsRefuseAMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	getenv := env(map[string]string{"TENANTRY_DATA_DIR": dir})
	for _, args := range [][]string{
		{"admin", "create-platform-admin", "--email", "root@example.com", "--password", "SecurePass123!"},
		{"admin", "rotate-signing-key"},
		{"mail", "list"},
	} {
		var out bytes.Buffer
		if code := run(context.Background(), args, &out, &out, getenv); code != 1 || !strings.Contains(out.String(), "no database at "+dir) {
			t.Errorf("tenantry %s on an empty folder: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("the commands wrote into the empty folder: %v", entries)
	}
}

// TestPublicURLFollowsTheListener: without TENANTRY_PUBLIC_URL the links in
// mail lead to the address the server listens on, port 0 resolved.
func TestPublicURLFollowsTheListener(t *testing.T) {
	dir := t.TempDir()
	srv := startServe(t, []string{"-addr", "127.0.0.1:0"}, env(map[string]string{"TENANTRY_DATA_DIR": dir}))
	if want := "public-url                " + srv.base + "\n"; !strings.Contains(srv.out.String(), want) {
		t.Errorf("the printed configuration lacks %q:\n%s", want, srv.out.String())
	}
	body := `{"email":"dev@example.com","password":"Correct-Horse-42","first_name":"Jane","last_name":"Doe"}`
	if resp, err := http.Post(srv.base+"/api/v1/auth/register", "application/json", strings.NewReader(body)); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %v %v", err, resp)
	} else {
		resp.Body.Close()
	}
	resp, err := http.Post(srv.base+"/api/v1/auth/forgot-password", "application/json", strings.NewReader(`{"email":"dev@example.com"}`))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("forgot-password: %v %v", err, resp)
	}
	resp.Body.Close()
	var out bytes.Buffer
	if code := run(context.Background(), []string{"mail", "list", "-n", "1"}, &out, &out, env(map[string]string{"TENANTRY_DATA_DIR": dir})); code != 0 ||
		!strings.Contains(out.String(), srv.base+"/console/reset-password?token=prt_") {
		t.Errorf("the reset mail does not link to %s/console/reset-password: exit %d\n%s", srv.base, code, out.String())
	}
}
