package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/storage"
	"github.com/tenantry/tenantry/internal/store"
)

// storageCases cover a tenant's storage configuration and its shipping
// state (isolation: foreign.go).
func storageCases() map[string]Case {
	return map[string]Case{
		"StorageConfigRoundTrip": testStorageConfigRoundTrip,
		"StorageShippingState":   testStorageShippingState,
	}
}

func newStorageRecord(tenantID, sealed string, at time.Time) *storage.Record {
	return &storage.Record{TenantID: tenantID, Provider: storage.S3, Bucket: "acme-corp-audit-logs", Region: "us-east-1",
		SecretSealed: sealed, CreatedAt: at, UpdatedAt: at}
}

func getStorage(t *testing.T, db *store.DB, tenantID string) (got *storage.Record, err error) {
	t.Helper()
	err = db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { got, err = tx.GetStorageConfig(ctx, tenantID); return })
	return got, err
}

func testStorageConfigRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "storage")
	if _, err := getStorage(t, db, x.ID); !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "storage_config_not_found" {
		t.Fatalf("never configured: %v", err)
	}
	r := newStorageRecord(x.ID, "v1.first", now)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutStorageConfig(ctx, r) }))
	got, err := getStorage(t, db, x.ID)
	must(t, err)
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, r)
	}

	// A second put replaces every field but created_at.
	later, shipped := now.Add(time.Hour), now.Add(time.Minute)
	az := &storage.Record{TenantID: x.ID, Provider: storage.Azure, Container: "acme-audit-logs", SecretSealed: "v1.second",
		LastShippedAt: &shipped, LastError: "503 ServerBusy", ShippedThrough: 7, CreatedAt: later, UpdatedAt: later}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutStorageConfig(ctx, az) }))
	got, err = getStorage(t, db, x.ID)
	must(t, err)
	want := *az
	want.CreatedAt = now
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("after update:\n got %+v\nwant %+v", got, &want)
	}

	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteStorageConfig(ctx, x.ID) }))
	if _, err := getStorage(t, db, x.ID); !errs.Is(err, errs.NotFound) {
		t.Fatalf("after delete: %v", err)
	}
	err = db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteStorageConfig(ctx, x.ID) })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "storage_config_not_found" {
		t.Fatalf("delete of none: %v", err)
	}
}

// testStorageShippingState: shipping moves forward only and clears the
// last error; an error is kept until the next shipment; the listing of
// tenants with storage is the system's.
func testStorageShippingState(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "storage-ship")
	y, _ := seed(t, db, "storage-none")
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.RecordStorageShipped(ctx, x.ID, 1, now) })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("shipped without storage: %v", err)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutStorageConfig(ctx, newStorageRecord(x.ID, "v1.s", now)) }))
	step := func(f func(tx *store.Tx) error) *storage.Record {
		t.Helper()
		must(t, db.InTenant(ctx, x.ID, f))
		got, err := getStorage(t, db, x.ID)
		must(t, err)
		return got
	}
	t1, t2 := now.Add(time.Minute), now.Add(2*time.Minute)
	got := step(func(tx *store.Tx) error { return tx.RecordStorageError(ctx, x.ID, "dial tcp: connection refused") })
	if got.LastError != "dial tcp: connection refused" || got.LastShippedAt != nil || got.ShippedThrough != 0 {
		t.Fatalf("after an error: %+v", got)
	}
	got = step(func(tx *store.Tx) error { return tx.RecordStorageShipped(ctx, x.ID, 5, t1) })
	if got.LastError != "" || got.LastShippedAt == nil || !got.LastShippedAt.Equal(t1) || got.ShippedThrough != 5 {
		t.Fatalf("after shipping 5: %+v", got)
	}
	got = step(func(tx *store.Tx) error { return tx.RecordStorageShipped(ctx, x.ID, 3, t2) })
	if got.ShippedThrough != 5 || !got.LastShippedAt.Equal(t2) || !got.UpdatedAt.Equal(now) {
		t.Fatalf("an older batch moved the state back: %+v", got)
	}
	var ids []string
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { ids, err = tx.StorageTenants(ctx); return }))
	if len(ids) != 1 || ids[0] != x.ID {
		t.Fatalf("tenants with storage: %v, want only %s (not %s)", ids, x.ID, y.ID)
	}
	if err := db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.StorageTenants(ctx); return err }); err == nil {
		t.Fatal("StorageTenants ran in a tenant transaction")
	}
}
