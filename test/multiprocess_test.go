package test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/redistest"
	"github.com/tenantry/tenantry/internal/secret"
)

// perUserRate is the servers' -rate-limit in the multi-process test:
// requests per second per signed-in user, in bursts of twice that.
const perUserRate = 20

// cluster is three `tenantry serve` processes of the built binary on one
// PostgreSQL database and one Redis, behind a round-robin balancer.
type cluster struct {
	bin   string
	env   []string
	db    *sql.DB
	procs []*process
	lb    *harness // through the balancer
	smtp  *mailtest.Server
}

// TestManyProcesses: three real server processes behind a round-robin
// balancer act as one deployment. A per-user rate limit holds across them;
// a revoked API key and a removed member are refused by each within 100
// ms; failed sign-ins through different processes lock the account for
// all; a signing key rotated by `tenantry admin rotate-signing-key` is
// used by all within a few seconds, older tokens staying valid; 1,000 mails
// queued through all three are each delivered exactly once; killing one
// process under a write load loses no acknowledged write.
//
// Not parallel: its latency bounds are measured on the wall clock, so it
// runs before the package's parallel tests load the machine.
func TestManyProcesses(t *testing.T) {
	c := startCluster(t, 3)
	t.Run("rate limit", c.sharedRateLimit)
	t.Run("revocation", c.revocation)
	t.Run("lockout", c.lockout)
	t.Run("signing key rotation", c.keyRotation)
	t.Run("mail exactly once", c.mailOnce)
	t.Run("kill under load", c.killUnderLoad)
}

func startCluster(t *testing.T, n int) *cluster {
	t.Helper()
	bin := buildTenantry(t)
	dbURL := pgtest.NewDatabase(t)
	smtp := mailtest.Start(t)
	key, err := secret.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	env := append(cleanEnv(),
		"DATABASE_URL="+dbURL,
		"TENANTRY_MASTER_KEY="+key,
		"TENANTRY_REDIS_URL="+redistest.URL(t),
		"TENANTRY_REDIS_PREFIX="+redistest.Prefix(t),
		"TENANTRY_REDIS_TIMEOUT=10s", // sharing is tested, not the fallback a loaded machine's slow answer would cause
		"TENANTRY_RATE_LIMIT="+fmt.Sprint(perUserRate),
		"TENANTRY_TRUST_PROXY=true",
		"TENANTRY_SMTP_URL="+smtp.URL(),
		"TENANTRY_BOOTSTRAP_ADMIN_EMAIL="+adminEmail,
		"TENANTRY_BOOTSTRAP_ADMIN_PASSWORD="+adminPassword,
		"TENANTRY_DATA_DIR="+t.TempDir(),
		"TENANTRY_LOG_LEVEL=warn",
	)
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	// All start at once on the empty database: one applies the migrations,
	// creates the first signing key and the platform admin, the others wait
	// for its locks and find them done.
	var procs []*process
	for i := range n {
		procs = append(procs, startProcess(t, bin, fmt.Sprintf("p%d", i), env))
	}
	for _, p := range procs {
		p.ready(t)
	}
	lb := client(roundRobin(t, procs).URL)
	return &cluster{bin: bin, env: env, db: db, procs: procs, lb: lb, smtp: smtp}
}

// sharedRateLimit: one signed-in user's burst, sent through the balancer
// faster than the limit refills, is admitted at most as one bucket of
// perUserRate a second (burst twice that) admits in the time the burst
// took, +10% — not three times that, as three processes counting alone
// would.
func (c *cluster) sharedRateLimit(t *testing.T) {
	acc := c.lb.register(t, "Shared Rate Spa")
	tok := c.lb.token(t, acc.email, acc.password) // a global token: the server's rate applies
	const total, workers = 300, 6
	var admitted, refused atomic.Int64
	start := time.Now()
	errs := parallel(workers, total, func(int) error {
		status, body, err := send(c.lb, http.MethodGet, "/api/v1/me", tok, nil, nil)
		switch {
		case err != nil:
			return err
		case status == http.StatusOK:
			admitted.Add(1)
		case status == http.StatusTooManyRequests:
			refused.Add(1)
		default:
			return fmt.Errorf("status %d: %s", status, body)
		}
		return nil
	})
	elapsed := time.Since(start)
	for _, err := range errs {
		t.Error(err)
	}
	burst := 2 * perUserRate
	bound := 1.1 * (float64(burst) + perUserRate*elapsed.Seconds())
	t.Logf("rate limit %d/s (burst %d) across 3 processes: %d of %d requests admitted, %d refused, in %s; at most %.0f allowed (3 unshared buckets: %.0f)",
		perUserRate, burst, admitted.Load(), total, refused.Load(), elapsed.Round(time.Millisecond), bound, 3*bound/1.1)
	if float64(admitted.Load()) > bound {
		t.Errorf("%d requests admitted, more than %.0f (one bucket of %d/s and burst %d over %s, +10%%)",
			admitted.Load(), bound, perUserRate, burst, elapsed)
	}
	if admitted.Load() < int64(burst) {
		t.Errorf("%d requests admitted, fewer than the burst of %d", admitted.Load(), burst)
	}
}

