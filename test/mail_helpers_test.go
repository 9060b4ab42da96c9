package test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/mail"
	"github.com/tenantry/tenantry/internal/mailtest"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/server"
	"github.com/tenantry/tenantry/internal/store"
)

// forEachEngineSMTP runs fn per engine like forEachEngine, each engine's
// server delivering mail to its own mailtest SMTP server started with opts.
func forEachEngineSMTP(t *testing.T, opts []mailtest.Option, fn func(t *testing.T, h *harness, srv *mailtest.Server)) {
	t.Helper()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			srv := mailtest.Start(t, opts...)
			fn(t, boot(t, eng, options{smtp: srv.URL()}), srv)
		})
	}
}

// outbox opens a second handle on the database behind cfg, as another
// process would, to inspect the mail outbox.
func outbox(t *testing.T, cfg config.Config) *store.DB {
	t.Helper()
	db, err := server.OpenDB(context.Background(), &cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("open the database: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// mailTo returns the outbox messages to the address to, newest first.
func mailTo(t *testing.T, db *store.DB, to string) []*mail.Message {
	t.Helper()
	var all []*mail.Message
	ctx := context.Background()
	if err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { all, err = tx.ListMail(ctx, 500); return }); err != nil {
		t.Fatalf("list mail: %v", err)
	}
	var out []*mail.Message
	for _, m := range all {
		if m.To == to {
			out = append(out, m)
		}
	}
	return out
}

// waitMail polls the outbox until the only message to the address to
// satisfies ok, and returns it.
func waitMail(t *testing.T, db *store.DB, to string, timeout time.Duration, ok func(*mail.Message) bool) *mail.Message {
	t.Helper()
	var last []*mail.Message
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if last = mailTo(t, db, to); len(last) == 1 && ok(last[0]) {
			return last[0]
		}
	}
	for _, m := range last {
		t.Logf("outbox: %+v", m)
	}
	t.Fatalf("the outbox never reached the expected state for %s (%d messages)", to, len(last))
	return nil
}

// mailConfig is the configuration boot uses, for tests that open and close
// servers themselves on one database.
func mailConfig(t *testing.T, engine, smtpURL string) config.Config {
	t.Helper()
	cfg, _, err := config.Load("test", nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	cfg.DataDir = t.TempDir()
	if engine == "postgres" {
		cfg.DatabaseURL = pgtest.NewDatabase(t)
	}
	cfg.RateLimit, cfg.SMTPURL = 10000, smtpURL
	return cfg
}

// running is a server opened and served by the test itself.
type running struct {
	*harness
	stopOnce sync.Once
	stop     func()
}

// serve opens a server on cfg and serves it on 127.0.0.1:0 until Stop (or
// the end of the test), on clock (nil: the wall clock); servers given one
// clock share the time, as processes on one machine do.
func serve(t *testing.T, engine string, cfg config.Config, clock *testClock) *running {
	t.Helper()
	var opts []server.Option
	if clock != nil {
		opts = append(opts, server.WithClock(clock.now))
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := server.Open(ctx, cfg, slog.New(slog.DiscardHandler), opts...)
	if err != nil {
		cancel()
		t.Fatalf("server.Open: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		cancel()
		_ = s.Close()
		t.Fatalf("listen: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	r := &running{harness: &harness{engine: engine, base: "http://" + ln.Addr().String(), cfg: cfg,
		client: &http.Client{Timeout: 30 * time.Second}, srv: s, clock: clock}}
	r.stop = func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}
	t.Cleanup(r.Stop)
	return r
}

// Stop shuts the server down (its mail worker included); stopping twice is harmless.
func (r *running) Stop() { r.stopOnce.Do(r.stop) }
