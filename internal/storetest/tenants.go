package storetest

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

var ctx = context.Background()

func testTenantRoundTrip(t *testing.T, db *store.DB) {
	x := newTenant("round")
	p := "partner_1"
	x.ClientPartnerID = &p
	days := 12
	x.Settings.BookingAdvanceDays = &days
	x.Settings.StaffPositionTemplates = []string{"A", "B"}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, x) }))
	var got *tenant.Tenant
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.GetTenant(ctx, x.ID); return }))
	if !reflect.DeepEqual(got, x) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, x)
	}
	got.Name, got.Settings.Currency = "Renamed", "PHP"
	got.UpdatedAt = now.Add(1e9)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateTenant(ctx, got) }))
	var again *tenant.Tenant
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { again, err = tx.GetTenant(ctx, x.ID); return }))
	if again.Name != "Renamed" || again.Settings.Currency != "PHP" || !again.UpdatedAt.Equal(now.Add(1e9)) {
		t.Fatalf("update not applied: %+v", again)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.SetTenantStatus(ctx, x.ID, tenant.Inactive, "why", "chg_1", now)
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		d, err := tx.TenantDeactivationID(ctx, x.ID)
		if d != "chg_1" {
			t.Errorf("deactivation id = %q", d)
		}
		return err
	}))
}

func testTenantNotFound(t *testing.T, db *store.DB) {
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetTenant(ctx, "ten_missing"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("missing tenant: %v, want NotFound", err)
	}
	err = db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.UpdateTenant(ctx, newTenant("nobody"))
	})
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("update missing tenant: %v, want NotFound", err)
	}
}

func testDuplicateSlug(t *testing.T, db *store.DB) {
	seed(t, db, "dup")
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, newTenant("dup")) })
	if !store.IsDuplicate(err, "tenants.slug") || !errs.Is(err, errs.Conflict) {
		t.Fatalf("duplicate slug: %v, want Duplicate tenants.slug", err)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		taken, err := tx.SlugTaken(ctx, "dup")
		if !taken {
			t.Error("SlugTaken(dup) = false")
		}
		id, err2 := tx.TenantIDBySlug(ctx, "dup")
		if id == "" {
			t.Error("TenantIDBySlug(dup) empty")
		}
		return errors.Join(err, err2)
	}))
}

// testConcurrentSlug races creators of one slug: exactly one wins, the rest
// get a Duplicate error, and nothing else goes wrong.
func testConcurrentSlug(t *testing.T, db *store.DB) {
	var wins, dups atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateTenant(ctx, newTenant("race")) })
			switch {
			case err == nil:
				wins.Add(1)
			case store.IsDuplicate(err, "tenants.slug"):
				dups.Add(1)
			default:
				t.Errorf("racer: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 || dups.Load() != 7 {
		t.Fatalf("wins=%d dups=%d, want 1 and 7", wins.Load(), dups.Load())
	}
}

func testDuplicateFields(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "fields")
	for _, c := range []struct{ name, email, phone, want string }{
		{"NAME FIELDS", "", "", "name"},
		{"other", "FIELDS@example.com", "", "email"},
		{"other", "x@example.com", "+1 555 000 fields", "phone"},
		{"other", "x@example.com", "+1 555 999", ""},
	} {
		var got string
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
			got, err = tx.DuplicateTenantField(ctx, c.name, c.email, c.phone)
			return
		}))
		if got != c.want {
			t.Errorf("DuplicateTenantField(%q,%q,%q) = %q, want %q (tenant %s %s)", c.name, c.email, c.phone, got, c.want, x.Email, x.Phone)
		}
	}
}

func testListTenants(t *testing.T, db *store.DB) {
	a, u := seed(t, db, "list-a")
	b, _ := seed(t, db, "list-b")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.SetTenantStatus(ctx, b.ID, tenant.Suspended, "", "", now)
	}))
	var all, active, inactive []tenant.Listing
	var total int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		all, total, err = tx.ListTenants(ctx, store.TenantFilter{Limit: 10})
		if err != nil {
			return err
		}
		active, _, err = tx.ListTenants(ctx, store.TenantFilter{Status: "active", Limit: 10})
		if err != nil {
			return err
		}
		inactive, _, err = tx.ListTenants(ctx, store.TenantFilter{Status: "inactive", Limit: 10})
		return err
	}))
	if total != 2 || len(all) != 2 || len(active) != 1 || len(inactive) != 1 || active[0].Tenant.ID != a.ID {
		t.Fatalf("list: total=%d all=%d active=%d inactive=%d", total, len(all), len(active), len(inactive))
	}
	if all[0].Subscription.Plan != "free" {
		t.Fatalf("listing lacks its subscription: %+v", all[0].Subscription)
	}
	var page []tenant.Listing
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		page, _, err = tx.ListTenants(ctx, store.TenantFilter{Skip: 1, Limit: 1})
		return
	}))
	if len(page) != 1 {
		t.Fatalf("page: %d rows", len(page))
	}
	var mine []tenant.Listing
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { mine, err = tx.ListUserTenants(ctx, u.ID); return }))
	if len(mine) != 1 || mine[0].Tenant.ID != a.ID || mine[0].Role != "owner" {
		t.Fatalf("user tenants: %+v", mine)
	}
}
