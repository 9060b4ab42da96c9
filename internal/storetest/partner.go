package storetest

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// partnerCases cover the state of tenants' Paper.id partner accounts.
func partnerCases() map[string]Case {
	return map[string]Case{
		"PartnerLifecycle": testPartnerLifecycle,
		"PartnerListing":   testPartnerListing,
		"PartnerNotFound":  testPartnerNotFound,
	}
}

func createTenants(t *testing.T, db *store.DB, xs ...*tenant.Tenant) {
	t.Helper()
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for _, x := range xs {
			if err := tx.CreateTenant(ctx, x); err != nil {
				return err
			}
		}
		return nil
	}))
}

func readPartner(t *testing.T, db *store.DB, tenantID string) (*tenant.Partner, *tenant.Tenant) {
	t.Helper()
	var p *tenant.Partner
	var x *tenant.Tenant
	must(t, db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		if p, err = tx.TenantPartner(ctx, tenantID); err != nil {
			return err
		}
		x, err = tx.GetTenant(ctx, tenantID)
		return err
	}))
	return p, x
}

// testPartnerLifecycle: a new tenant is disabled; pending and failed states
// keep their error; provisioning stores the ids and clears the error, and
// nothing but provisioning moves a provisioned tenant.
func testPartnerLifecycle(t *testing.T, db *store.DB) {
	x := newTenant("partnered")
	createTenants(t, db, x)
	if p, _ := readPartner(t, db, x.ID); p.Status != tenant.PartnerDisabled || p.LastError != "" || p.UpdatedAt != nil {
		t.Fatalf("new tenant: %+v", p)
	}
	later := now.Add(time.Minute)
	set := func(p tenant.Partner) bool {
		t.Helper()
		var changed bool
		must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { changed, err = tx.SetTenantPartner(ctx, x.ID, p); return }))
		return changed
	}
	if !set(tenant.Partner{Status: tenant.PartnerPending, LastError: "connection refused", UpdatedAt: &later}) {
		t.Fatal("pending: not changed")
	}
	p, _ := readPartner(t, db, x.ID)
	if p.Status != tenant.PartnerPending || p.LastError != "connection refused" || p.UpdatedAt == nil || !p.UpdatedAt.Equal(later) {
		t.Fatalf("pending: %+v", p)
	}
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		_, err := tx.SetTenantPartner(ctx, x.ID, tenant.Partner{Status: tenant.PartnerProvisioned})
		return err
	})
	if err == nil {
		t.Error("SetTenantPartner accepted provisioned")
	}
	provision := func(partnerID string) bool {
		t.Helper()
		var changed bool
		must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
			changed, err = tx.ProvisionTenantPartner(ctx, x.ID, partnerID, x.ID, later.Add(time.Second))
			return
		}))
		return changed
	}
	if !provision("3fef1947-36e1-454a-a020-0d35c5186ebb") {
		t.Fatal("provision: not changed")
	}
	if provision("00000000-0000-4000-8000-000000000000") {
		t.Error("a second provisioning changed the ids")
	}
	p, got := readPartner(t, db, x.ID)
	if p.Status != tenant.PartnerProvisioned || p.LastError != "" || !p.UpdatedAt.Equal(later.Add(time.Second)) {
		t.Errorf("provisioned: %+v", p)
	}
	if got.ClientPartnerID == nil || *got.ClientPartnerID != "3fef1947-36e1-454a-a020-0d35c5186ebb" ||
		got.ClientPartnerNumber == nil || *got.ClientPartnerNumber != x.ID {
		t.Errorf("tenant ids: %v %v", got.ClientPartnerID, got.ClientPartnerNumber)
	}
	if set(tenant.Partner{Status: tenant.PartnerFailed, LastError: "late failure", UpdatedAt: &later}) {
		t.Error("a failure overwrote a provisioned partner")
	}
	if p, _ := readPartner(t, db, x.ID); p.Status != tenant.PartnerProvisioned || p.LastError != "" {
		t.Errorf("after a late failure: %+v", p)
	}
}

// testPartnerListing: TenantPartners reads many tenants at once in a system
// transaction, skips unknown ids, and shows a tenant transaction its own only.
func testPartnerListing(t *testing.T, db *store.DB) {
	a, b := newTenant("partner-a"), newTenant("partner-b")
	createTenants(t, db, a, b)
	must(t, db.InTenant(ctx, b.ID, func(tx *store.Tx) error {
		_, err := tx.SetTenantPartner(ctx, b.ID, tenant.Partner{Status: tenant.PartnerFailed, LastError: "HTTP 400", UpdatedAt: &now})
		return err
	}))
	ids := []string{a.ID, b.ID, id.New(id.Tenant)}
	var all, own map[string]tenant.Partner
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { all, err = tx.TenantPartners(ctx, ids); return }))
	if len(all) != 2 || all[a.ID].Status != tenant.PartnerDisabled || all[b.ID].Status != tenant.PartnerFailed || all[b.ID].LastError != "HTTP 400" {
		t.Errorf("system: %+v", all)
	}
	must(t, db.ReadTenant(ctx, a.ID, func(tx *store.Tx) (err error) { own, err = tx.TenantPartners(ctx, ids); return }))
	if _, leaked := own[b.ID]; leaked || len(own) != 1 {
		t.Errorf("tenant a's transaction: %+v", own)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { own, err = tx.TenantPartners(ctx, nil); return }))
	if len(own) != 0 {
		t.Errorf("no ids: %+v", own)
	}
}

// testPartnerNotFound: every method answers NotFound for a missing tenant.
func testPartnerNotFound(t *testing.T, db *store.DB) {
	missing := id.New(id.Tenant)
	for name, fn := range map[string]func(tx *store.Tx) error{
		"TenantPartner": func(tx *store.Tx) error { _, err := tx.TenantPartner(ctx, missing); return err },
		"SetTenantPartner": func(tx *store.Tx) error {
			_, err := tx.SetTenantPartner(ctx, missing, tenant.Partner{Status: tenant.PartnerPending})
			return err
		},
		"ProvisionTenantPartner": func(tx *store.Tx) error {
			_, err := tx.ProvisionTenantPartner(ctx, missing, "p", "n", now)
			return err
		},
	} {
		if err := db.InSystem(ctx, fn); !errs.Is(err, errs.NotFound) {
			t.Errorf("%s of a missing tenant: %v", name, err)
		}
	}
}
