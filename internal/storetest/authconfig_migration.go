package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/setting"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// AuthConfigMigration checks migration 0022 (the authentication
// configuration becomes auth.* keys) over old, a database migrated up to
// 0021 with a public and a tenant configuration: the public tenant's
// fields land in the global layer, the tenant's in its own, unset fields
// stay unset, and the providers stay where they were. reopen opens the
// database with every migration.
func AuthConfigMigration(t *testing.T, old *store.DB, reopen func() *store.DB) {
	t.Helper()
	pub := newTenant("public")
	pub.ID = tenant.PublicID
	x := newTenant("moved")
	ts := now.UTC().Format("2006-01-02T15:04:05.000000Z")
	must(t, old.InSystem(ctx, func(tx *store.Tx) error {
		// Today's CreateTenant claims the slug in a table 0038 adds: the
		// old schema gets its tenants as they were written then.
		for _, y := range []*tenant.Tenant{pub, x} {
			if _, err := tx.SQL().ExecContext(ctx, tx.Rebind(`INSERT INTO tenants (id, slug, name, name_key, status,
				created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`), y.ID, y.Slug, y.Name, y.Name, y.Status, ts, ts); err != nil {
				return err
			}
		}
		if _, err := tx.SQL().ExecContext(ctx, tx.Rebind(`INSERT INTO auth_configs (tenant_id, passwordless_enabled,
			access_token_validity, providers, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`),
			pub.ID, false, 600, `[{"id":"google","name":"Google","client_id":"cid"}]`, ts, ts); err != nil {
			return err
		}
		_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`INSERT INTO auth_configs (tenant_id, email_password_enabled,
			first_factors, required_secondary_factors, refresh_token_validity, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`), x.ID, true, `["emailpassword"]`, `["totp"]`, 86400, ts, ts)
		return err
	}))
	db := reopen()
	applied, err := db.Migrate(ctx)
	must(t, err)
	if len(applied) == 0 || applied[0] != "0022_authconfig_settings" {
		t.Fatalf("applied %v, want 0022_authconfig_settings first", applied)
	}
	var ls setting.Layers
	var own, public *auth.TenantConfig
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if ls, err = tx.LoadSettings(ctx, x.ID, "prod"); err != nil {
			return err
		}
		if own, err = tx.GetAuthConfig(ctx, x.ID); err != nil {
			return err
		}
		if public, err = tx.GetAuthConfig(ctx, tenant.PublicID); err != nil {
			return err
		}
		// Migration 0038 claimed the old tenants' slugs.
		if got, err := tx.TenantIDBySlug(ctx, x.Slug); err != nil || got != x.ID {
			t.Errorf("TenantIDBySlug(%s) after the migrations = %q, %v; want %s", x.Slug, got, err, x.ID)
		}
		taken, err := tx.SlugTaken(ctx, pub.Slug)
		if err == nil && !taken {
			t.Errorf("SlugTaken(%s) after the migrations = false", pub.Slug)
		}
		return err
	}))
	if len(ls.Global) != 2 || len(ls.Tenant) != 4 {
		t.Fatalf("moved layers: global %v, tenant %v", ls.Global, ls.Tenant)
	}
	s := setting.Index(setting.Resolve(setting.Builtin(), ls))
	if s.Bool(setting.PasswordlessEnabled) || s[setting.PasswordlessEnabled].From != setting.Global ||
		s.Duration(setting.AccessTokenValidity) != 10*time.Minute || !s.Bool(setting.EmailPasswordEnabled) ||
		s[setting.EmailPasswordEnabled].From != setting.Tenant || s.Bool(setting.ThirdPartyEnabled) ||
		!slices.Equal(s.Strings(setting.FirstFactors), []string{"emailpassword"}) ||
		!slices.Equal(s.Strings(setting.RequiredSecondaryFactors), []string{"totp"}) ||
		s.Duration(setting.RefreshTokenValidity) != 24*time.Hour {
		t.Fatalf("resolved after the move: %v", s)
	}
	if own.Providers != nil || public.Providers == nil || len(*public.Providers) != 1 || (*public.Providers)[0].ClientID != "cid" {
		t.Fatalf("providers after the move: own %+v, public %+v", own, public)
	}
}
