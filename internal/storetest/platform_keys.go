package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

// platformKeyCases cover platform keys: storage, lookup by hash, listing,
// revocation, last use, and refusal inside a tenant transaction.
func platformKeyCases() map[string]Case {
	return map[string]Case{
		"PlatformKeyLifecycle":   testPlatformKeyLifecycle,
		"PlatformKeyTenantScope": testPlatformKeyTenantScope,
	}
}

func testPlatformKeyLifecycle(t *testing.T, db *store.DB) {
	secret, err := apikey.NewPlatformSecret()
	must(t, err)
	k := &apikey.PlatformKey{ID: id.NewAt(id.PlatformKey, now), Name: "core", Prefix: apikey.VisiblePrefix(secret),
		Hash: apikey.Hash(secret), CreatedBy: "usr_admin", CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreatePlatformKey(ctx, k) }))
	var got *apikey.PlatformKey
	var list []apikey.PlatformKey
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if got, err = tx.PlatformKeyByHash(ctx, k.Hash); err != nil {
			return err
		}
		list, err = tx.ListPlatformKeys(ctx)
		return err
	}))
	if !reflect.DeepEqual(got, k) || len(list) != 1 || !reflect.DeepEqual(&list[0], k) {
		t.Fatalf("round trip:\n got %+v (list %+v)\nwant %+v", got, list, k)
	}
	err = db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.PlatformKeyByHash(ctx, "nope"); return err })
	if errs.CodeOf(err) != "platform_key_not_found" {
		t.Fatalf("unknown hash: %v", err)
	}
	used := now.Add(time.Minute)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.TouchPlatformKey(ctx, k.ID, used, used.Add(-time.Minute)) }))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.TouchPlatformKey(ctx, k.ID, used.Add(time.Second), used) }))
	var first, second bool
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if first, err = tx.RevokePlatformKey(ctx, k.ID, used); err != nil {
			return err
		}
		second, err = tx.RevokePlatformKey(ctx, k.ID, used)
		return err
	}))
	if !first || second {
		t.Fatalf("revoke twice: %v, %v", first, second)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.PlatformKeyByHash(ctx, k.Hash); return err }))
	if got.Active() || got.LastUsedAt == nil || !got.LastUsedAt.Equal(used) {
		t.Fatalf("after touch and revoke: %+v", got)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.RevokePlatformKey(ctx, "pkey_missing", used); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("revoke a missing key: %v", err)
	}
}

// testPlatformKeyTenantScope: a tenant transaction sees no platform keys.
func testPlatformKeyTenantScope(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "pkeys")
	err := db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.ListPlatformKeys(ctx); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("list in a tenant transaction: %v", err)
	}
	err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.PlatformKeyByHash(ctx, "h"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("lookup in a tenant transaction: %v", err)
	}
}
