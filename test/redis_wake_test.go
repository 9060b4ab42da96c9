package test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/redistest"
)

// sharedPair boots two servers on one PostgreSQL database, master key,
// clock and Redis prefix, whose job workers and signing-key watches poll once an
// hour: whatever reaches one from the other within the test came by
// broadcast.
func sharedPair(t *testing.T, smtp string) (a, b *harness) {
	t.Helper()
	opt := options{redisURL: redistest.URL(t), redisPfx: redistest.Prefix(t), databaseURL: pgtest.NewDatabase(t),
		dataDir: t.TempDir(), smtp: smtp, pollsOff: true, redisWait: 10 * time.Second, clock: newTestClock()} // the broadcast, not the fallback, is tested
	return boot(t, "postgres", opt), boot(t, "postgres", opt)
}

// TestRedisWakesOtherWorkers: a job queued by a process whose worker is
// stopped is sent at once by another process's worker, woken through
// Redis (its own poll is an hour away).
func TestRedisWakesOtherWorkers(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t)
	a, _ := sharedPair(t, smtp.URL())
	a.srv.Jobs.Stop()
	tm := a.newTeam(t, "Woken Spa")
	start := time.Now()
	smtp.WaitFor(t, tm.email, 10*time.Second) // the welcome mail
	a.post(t, "/api/v1/invites", tm.owner, map[string]any{"email": "guest@woken-spa.example.com", "role": "staff"}).
		expect(http.StatusCreated)
	smtp.WaitFor(t, "guest@woken-spa.example.com", 10*time.Second)
	t.Logf("two mails queued by a sent by b within %s", time.Since(start).Round(time.Millisecond))
}

// TestRedisSharedKeyRotation: a signing key added by one process is listed
// and used by another at once, through the commit's broadcast (its poll
// is an hour away); tokens signed before stay valid.
func TestRedisSharedKeyRotation(t *testing.T) {
	t.Parallel()
	a, b := sharedPair(t, "")
	acc, old := a.keyOwner(t, "Rotated Spa")
	kid, err := a.srv.App.RotateSigningKey(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for !bytes.Contains(b.get(t, "/.well-known/jwks.json", "").expect(http.StatusOK).body, []byte(`"`+kid+`"`)) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("b does not list the key %s 5 s after its rotation on a", kid)
		}
	}
	t.Logf("b lists the key rotated on a after %s", time.Since(start).Round(100*time.Microsecond))
	if got := header(t, b.scoped(t, acc.email, acc.password, acc.tenantID)).str("kid"); got != kid {
		t.Errorf("b signs with %s, want %s", got, kid)
	}
	b.get(t, "/api/v1/tenants/me", old).expect(http.StatusOK)
}
