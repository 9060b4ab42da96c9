package storetest

import (
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// apiKeyCases cover API keys: storage, lookup by hash, rotation, revocation,
// last use and racing revocations (isolation: foreign.go).
func apiKeyCases() map[string]Case {
	return map[string]Case{
		"APIKeyRoundTrip":        testAPIKeyRoundTrip,
		"APIKeyNotFound":         testAPIKeyNotFound,
		"APIKeyLookupByHash":     testAPIKeyLookupByHash,
		"APIKeyRotateRevoke":     testAPIKeyRotateRevoke,
		"APIKeyTouch":            testAPIKeyTouch,
		"APIKeyConcurrentRevoke": testAPIKeyConcurrentRevoke,
	}
}

// newAPIKey stores a fresh key of tenantID and returns it with its secret.
func newAPIKey(t *testing.T, db *store.DB, tenantID, env string, at time.Time) (*apikey.Key, string) {
	t.Helper()
	secret, err := apikey.NewSecret(env)
	must(t, err)
	k := &apikey.Key{TenantID: tenantID, ID: id.NewAt(id.APIKey, at), Name: "key " + env, Environment: env,
		Scopes: []string{apikey.ScopeTenantRead, apikey.ScopeOutletsRead}, Prefix: apikey.VisiblePrefix(secret),
		Hash: apikey.Hash(secret), CreatedBy: "usr_creator", CreatedAt: at}
	must(t, db.InTenant(ctx, tenantID, func(tx *store.Tx) error { return tx.CreateAPIKey(ctx, k) }))
	return k, secret
}

func testAPIKeyRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys")
	older, _ := newAPIKey(t, db, x.ID, "prod", now)
	newer, _ := newAPIKey(t, db, x.ID, "staging", now.Add(time.Second))
	// Made in the same millisecond as older (ids order only by the
	// millisecond), a microsecond later: listed before it.
	sameMs, _ := newAPIKey(t, db, x.ID, "dev", now.Add(time.Microsecond))
	var got *apikey.Key
	var list []apikey.Key
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		if got, err = tx.GetAPIKey(ctx, x.ID, older.ID); err != nil {
			return err
		}
		list, err = tx.ListAPIKeys(ctx, x.ID)
		return err
	}))
	if !reflect.DeepEqual(got, older) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, older)
	}
	if len(list) != 3 || list[0].ID != newer.ID || list[1].ID != sameMs.ID || list[2].ID != older.ID || !reflect.DeepEqual(list[0], *newer) {
		t.Fatalf("list (newest first): %+v", list)
	}
	other, _ := seed(t, db, "keys-empty")
	must(t, db.ReadTenant(ctx, other.ID, func(tx *store.Tx) (err error) { list, err = tx.ListAPIKeys(ctx, other.ID); return }))
	if list == nil || len(list) != 0 {
		t.Fatalf("keys of a tenant without any: %#v, want an empty list", list)
	}
}

func testAPIKeyNotFound(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys-missing")
	checks := map[string]func(tx *store.Tx) error{
		"GetAPIKey":    func(tx *store.Tx) error { _, err := tx.GetAPIKey(ctx, x.ID, "key_missing"); return err },
		"RotateAPIKey": func(tx *store.Tx) error { return tx.RotateAPIKey(ctx, x.ID, "key_missing", "p", "h", now) },
		"APIKeyByHash": func(tx *store.Tx) error { _, err := tx.APIKeyByHash(ctx, apikey.Hash("nope")); return err },
	}
	for name, fn := range checks {
		err := db.InSystem(ctx, fn)
		if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "api_key_not_found" {
			t.Errorf("%s of a missing key: %v, want NotFound api_key_not_found", name, err)
		}
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		revoked, err := tx.RevokeAPIKey(ctx, x.ID, "key_missing", now)
		if revoked {
			t.Error("revoking a missing key reported a revocation")
		}
		return err
	}))
}

