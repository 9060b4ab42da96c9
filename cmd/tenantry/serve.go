package main

import (
	"context"
	"fmt"
	"io"
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
	if err := s.BootstrapAdmin(ctx, stdout); err != nil {
		return err
	}
	s.MailHint(stdout)
	fmt.Fprintf(stdout, "tenantry: listening on http://%s (API reference at %s/docs)\n", ln.Addr(), config.PublicURLOf(ln.Addr().String()))
	return s.Serve(ctx, ln)
}