// revocation: a revoked API key and a removed member, each served (and
// cached) by every process a moment before, are refused by every process
// within 100 ms of the change's acknowledgement, measured by polling each
// directly.
func (c *cluster) revocation(t *testing.T) {
	acc, owner := c.lb.keyOwner(t, "Revoke Spa")
	c.lb.put(t, "/api/v1/configs/security.rate_limit_per_user", owner, map[string]any{"value": 1_000_000}).expect(http.StatusOK)
	k := c.lb.createKey(t, owner, "ci", "prod")
	secretKey := k.str("key")
	memberID := c.lb.addUser(t, owner, "staff@revoke-spa.example.com", "staff")
	member := c.lb.scoped(t, "staff@revoke-spa.example.com", goodPassword, acc.tenantID)
	keyHeader := map[string]string{"X-API-Key": secretKey}
	for _, p := range c.procs {
		p.withKey(t, http.MethodGet, "/api/v1/tenants/me", secretKey, nil).expect(http.StatusOK)
		p.get(t, "/api/v1/tenants/"+acc.tenantID, member).expect(http.StatusOK)
	}
	c.procs[0].del(t, "/api/v1/api-keys/"+k.str("id"), owner).expect(http.StatusNoContent)
	c.refusedWithin(t, "revoked API key", 100*time.Millisecond, func(p *process) (int, []byte, error) {
		return send(p.harness, http.MethodGet, "/api/v1/tenants/me", "", nil, keyHeader)
	}, "invalid_api_key")

	c.procs[1].del(t, "/api/v1/members/"+memberID, owner).expect(http.StatusNoContent)
	c.refusedWithin(t, "removed member", 100*time.Millisecond, func(p *process) (int, []byte, error) {
		return send(p.harness, http.MethodGet, "/api/v1/tenants/"+acc.tenantID, member, nil, nil)
	}, "membership_ended")
}

// refusedWithin polls every process at once with call until it answers
// 401 code, and fails unless each did within limit of now.
func (c *cluster) refusedWithin(t *testing.T, what string, limit time.Duration, call func(*process) (int, []byte, error), code string) {
	t.Helper()
	acked := time.Now()
	took := make([]time.Duration, len(c.procs))
	errs := make([]error, len(c.procs))
	var wg sync.WaitGroup
	for i, p := range c.procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 1; ; n++ {
				status, body, err := call(p)
				if err != nil {
					errs[i] = err
					return
				}
				if status == http.StatusUnauthorized {
					took[i] = time.Since(acked)
					if !bytes.Contains(body, []byte(`"`+code+`"`)) {
						errs[i] = fmt.Errorf("%s: refused with %s, want code %s", p.name, body, code)
					}
					return
				}
				if status != http.StatusOK {
					errs[i] = fmt.Errorf("%s: status %d: %s", p.name, status, body)
					return
				}
				if time.Since(acked) > 3*time.Second { // beyond the 2 s caches: the broadcast is lost
					errs[i] = fmt.Errorf("%s: still accepted after %s (%d requests)", p.name, time.Since(acked), n)
					return
				}
			}
		}()
	}
	wg.Wait()
	var report []string
	for i, p := range c.procs {
		if errs[i] != nil {
			t.Errorf("%s: %v", what, errs[i])
			continue
		}
		report = append(report, fmt.Sprintf("%s %s", p.name, took[i].Round(100*time.Microsecond)))
		if took[i] > limit {
			t.Errorf("%s: %s refused it %s after the change, more than %s", what, p.name, took[i], limit)
		}
	}
	t.Logf("%s refused after: %s", what, strings.Join(report, ", "))
}

