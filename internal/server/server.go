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
	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/outbox"
)

// Server is an assembled Tenantry, ready to serve HTTP, running the job
// queue (mail and the other kinds) and watching for rotated signing keys in
// the background.
type Server struct {
	App  *app.App
	API  *api.Server
	Jobs *outbox.Worker
	// unwake ends the worker's subscription to outbox.WakeTopic.
	unwake func()
	keys   *loop // the signing-key watch
	meter  *loop // the request-meter flush
	audit  *loop // the audit sealer and retention
	// redis is the shared limit store and redisProbe its watch, when
	// TENANTRY_REDIS_URL is set; nil otherwise.
	redis      *limit.Redis
	redisProbe *loop
	cfg        config.Config
	log        *slog.Logger
}

// Open assembles a Tenantry from cfg and starts its job worker, with a
// handler for each kind of job, and its signing-key poller.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) (*Server, error) {
	as := newAssembly(opts)
	tr, err := outbox.NewTransport(cfg.SMTPURL, cfg.MailFrom, log)
	if err != nil {
		return nil, err
	}
	var rds *limit.Redis // the limit store shared with other processes, when configured
	if cfg.RedisURL != "" {
		if rds, err = openRedis(ctx, &cfg, log, &as); err != nil {
			return nil, err
		}
	}
	worker := outbox.New(log, outbox.Options{Now: as.now, Poll: as.jobPoll})
	worker.Handle(job.Mail, outbox.MailHandler(tr))
	// A commit that queued a job broadcasts outbox.WakeTopic: this
	// process's worker and, through Redis, every other one looks for due
	// jobs at once instead of at its next poll.
	unwake := as.limits.Subscribe(outbox.WakeTopic, worker.Notify)
	jobsQueued := func() {
		if err := as.limits.Publish(context.Background(), outbox.WakeTopic); err != nil {
			log.Error("broadcast queued jobs", "err", err)
		}
	}
	a, err := openApp(ctx, &cfg, log, as, jobsQueued)
	if err != nil {
		unwake()
		if rds != nil {
			_ = rds.Close()
		}
		return nil, err
	}
	worker.Handle(job.BillingRollover, a.RollOver)
	worker.Handle(job.BillingGraceEnd, a.GraceEnd)
	worker.Handle(job.PartnerProvision, a.ProvisionPartner)
	worker.Handle(job.StripeSync, a.StripeSync)
	worker.Handle(job.AuditShip, a.ShipAudit)
	worker.Handle(job.TenantErase, a.EraseTenant)
	worker.Handle(job.WebhookDeliver, a.DeliverWebhook)
	worker.Start(a.DB())
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	apiOpt := api.Options{RateLimit: cfg.RateLimit, TrustProxy: cfg.TrustProxy, Limits: as.limits, Now: as.now, Compat: cfg.Compat}
	if rds != nil {
		apiOpt.RedisUp = rds.Up
	}
	h := api.New(a, log, reg, apiOpt)
	// Logins among other requests leave those a core (identity.HashQueue).
	hashes := a.PasswordHashes()
	hashes.KeepCoreFor(func() bool { return h.InFlight() > hashes.Inside() })
	s := &Server{App: a, API: h, Jobs: worker, unwake: unwake, keys: startLoop("signing-key poller", a.WatchKeys), meter: startLoop("meter flush", a.RunMetering),
		audit: startLoop("audit sealer", a.RunAudit), cfg: cfg, log: log}
	if rds != nil {
		redisMetrics(reg, rds)
		s.redis, s.redisProbe = rds, startLoop("redis probe", rds.Watch)
	}
	return s, nil
}

// Close stops the job worker and the key poller, flushes the request meter
// and closes the database.
func (s *Server) Close() error {
	s.keys.close()
	s.meter.close()
	s.audit.close()
	s.unwake()
	s.Jobs.Stop()
	err := s.App.DB().Close()
	if s.redis != nil {
		s.redisProbe.close()
		err = errors.Join(err, s.redis.Close())
	}
	return err
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
		fmt.Fprintln(stdout, "  "+s.Command("admin create-platform-admin")+" --email admin@example.com --password 'Choose-A-Strong-Passw0rd'")
		s.printNotes(stdout)
		fmt.Fprintln(stdout, "  (or start with TENANTRY_BOOTSTRAP_ADMIN_EMAIL and TENANTRY_BOOTSTRAP_ADMIN_PASSWORD set)")
	}
	return nil
}

// MailHint says, when no SMTP server is configured, where the mail goes and
// how to read it.
func (s *Server) MailHint(stdout io.Writer) {
	if s.cfg.SMTPURL != "" {
		return
	}
	fmt.Fprintln(stdout, "tenantry: no TENANTRY_SMTP_URL: mail (sign-in codes, reset and invitation links) goes to this log and the local mailbox; read it with:")
	fmt.Fprintln(stdout, "  "+s.Command("mail list")+" -n 5")
	s.printNotes(stdout)
}

// Command is the command line of a tenantry subcommand that reaches this
// server's database and master key (the same -data-dir or -database-url).
func (s *Server) Command(sub string) string {
	cmd := "go run ./cmd/tenantry " + sub
	if flags, _ := s.cfg.SameDatabase(); flags != "" {
		cmd += " " + flags
	}
	return cmd
}

func (s *Server) printNotes(w io.Writer) {
	_, notes := s.cfg.SameDatabase()
	for _, n := range notes {
		fmt.Fprintln(w, "  with "+n)
	}
}
