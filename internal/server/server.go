package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/outbox"
)

// Server is an assembled Tenantry, ready to serve HTTP, delivering the mail
// outbox in the background.
type Server struct {
	App  *app.App
	API  *api.Server
	Mail *outbox.Worker
	cfg  config.Config
	log  *slog.Logger
}

// Open assembles a Tenantry from cfg and starts its mail worker.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) (*Server, error) {
	as := newAssembly(opts)
	tr, err := outbox.NewTransport(cfg.SMTPURL, cfg.MailFrom, log)
	if err != nil {
		return nil, err
	}
	worker := outbox.New(tr, log, outbox.Options{Now: as.now})
	a, err := openApp(ctx, &cfg, log, as, worker.Notify)
	if err != nil {
		return nil, err
	}
	worker.Start(a.DB())
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	h := api.New(a, log, reg, api.Options{RateLimit: cfg.RateLimit, TrustProxy: cfg.TrustProxy, Limits: as.limits, Now: as.now})
	return &Server{App: a, API: h, Mail: worker, cfg: cfg, log: log}, nil
}

// Close stops the mail worker and closes the database.
func (s *Server) Close() error {
	s.Mail.Stop()
	return s.App.DB().Close()
}

// Serve serves HTTP on ln until ctx ends, then finishes requests in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.API,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing requests in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// BootstrapAdmin creates the configured platform admin when none exists, or
// says how to create one.
func (s *Server) BootstrapAdmin(ctx context.Context, stdout io.Writer) error {
	if s.cfg.BootstrapEmail != "" {
		outcome, err := s.App.CreatePlatformAdmin(ctx, app.AdminInput{Email: s.cfg.BootstrapEmail, Password: s.cfg.BootstrapPassword, OnlyIfNone: true})
		if err != nil {
			return fmt.Errorf("bootstrap admin: %w", err)
		}
		if outcome != "skipped" {
			fmt.Fprintf(stdout, "tenantry: bootstrap platform admin %s: %s\n", s.cfg.BootstrapEmail, outcome)
		}
		return nil
	}
	n, err := s.App.PlatformAdmins(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(stdout, "tenantry: no platform admin exists yet. Create one with:")
		fmt.Fprintln(stdout, "  go run ./cmd/tenantry admin create-platform-admin --email admin@example.com --password 'Choose-A-Strong-Passw0rd'")
		fmt.Fprintln(stdout, "  (or start with TENANTRY_BOOTSTRAP_ADMIN_EMAIL and TENANTRY_BOOTSTRAP_ADMIN_PASSWORD set)")
	}
	return nil
}
