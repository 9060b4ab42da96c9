package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/server"
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := config.Load("serve", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := server.NewLogger(&cfg, stderr)
	ln, err := net.Listen("tcp", cfg.Addr) // first, so that an unset public URL can follow the real port
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()
	cfg.Listening(ln.Addr().String())
	cfg.Print(stdout)
	s, err := server.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	if cfg.Pprof != "" {
		stop, err := servePprof(ctx, cfg.Pprof, log, stdout)
		if err != nil {
			return err
		}
		defer stop()
	}
	if err := s.BootstrapAdmin(ctx, stdout); err != nil {
		return err
	}
	s.MailHint(stdout)
	fmt.Fprintf(stdout, "tenantry: listening on http://%s (API reference at %s/docs)\n", ln.Addr(), config.PublicURLOf(ln.Addr().String()))
	return s.Serve(ctx, ln)
}

// servePprof listens on addr (a loopback address: config refuses others)
// and serves the profiler there until the returned function is called.
func servePprof(ctx context.Context, addr string, log *slog.Logger, stdout io.Writer) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("pprof listen: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := server.ServePprof(ctx, ln, log); err != nil {
			log.Error("pprof server stopped", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "tenantry: profiler on http://%s/debug/pprof/ (loopback only)\n", ln.Addr())
	return func() { cancel(); <-done }, nil
}
