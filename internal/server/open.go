// Package server assembles a running Tenantry from its configuration: the
// master key, the database (migrated), the app and the HTTP handler. The
// command, the benchmark and the black-box tests all start the server this
// one way.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/config"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/limit"
	"github.com/tenantry/tenantry/internal/payment/paperid"
	"github.com/tenantry/tenantry/internal/payment/stripepay"
	"github.com/tenantry/tenantry/internal/postgres"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/sqlite"
	"github.com/tenantry/tenantry/internal/store"
)

// NewLogger returns the process logger for the configured level and format.
func NewLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// RequireDatabase fails unless the configured SQLite database exists, for
// the commands that act on a server's database (admin, mail list): they must
// not create a second, empty one when their settings differ from the
// server's. PostgreSQL databases are never created by Tenantry.
func RequireDatabase(cfg *config.Config) error {
	if cfg.Postgres() {
		return nil
	}
	path := filepath.Join(cfg.DataDir, "tenantry.db")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no database at %s: give the -data-dir (or -database-url) the server uses, "+
			"as the command it prints at start does, or create the database with `tenantry migrate`", path)
	}
	return nil
}

// OpenDB opens and migrates the configured database, with the configured
// budgets for its units of work.
func OpenDB(ctx context.Context, cfg *config.Config, log *slog.Logger) (*store.DB, error) {
	var db *store.DB
	var err error
	budgets := store.Budgets{Read: cfg.DBReadTimeout, Write: cfg.DBWriteTimeout, Migrate: cfg.DBMigrateTimeout}
	if cfg.Postgres() {
		db, err = postgres.OpenWith(ctx, cfg.DatabaseURL, budgets)
	} else {
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
		db, err = sqlite.OpenWith(filepath.Join(cfg.DataDir, "tenantry.db"), budgets)
	}
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		log.Info("applied migrations", "engine", db.Engine(), "versions", strings.Join(applied, ","))
	}
	return db, nil
}

// masterKeys returns the configured master keys (current first), or the
// one master key kept in the data folder.
func masterKeys(cfg *config.Config, log *slog.Logger) ([][]byte, error) {
	if cfg.MasterKeys != "" {
		return secret.ParseKeys(cfg.MasterKeys)
	}
	k, err := masterKey(cfg, log)
	return [][]byte{k}, err
}

// masterKey returns the configured master key or the one kept in the data
// folder, generating it on first start.
func masterKey(cfg *config.Config, log *slog.Logger) ([]byte, error) {
	if cfg.MasterKey != "" {
		return secret.ParseKey(cfg.MasterKey)
	}
	path := filepath.Join(cfg.DataDir, "master.key")
	if b, err := os.ReadFile(path); err == nil {
		return secret.ParseKey(string(b))
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	k, err := secret.NewKey()
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if os.IsExist(err) { // another process created it first
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("master key: %w", err)
		}
		return secret.ParseKey(string(b))
	}
	if err != nil {
		return nil, fmt.Errorf("master key: %w", err)
	}
	if _, err := f.WriteString(k + "\n"); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("master key: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("master key: %w", err)
	}
	log.Warn("TENANTRY_MASTER_KEY is not set: generated a master key; keep this file safe (or set TENANTRY_MASTER_KEY), "+
		"every secret and signing key is encrypted with it", "file", path)
	if cfg.Postgres() {
		log.Warn("with PostgreSQL, every server process must use the same master key: set TENANTRY_MASTER_KEY")
	}
	return secret.ParseKey(k)
}

// OpenApp opens the database and builds the App, ready to serve.
func OpenApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (*app.App, error) {
	return openApp(ctx, cfg, log, newAssembly(nil), nil)
}

// OpenSharedApp is OpenApp for a command that changes what running servers
// load or cache (tenantry admin rotate-signing-key): with TENANTRY_REDIS_URL
// its commits are broadcast to the servers through Redis, so they apply the
// change at once rather than at their next poll or cache expiry. closeAll
// closes the database and the Redis connection.
func OpenSharedApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (a *app.App, closeAll func() error, err error) {
	as := newAssembly(nil)
	var rds *limit.Redis
	if cfg.RedisURL != "" {
		if rds, err = openRedis(ctx, cfg, log, &as); err != nil {
			return nil, nil, err
		}
	}
	a, err = openApp(ctx, cfg, log, as, nil)
	closeRedis := func() error {
		if rds == nil {
			return nil
		}
		return rds.Close()
	}
	if err != nil {
		_ = closeRedis()
		return nil, nil, err
	}
	return a, func() error { return errors.Join(a.DB().Close(), closeRedis()) }, nil
}

// openApp is OpenApp on as's clock and limits, with jobsQueued called after
// each commit that queues a job (to wake the job worker), or nil.
func openApp(ctx context.Context, cfg *config.Config, log *slog.Logger, as assembly, jobsQueued func()) (*app.App, error) {
	keys, err := masterKeys(cfg, log)
	if err != nil {
		return nil, err
	}
	box, err := secret.FromKeys(keys)
	if err != nil {
		return nil, err
	}
	db, err := OpenDB(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	var partners *paperid.Client // nil: Paper.id is not configured, partner accounts are disabled
	if cfg.PaperID.Configured() {
		partners, err = paperid.New(paperid.Config{BaseURL: cfg.PaperID.URL, ClientID: cfg.PaperID.ClientID,
			ClientSecret: cfg.PaperID.ClientSecret, Timeout: cfg.PaperID.Timeout})
		if err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	var stripe *stripepay.Client // nil: no payment provider
	if cfg.Stripe.Configured() {
		if stripe, err = stripepay.New(stripepay.FromConfig(cfg.Stripe)); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	tokens := auth.NewTokens(&auth.KeyRing{}, cfg.Issuer, cfg.Audience)
	tokens.Now = as.now
	a := app.New(db, identity.DefaultHasher(), tokens, box, log, app.Options{AccessTTL: cfg.AccessTTL, RefreshTTL: cfg.RefreshTTL,
		PublicURL: cfg.PublicURL, JobsQueued: jobsQueued, KeyPoll: as.keyPoll, Now: as.now, Limits: as.limits, BillingGrace: cfg.BillingGrace,
		PaperID: partners, Stripe: stripe, MeterFlush: cfg.MeterFlush,
		StorageAllowHTTP: cfg.StorageAllowHTTP, PasswordHashes: cfg.PasswordHashes,
		WebhookAllowHTTPLoopback: cfg.WebhooksAllowHTTPLoopback, WebhookTimeout: cfg.WebhooksTimeout})
	if err := a.Start(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("start: %w", err)
	}
	return a, nil
}