// lockout: five failed sign-ins sent through the balancer (so through
// each process in turn) lock the account on every process.
func (c *cluster) lockout(t *testing.T) {
	acc := c.lb.register(t, "Lockout Spa")
	for range 5 {
		c.lb.post(t, "/api/v1/auth/login", "", map[string]any{"email": acc.email, "password": "Wrong-Passw0rd"}).
			problem(http.StatusUnauthorized, "invalid_credentials")
	}
	// The lock lasts a second: ask every process at once, right password.
	var wg sync.WaitGroup
	statuses := make([]string, len(c.procs))
	for i, p := range c.procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body, err := send(p.harness, http.MethodPost, "/api/v1/auth/login", "",
				map[string]any{"email": acc.email, "password": acc.password}, nil)
			statuses[i] = fmt.Sprintf("%d %s %v", status, body, err)
			if err == nil && status == http.StatusTooManyRequests && bytes.Contains(body, []byte(`"login_throttled"`)) {
				statuses[i] = "locked"
			}
		}()
	}
	wg.Wait()
	for i, s := range statuses {
		if s != "locked" {
			t.Errorf("%s after 5 failures through the balancer: %s, want 429 login_throttled", c.procs[i].name, s)
		}
	}
}

// keyRotation: `tenantry admin rotate-signing-key`, run as its own
// process on the same database and Redis, reaches every server — each
// lists the key in its JWKS and signs new tokens with it — within a few
// seconds, and a token signed before stays valid on each.
func (c *cluster) keyRotation(t *testing.T) {
	acc, old := c.lb.keyOwner(t, "Rotation Spa")
	oldKid := header(t, old).str("kid")
	cmd := exec.Command(c.bin, "admin", "rotate-signing-key")
	cmd.Env = c.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rotate-signing-key: %v\n%s", err, out)
	}
	rotated := time.Now()
	m := regexp.MustCompile(`new signing key (\S+);`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("rotate-signing-key printed no key:\n%s", out)
	}
	kid := string(m[1])
	if kid == oldKid {
		t.Fatalf("the new key %s is the old one", kid)
	}
	took := make([]time.Duration, len(c.procs))
	var wg sync.WaitGroup
	for i, p := range c.procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Since(rotated) < 10*time.Second {
				status, body, err := send(p.harness, http.MethodGet, "/.well-known/jwks.json", "", nil, nil)
				if err == nil && status == http.StatusOK && bytes.Contains(body, []byte(`"`+kid+`"`)) {
					took[i] = time.Since(rotated)
					return
				}
			}
			took[i] = -1
		}()
	}
	wg.Wait()
	var report []string
	for i, p := range c.procs {
		if took[i] < 0 || took[i] > 3*time.Second {
			t.Errorf("%s: the new key %s not in its JWKS within 3 s (%s)", p.name, kid, took[i])
		}
		report = append(report, fmt.Sprintf("%s %s", p.name, took[i].Round(100*time.Microsecond)))
		tok := p.scoped(t, acc.email, acc.password, acc.tenantID)
		if got := header(t, tok).str("kid"); got != kid {
			t.Errorf("%s signs with %s after the rotation, want %s", p.name, got, kid)
		}
		p.get(t, "/api/v1/tenants/me", old).expect(http.StatusOK) // the older key still verifies
	}
	t.Logf("rotated signing key %s listed after: %s", kid, strings.Join(report, ", "))
}

// header decodes a token's JOSE header.
func header(t testing.TB, tok string) obj {
	t.Helper()
	h, _, _, _ := jwtParts(t, tok)
	return h
}

