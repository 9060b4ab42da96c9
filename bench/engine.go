package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop the run's database
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/server"
)

// engine is a database to benchmark the server on.
type engine struct {
	Name     string // "sqlite" or "postgres"
	AdminURL string // postgres: the server where the run's database is created
}

// engines lists SQLite, and PostgreSQL when databaseURL is set.
func engines(databaseURL string) []engine {
	es := []engine{{Name: "sqlite"}}
	if databaseURL != "" {
		es = append(es, engine{Name: "postgres", AdminURL: databaseURL})
	}
	return es
}

// createDatabase creates a fresh database tenantry_bench_<random> on the
// server at adminURL and returns its URL and a function that drops it.
func createDatabase(ctx context.Context, adminURL string) (string, func() error, error) {
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	adm, err := sql.Open("pgx", adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect DATABASE_URL: %w", err)
	}
	name := "tenantry_bench_" + randomHex(6)
	if _, err := adm.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = adm.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() error {
		defer adm.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := adm.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		return nil
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// running is a real Tenantry server serving on a loopback port.
type running struct {
	*server.Server
	cfg  config.Config
	URL  string // http://127.0.0.1:port
	stop context.CancelFunc
	done chan error

	seeded tenantSeed   // the tenants seeded through the store so far (scale.go)
	warns  *warnCounter // the server's warnings, counted (register.go)
}

// startServer opens the real server on dataDir (SQLite) or databaseURL
// (PostgreSQL) with the rate limiter set so high that it runs but never
// refuses, trusting X-Forwarded-For, and serves it on 127.0.0.1:0. tweaks
// change the configuration last (a second server on the same database:
// metering.go).
func startServer(ctx context.Context, dataDir, databaseURL string, tweaks ...func(*config.Config)) (*running, error) {
	cfg, _, err := config.Load("bench", nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg.DataDir, cfg.DatabaseURL, cfg.RateLimit = dataDir, databaseURL, 1e9
	cfg.TrustProxy = true // the OTP scenario's requests each name their own client address
	if cfg.MasterKey, err = secret.NewKey(); err != nil {
		return nil, err
	}
	for _, tweak := range tweaks {
		tweak(&cfg)
	}
	warns := &warnCounter{}
	s, err := server.Open(ctx, cfg, slog.New(warns))
	if err != nil {
		return nil, fmt.Errorf("open server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("listen: %w", err)
	}
	serveCtx, stop := context.WithCancel(context.Background())
	r := &running{Server: s, cfg: cfg, URL: "http://" + ln.Addr().String(), stop: stop, done: make(chan error, 1), warns: warns}
	go func() { r.done <- s.Serve(serveCtx, ln) }()
	return r, nil
}

// hashes is the tweak of startServer that sets the password-hashes setting
// (n = 0: the server's default, one per core).
func hashes(n int) func(*config.Config) {
	return func(c *config.Config) { c.PasswordHashes = n }
}

// Close stops serving, waits for requests in flight and closes the database.
func (r *running) Close() error {
	r.stop()
	err := errors.Join(<-r.done, r.Server.Close())
	if err != nil {
		return fmt.Errorf("stop server: %w", err)
	}
	return nil
}
