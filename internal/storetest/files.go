package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// fileCases cover a tenant's stored files and what the meters count of them.
func fileCases() map[string]Case {
	return map[string]Case{
		"TenantFileRoundTrip":     testTenantFileRoundTrip,
		"OneLogoPerTenant":        testOneLogoPerTenant,
		"UsageCountsStorage":      testUsageCountsStorage,
		"PendingInvitesFor":       testPendingInvitesFor,
		"MeterLockSeesCommitted":  testMeterLockSeesCommitted,
		"UsageSkipsDeletedOutlet": testUsageSkipsDeletedOutlet,
	}
}

func newFile(tenantID string, content []byte, at time.Time) *tenant.File {
	return &tenant.File{TenantID: tenantID, ID: id.NewAt(id.File, at), Purpose: tenant.LogoFile, ContentType: "image/png",
		Size: int64(len(content)), Content: content, SHA256: "sha-" + id.New(id.File), CreatedAt: at}
}

// testTenantFileRoundTrip: a file reads back whole, by purpose, and is gone
// once deleted.
func testTenantFileRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "files")
	f := newFile(x.ID, []byte("\x89PNG\r\n\x1a\nbytes\x00\xff"), now)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, f) }))
	var got *tenant.File
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		got, err = tx.TenantFileByPurpose(ctx, x.ID, tenant.LogoFile)
		return err
	}))
	if got.ID != f.ID || !bytes.Equal(got.Content, f.Content) || got.Size != f.Size || got.SHA256 != f.SHA256 ||
		got.ContentType != "image/png" || !got.CreatedAt.Equal(now) {
		t.Errorf("file = %+v", got)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteTenantFile(ctx, x.ID, f.ID) }))
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteTenantFile(ctx, x.ID, f.ID) })
	if errs.CodeOf(err) != "file_not_found" {
		t.Errorf("second delete: %v", err)
	}
	err = db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.TenantFileByPurpose(ctx, x.ID, tenant.LogoFile); return err })
	if errs.CodeOf(err) != "file_not_found" {
		t.Errorf("deleted file read: %v", err)
	}
}

// testOneLogoPerTenant: a second logo conflicts; another tenant's does not.
func testOneLogoPerTenant(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "logo-one")
	y, _ := seed(t, db, "logo-two")
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, newFile(x.ID, []byte("a"), now)) }))
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, newFile(x.ID, []byte("b"), now)) })
	if !errs.Is(err, errs.Conflict) {
		t.Errorf("second logo: %v, want Conflict", err)
	}
	must(t, db.InTenant(ctx, y.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, newFile(y.ID, []byte("c"), now)) }))
}

// testUsageCountsStorage: storage_bytes sums the tenant's own files.
func testUsageCountsStorage(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "stored")
	y, _ := seed(t, db, "stored-other")
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, newFile(x.ID, make([]byte, 1500), now)) }))
	must(t, db.InTenant(ctx, y.ID, func(tx *store.Tx) error { return tx.PutTenantFile(ctx, newFile(y.ID, make([]byte, 700), now)) }))
	var u plan.Usage
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { u, err = tx.Usage(ctx, x.ID, now); return }))
	if u[plan.StorageBytes] != 1500 || u[plan.Members] != 1 {
		t.Errorf("usage = %v", u)
	}
}

// testUsageSkipsDeletedOutlet: a deleted outlet frees its place on the meter.
func testUsageSkipsDeletedOutlet(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "outlet-gone")
	a, b := newOutlet(x.ID, "Stays", "Cebu"), newOutlet(x.ID, "Goes", "Cebu")
	createOutlets(t, db, a, b)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteOutlet(ctx, x.ID, b.ID, now) }))
	var u plan.Usage
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { u, err = tx.Usage(ctx, x.ID, now); return }))
	if u[plan.Outlets] != 1 {
		t.Errorf("outlets = %d, want 1", u[plan.Outlets])
	}
}

// testPendingInvitesFor: only open invitations of that email count.
func testPendingInvitesFor(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "pending-for")
	createInvite(t, db, newInvite(x.ID, "a@example.com", now))
	createInvite(t, db, newInvite(x.ID, "b@example.com", now.Add(-2*24*time.Hour*30))) // long expired
	count := func(email string) int64 {
		var n int64
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { n, err = tx.PendingInvitesFor(ctx, x.ID, email, now); return }))
		return n
	}
	if a, b, c := count("a@example.com"), count("b@example.com"), count("c@example.com"); a != 1 || b != 0 || c != 0 {
		t.Errorf("pending = %d, %d, %d; want 1, 0, 0", a, b, c)
	}
}

// testMeterLockSeesCommitted: a transaction that started before another
// committed, and then waited for the lock that other one held, counts what
// it committed. On PostgreSQL this holds because transactions run at READ
// COMMITTED (each statement reads a fresh snapshot): under REPEATABLE READ
// the count would miss the row and a plan limit could be overrun. On
// SQLite the second write transaction cannot even begin before the first
// ends.
func testMeterLockSeesCommitted(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "meter-lock")
	const key = "meter:test"
	begun, locked := make(chan struct{}), make(chan struct{})
	counted := make(chan int64, 1)
	second := make(chan error, 1)
	serialized := db.Engine() == "sqlite" // one writer: the second cannot begin while the first is open
	if serialized {
		close(begun)
	}
	first := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		if err := tx.Lock(ctx, key); err != nil {
			return err
		}
		go func() {
			second <- db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
				if !serialized {
					if _, err := tx.Usage(ctx, x.ID, now); err != nil { // a statement before the lock: its snapshot is old
						return err
					}
					close(begun)
				}
				if err := tx.Lock(ctx, key); err != nil {
					return err
				}
				u, err := tx.Usage(ctx, x.ID, now)
				counted <- u[plan.Outlets]
				return err
			})
			close(locked)
		}()
		<-begun
		return tx.CreateOutlet(ctx, newOutlet(x.ID, "Locked In", "Cebu"))
	})
	must(t, first)
	<-locked
	must(t, <-second)
	if n := <-counted; n != 1 {
		t.Errorf("after the lock the second transaction counted %d outlets, want the 1 the first committed", n)
	}
}