// mailOnce: 1,000 invitations sent through the balancer queue 1,000 mails
// in the shared job queue; the three workers deliver each exactly once,
// and leave no mail job pending.
func (c *cluster) mailOnce(t *testing.T) {
	const mails, workers = 1000, 6
	acc, owner := c.lb.keyOwner(t, "Mail Spa")
	c.lb.put(t, "/api/v1/configs/security.rate_limit_per_user", owner, map[string]any{"value": 1_000_000}).expect(http.StatusOK)
	const domain = "@guests.mail-spa.example.com"
	start := time.Now()
	errs := parallel(workers, mails, func(i int) error {
		status, body, err := send(c.lb, http.MethodPost, "/api/v1/invites", owner,
			map[string]any{"email": fmt.Sprintf("guest%04d%s", i, domain), "role": "staff"}, nil)
		if err == nil && status != http.StatusCreated {
			err = fmt.Errorf("invite %d: status %d: %s", i, status, body)
		}
		return err
	})
	queued := time.Since(start)
	for _, err := range errs {
		t.Fatal(err)
	}
	ours := func(msgs []mailtest.Received) map[string]int {
		n := map[string]int{}
		for _, m := range msgs {
			for _, to := range m.To {
				if strings.HasSuffix(to, domain) {
					n[to]++
				}
			}
		}
		return n
	}
	c.smtp.Until(60*time.Second, func(msgs []mailtest.Received) bool { return total(ours(msgs)) >= mails })
	all := time.Since(start)
	var pending int
	if err := c.db.QueryRow(`SELECT count(*) FROM jobs WHERE kind = 'mail' AND tenant_id = $1
		AND done_at IS NULL AND failed_at IS NULL`, acc.tenantID).Scan(&pending); err != nil {
		t.Fatal(err)
	}
	got := ours(c.smtp.Messages())
	t.Logf("%d mails queued through 3 processes in %s, %d delivered %s after the first was queued; %d mail jobs pending",
		mails, queued.Round(time.Millisecond), total(got), all.Round(time.Millisecond), pending)
	if len(got) != mails {
		t.Errorf("%d recipients received mail, want %d", len(got), mails)
	}
	for to, n := range got {
		if n != 1 {
			t.Errorf("%s received %d messages, want 1", to, n)
		}
	}
	if pending != 0 {
		t.Errorf("%d mail jobs still pending after delivery", pending)
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// killUnderLoad: writers create customers through the balancer; one
// process is killed (SIGKILL) in the middle; every create answered 201 can
// be read afterwards from the processes left.
func (c *cluster) killUnderLoad(t *testing.T) {
	const workers, before, after = 6, 100, 300
	_, owner := c.lb.keyOwner(t, "Load Spa")
	c.lb.put(t, "/api/v1/configs/security.rate_limit_per_user", owner, map[string]any{"value": 1_000_000}).expect(http.StatusOK)
	var mu sync.Mutex
	var acked []string
	var failed atomic.Int64
	halfway := make(chan struct{})
	var errs []error
	done := make(chan struct{})
	go func() {
		defer close(done)
		errs = parallel(workers, 3*after, func(i int) error {
			mu.Lock()
			n := len(acked)
			mu.Unlock()
			if n >= after {
				return nil
			}
			status, body, err := send(c.lb, http.MethodPost, "/api/v1/customers", owner, map[string]any{"name": fmt.Sprintf("Load %04d", i)}, nil)
			if err != nil || status != http.StatusCreated {
				failed.Add(1) // not acknowledged: the killed process's, or cut off by the kill
				return nil
			}
			var o struct{ ID string }
			if err := json.Unmarshal(body, &o); err != nil || o.ID == "" {
				return fmt.Errorf("201 without an id: %s", body)
			}
			mu.Lock()
			acked = append(acked, o.ID)
			if len(acked) == before {
				close(halfway)
			}
			mu.Unlock()
			return nil
		})
	}()
	select {
	case <-halfway:
		c.procs[2].kill(t)
	case <-done:
		t.Fatalf("the writers finished before %d creates were acknowledged", before)
	}
	<-done
	for _, err := range errs {
		t.Error(err)
	}
	alive := c.procs[:2]
	lost := parallel(workers, len(acked), func(i int) error {
		status, body, err := send(alive[i%2].harness, http.MethodGet, "/api/v1/customers/"+acked[i], owner, nil, nil)
		if err == nil && status != http.StatusOK {
			err = fmt.Errorf("acknowledged customer %s: status %d: %s", acked[i], status, body)
		}
		return err
	})
	t.Logf("kill under load: %d creates acknowledged (%d before the kill of %s), %d not acknowledged; %d acknowledged ones unreadable",
		len(acked), before, c.procs[2].name, failed.Load(), len(lost))
	for _, err := range lost {
		t.Error(err)
	}
	if len(acked) < after {
		t.Errorf("only %d creates acknowledged, want %d", len(acked), after)
	}
}

// parallel runs fn(0) … fn(n-1) on workers goroutines and returns the
// errors fn returned.
func parallel(workers, n int, fn func(i int) error) []error {
	var next atomic.Int64
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := fn(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return errs
}

// send is one request of h's client that reports instead of failing the
// test, for other goroutines than the test's.
func send(h *harness, method, path, token string, body any, headers map[string]string) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := http.NewRequestWithContext(ctx, method, h.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	res, err := h.client.Do(r)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}