func testAPIKeyLookupByHash(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys-hash")
	k, secret := newAPIKey(t, db, x.ID, "dev", now)
	lookup := func() *store.KeyCaller {
		var c *store.KeyCaller
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { c, err = tx.APIKeyByHash(ctx, apikey.Hash(secret)); return }))
		return c
	}
	c := lookup()
	if !reflect.DeepEqual(c.Key, *k) || c.TenantStatus != tenant.Active {
		t.Fatalf("lookup: %+v", c)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetTenantStatus(ctx, x.ID, tenant.Suspended, "r", "", now) }))
	if c := lookup(); c.TenantStatus != tenant.Suspended {
		t.Fatalf("tenant status after suspension: %q", c.TenantStatus)
	}
	// The tenant's own transaction finds it too; the hash of the visible
	// prefix alone finds nothing.
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.APIKeyByHash(ctx, k.Hash); return err }))
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.APIKeyByHash(ctx, apikey.Hash(k.Prefix)); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("lookup by the prefix's hash: %v", err)
	}
}

func testAPIKeyRotateRevoke(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys-rotate")
	k, oldSecret := newAPIKey(t, db, x.ID, "prod", now)
	newSecret, err := apikey.NewSecret("prod")
	must(t, err)
	later := now.Add(time.Minute)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		return tx.RotateAPIKey(ctx, x.ID, k.ID, apikey.VisiblePrefix(newSecret), apikey.Hash(newSecret), later)
	}))
	byHash := func(secret string) (*store.KeyCaller, error) {
		var c *store.KeyCaller
		err := db.ReadSystem(ctx, func(tx *store.Tx) (err error) { c, err = tx.APIKeyByHash(ctx, apikey.Hash(secret)); return })
		return c, err
	}
	if _, err := byHash(oldSecret); !errs.Is(err, errs.NotFound) {
		t.Fatalf("old secret after rotation: %v, want NotFound", err)
	}
	c, err := byHash(newSecret)
	must(t, err)
	if c.Key.ID != k.ID || c.Key.Prefix != apikey.VisiblePrefix(newSecret) || c.Key.RotatedAt == nil || !c.Key.RotatedAt.Equal(later) ||
		c.Key.Name != k.Name || !reflect.DeepEqual(c.Key.Scopes, k.Scopes) || !c.Key.CreatedAt.Equal(k.CreatedAt) {
		t.Fatalf("rotated key: %+v", c.Key)
	}
	revoke := func() bool {
		var done bool
		must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { done, err = tx.RevokeAPIKey(ctx, x.ID, k.ID, later); return }))
		return done
	}
	if !revoke() || revoke() {
		t.Fatal("revoke: want true once, then false")
	}
	if c, err = byHash(newSecret); err != nil || c.Key.RevokedAt == nil || !c.Key.RevokedAt.Equal(later) || c.Key.Active() {
		t.Fatalf("revoked key by hash: %+v, %v", c, err)
	}
	err = db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.RotateAPIKey(ctx, x.ID, k.ID, "p", "h", later) })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("rotating a revoked key: %v, want NotFound", err)
	}
}

func testAPIKeyTouch(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys-touch")
	k, _ := newAPIKey(t, db, x.ID, "prod", now)
	touch := func(at, notBefore time.Time) *time.Time {
		var got *apikey.Key
		must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			if err := tx.TouchAPIKey(ctx, x.ID, k.ID, at, notBefore); err != nil {
				return err
			}
			got, err = tx.GetAPIKey(ctx, x.ID, k.ID)
			return err
		}))
		return got.LastUsedAt
	}
	first := now.Add(time.Second)
	if got := touch(first, first.Add(-time.Minute)); got == nil || !got.Equal(first) {
		t.Fatalf("first use: %v", got)
	}
	soon := first.Add(10 * time.Second)
	if got := touch(soon, soon.Add(-time.Minute)); !got.Equal(first) {
		t.Fatalf("use within the interval moved last_used_at to %v", got)
	}
	late := first.Add(2 * time.Minute)
	if got := touch(late, late.Add(-time.Minute)); !got.Equal(late) {
		t.Fatalf("use after the interval: %v, want %v", got, late)
	}
}

func testAPIKeyConcurrentRevoke(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "keys-race")
	k, _ := newAPIKey(t, db, x.ID, "prod", now)
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
				done, err := tx.RevokeAPIKey(ctx, x.ID, k.ID, now)
				if done {
					wins.Add(1)
				}
				return err
			})
			if err != nil {
				t.Errorf("racer: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d revocations reported, want exactly 1", wins.Load())
	}
}
