package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

// authConfigCases cover per-tenant authentication configuration, TOTP
// factors, recovery codes, MFA challenges and the amr of refresh tokens.
func authConfigCases() map[string]Case {
	return map[string]Case{
		"AuthConfigRoundTrip":   testAuthConfigRoundTrip,
		"TOTPFactor":            testTOTPFactor,
		"TOTPStepRace":          testTOTPStepRace,
		"RecoveryCodes":         testRecoveryCodes,
		"MFAChallenge":          testMFAChallenge,
		"MFAChallengeAttempts":  testMFAChallengeAttempts,
		"MFAChallengeSingleUse": testMFAChallengeSingleUse,
		"RefreshTokenAMR":       testRefreshTokenAMR,
	}
}

func testAuthConfigRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "authcfg")
	err := db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetAuthConfig(ctx, x.ID); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "auth_config_not_found" {
		t.Fatalf("config before any: %v, want NotFound auth_config_not_found", err)
	}
	// Providers set, one with a sealed secret.
	full := &auth.TenantConfig{TenantID: x.ID, Providers: &[]auth.Provider{{ID: "google", Name: "Google", ClientID: "cid",
		ClientSecretSealed: "v1.sealed"}, {ID: "github", Name: "GitHub", ClientID: "gh"}}, CreatedAt: now, UpdatedAt: now}
	var created bool
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { created, err = tx.PutAuthConfig(ctx, full); return }))
	if !created {
		t.Fatal("first put did not report created")
	}
	if got := getConfig(t, db, x.ID); !reflect.DeepEqual(got, full) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, full)
	}
	// An empty list stays an empty list; back to unset is NULL, not empty.
	empty := &auth.TenantConfig{TenantID: x.ID, Providers: &[]auth.Provider{}, CreatedAt: now, UpdatedAt: now.Add(time.Minute)}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { created, err = tx.PutAuthConfig(ctx, empty); return }))
	if created {
		t.Fatal("second put reported created")
	}
	if got := getConfig(t, db, x.ID); !reflect.DeepEqual(got, empty) {
		t.Fatalf("update:\n got %+v\nwant %+v", got, empty)
	}
	cleared := &auth.TenantConfig{TenantID: x.ID, CreatedAt: now, UpdatedAt: now.Add(2 * time.Minute)}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { _, err = tx.PutAuthConfig(ctx, cleared); return }))
	if got := getConfig(t, db, x.ID); !reflect.DeepEqual(got, cleared) {
		t.Fatalf("cleared:\n got %+v\nwant %+v", got, cleared)
	}
}

func getConfig(t *testing.T, db *store.DB, tenantID string) *auth.TenantConfig {
	t.Helper()
	var c *auth.TenantConfig
	must(t, db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { c, err = tx.GetAuthConfig(ctx, tenantID); return }))
	return c
}

func testRefreshTokenAMR(t *testing.T, db *store.DB) {
	_, u := seed(t, db, "amr")
	for _, amr := range [][]string{nil, {auth.AMRPassword}, {auth.AMROTP, auth.AMRMFA}} {
		rt := &auth.RefreshToken{ID: id.New(id.Session), FamilyID: id.New(id.Family), UserID: u.ID, Env: "prod", AMR: amr,
			Hash: auth.HashOpaque(id.New(id.Token)), ExpiresAt: now.Add(time.Hour), CreatedAt: now}
		must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateRefreshToken(ctx, rt) }))
		var got *auth.RefreshToken
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.RefreshTokenByHash(ctx, rt.Hash); return }))
		if len(got.AMR) != len(amr) || (len(amr) > 0 && !reflect.DeepEqual(got.AMR, amr)) {
			t.Errorf("amr %v came back as %v", amr, got.AMR)
		}
	}
}
