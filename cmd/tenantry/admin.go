package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/tenantry/tenantry/internal/api"
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/server"
)

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := config.Load("migrate", args, getenv, stderr)
	if err != nil {
		return err
	}
	log := server.NewLogger(&cfg, stderr)
	db, err := server.OpenDB(ctx, &cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "tenantry: %s schema is up to date\n", db.Engine())
	return nil
}

func admin(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		return errors.New("admin: name a subcommand: create-platform-admin, rotate-signing-key or rotate-master-key")
	}
	switch args[0] {
	case "create-platform-admin":
		var email, password, first, last string
		a, err := adminApp(ctx, args[1:], stderr, getenv, func(fs *flag.FlagSet) {
			fs.StringVar(&email, "email", "", "the admin's email")
			fs.StringVar(&password, "password", "", "the admin's password")
			fs.StringVar(&first, "first-name", "", "first name")
			fs.StringVar(&last, "last-name", "", "last name")
		})
		if err != nil {
			return err
		}
		defer a.DB().Close()
		outcome, err := a.CreatePlatformAdmin(ctx, app.AdminInput{Email: email, Password: password, FirstName: first, LastName: last})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "tenantry: platform admin %s: %s\n", email, outcome)
		return nil
	case "rotate-signing-key":
		a, closeAll, err := sharedAdminApp(ctx, args[1:], stderr, getenv)
		if err != nil {
			return err
		}
		defer closeAll()
		kid, err := a.RotateSigningKey(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "tenantry: new signing key %s; running servers publish and sign with it within a few seconds "+
			"(at once when they share TENANTRY_REDIS_URL with this command); "+
			"tokens signed by older keys stay valid until they expire\n", kid)
		return nil
	case "rotate-master-key":
		return rotateMasterKey(ctx, args[1:], stdout, stderr, getenv)
	}
	return fmt.Errorf("admin: unknown subcommand %q", args[0])
}

func adminApp(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string,
	extra ...func(*flag.FlagSet)) (*app.App, error) {
	cfg, _, err := config.Load("admin", args, getenv, stderr, extra...)
	if err != nil {
		return nil, err
	}
	if err := server.RequireDatabase(&cfg); err != nil {
		return nil, err
	}
	return server.OpenApp(ctx, &cfg, server.NewLogger(&cfg, stderr))
}

// sharedAdminApp is adminApp whose commits reach the running servers through
// the configured Redis (server.OpenSharedApp); closeAll closes both.
func sharedAdminApp(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) (*app.App, func() error, error) {
	cfg, _, err := config.Load("admin", args, getenv, stderr)
	if err != nil {
		return nil, nil, err
	}
	if err := server.RequireDatabase(&cfg); err != nil {
		return nil, nil, err
	}
	return server.OpenSharedApp(ctx, &cfg, server.NewLogger(&cfg, stderr))
}

func openapi(stdout io.Writer) error {
	s := api.New(nil, slog.New(slog.DiscardHandler), prometheus.NewRegistry(), api.Options{Compat: config.CompatSeeds()})
	doc, err := s.OpenAPIDocument()
	if err != nil {
		return err
	}
	_, err = stdout.Write(append(doc, '\n'))
	return err
}
