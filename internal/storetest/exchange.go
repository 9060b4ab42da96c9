package storetest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/exchange"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

// exchangeCases cover the reads and writes of a tenant's export and import.
func exchangeCases() map[string]Case {
	return map[string]Case{"ExchangeRoundTrip": testExchangeRoundTrip, "ExchangeImports": testExchangeImports}
}

// plainTypes are the record types ExportRecords and ImportRecords take.
func plainTypes() []string {
	var out []string
	for _, typ := range exchange.Types() {
		switch typ {
		case exchange.TypeTenant, exchange.TypeUser, exchange.TypeAuthConfig:
		default:
			out = append(out, typ)
		}
	}
	return out
}

// exportAll reads every plain record of tenantID through one snapshot, as JSON lines.
func exportAll(t *testing.T, db *store.DB, tenantID string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := db.ReadTenantSnapshot(ctx, tenantID, time.Minute, func(tx *store.Tx) error {
		for _, typ := range plainTypes() {
			if err := tx.ExportRecords(ctx, tenantID, typ, func(rec any) error {
				b, err := json.Marshal(rec)
				out[typ] = append(out[typ], string(b))
				return err
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testExchangeRoundTrip exports a tenant with a row of every kind and
// imports its records into a new tenant: it exports the same records; a
// second import skips every one.
func testExchangeRoundTrip(t *testing.T, db *store.DB) {
	a := seedForeign(t, db, "exchange-a")
	recs := exportAll(t, db, a.tenant.ID)
	for _, typ := range []string{exchange.TypeOutlet, exchange.TypeService, exchange.TypeStaff, exchange.TypeStaffOutlet,
		exchange.TypeCustomer, exchange.TypeAppointment, exchange.TypeInvite, exchange.TypeAPIKey, exchange.TypePayment} {
		if len(recs[typ]) == 0 {
			t.Errorf("no %s exported", typ)
		}
	}
	var tr *exchange.Tenant
	var users []exchange.User
	if err := db.ReadTenant(ctx, a.tenant.ID, func(tx *store.Tx) (err error) {
		if tr, err = tx.ExportTenant(ctx, a.tenant.ID); err != nil {
			return err
		}
		if _, err := tx.ExportAuthConfig(ctx, a.tenant.ID); err != nil && !errs.Is(err, errs.NotFound) {
			t.Errorf("auth config: %v", err)
		}
		return tx.ExportUsers(ctx, a.tenant.ID, func(u *exchange.User) error { users = append(users, *u); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if tr.Slug != a.tenant.Slug || len(users) != 1 || users[0].ID != a.owner.ID {
		t.Fatalf("tenant %+v, users %+v", tr, users)
	}

	c := *tr
	c.ID, c.Slug = id.New(id.Tenant), "exchange-c"
	if err := db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.ImportTenant(ctx, tr); errs.CodeOf(err) != "tenant_exists" {
			t.Errorf("import over the tenant's own id: %v", err)
		}
		return tx.ImportTenant(ctx, &c)
	}); err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		err := db.InTenant(ctx, c.ID, func(tx *store.Tx) error {
			for _, typ := range plainTypes() {
				batch := make([]any, 0, len(recs[typ]))
				for _, line := range recs[typ] {
					rec := exchange.New(typ)
					if err := json.Unmarshal([]byte(line), rec); err != nil {
						return err
					}
					batch = append(batch, rec)
				}
				n, err := tx.ImportRecords(ctx, c.ID, typ, batch)
				if err != nil {
					return err
				}
				if want := int64(len(batch) * (1 - round)); n != want {
					t.Errorf("round %d: %d %s rows written, want %d", round, n, typ, want)
				}
			}
			return tx.ImportAuthConfig(ctx, c.ID, &exchange.AuthConfig{Providers: []exchange.Provider{{ID: "google", Name: "Google",
				ClientID: "cid"}}, CreatedAt: now, UpdatedAt: now})
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	got := exportAll(t, db, c.ID)
	for _, typ := range plainTypes() {
		if len(got[typ]) != len(recs[typ]) {
			t.Errorf("%s: %d records, want %d", typ, len(got[typ]), len(recs[typ]))
			continue
		}
		for i := range got[typ] {
			if got[typ][i] != recs[typ][i] {
				t.Errorf("%s %d:\n got %s\nwant %s", typ, i, got[typ][i], recs[typ][i])
			}
		}
	}
	if err := db.ReadTenant(ctx, c.ID, func(tx *store.Tx) error {
		ac, err := tx.ExportAuthConfig(ctx, c.ID)
		if err == nil && (len(ac.Providers) != 1 || ac.Providers[0].ClientID != "cid") {
			t.Errorf("auth config: %+v", ac)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// testExchangeImports covers the accounts of an import (created, present,
// linked by email, a taken id) and its progress record.
func testExchangeImports(t *testing.T, db *store.DB) {
	a := seedForeign(t, db, "exchange-imports")
	fresh := exchange.User{ID: id.New(id.User), Email: "New.Person@Example.com", Active: true,
		PrimaryAddress: json.RawMessage(`{}`), CommunicationAddress: json.RawMessage(`{}`), CreatedAt: now, UpdatedAt: now}
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		if got, what, err := tx.ImportUser(ctx, &fresh); err != nil || what != store.UserCreated || got != fresh.ID {
			t.Errorf("new user: %s %v %v", got, what, err)
		}
		if got, what, err := tx.ImportUser(ctx, &fresh); err != nil || what != store.UserPresent || got != fresh.ID {
			t.Errorf("the same user again: %s %v %v", got, what, err)
		}
		other := fresh
		other.ID = id.New(id.User)
		other.Email = a.owner.Email
		if got, what, err := tx.ImportUser(ctx, &other); err != nil || what != store.UserLinked || got != a.owner.ID {
			t.Errorf("an existing email: %s %v %v", got, what, err)
		}
		taken := fresh
		taken.Email = "someone-else@example.com"
		if _, _, err := tx.ImportUser(ctx, &taken); errs.CodeOf(err) != "user_id_taken" {
			t.Errorf("a taken id: %v", err)
		}
		return tx.StartImport(ctx, &store.TenantImport{TenantID: a.tenant.ID, ExportID: "exp_one", StartedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.InTenant(ctx, a.tenant.ID, func(tx *store.Tx) error {
		if _, err := tx.GetImport(ctx, a.tenant.ID, "exp_other"); errs.CodeOf(err) != "import_not_found" {
			t.Errorf("another export's import: %v", err)
		}
		if err := tx.CompleteImport(ctx, a.tenant.ID, "exp_one", now); err != nil {
			return err
		}
		im, err := tx.GetImport(ctx, a.tenant.ID, "exp_one")
		if err != nil || im.CompletedAt == nil || !im.StartedAt.Equal(now) {
			t.Errorf("import: %+v, %v", im, err)
		}
		if err := tx.CompleteImport(ctx, a.tenant.ID, "exp_one", now); !errs.Is(err, errs.NotFound) {
			t.Errorf("completing twice: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// exchangeForeignChecks are the foreign-tenant checks of the exchange methods.
func exchangeForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"ExportRecords": func(tx *store.Tx, b *foreign) error {
			return tx.ExportRecords(ctx, b.tenant.ID, exchange.TypeCustomer, func(any) error { return nil })
		},
		"ImportRecords": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ImportRecords(ctx, b.tenant.ID, exchange.TypeServiceOutlet,
				[]any{&exchange.ServiceOutlet{ServiceID: b.service.ID, OutletID: b.outlet.ID}})
			return err
		},
		"ExportTenant": func(tx *store.Tx, b *foreign) error { _, err := tx.ExportTenant(ctx, b.tenant.ID); return err },
		"ExportUsers": func(tx *store.Tx, b *foreign) error {
			return tx.ExportUsers(ctx, b.tenant.ID, func(*exchange.User) error { return nil })
		},
		"ExportAuthConfig": func(tx *store.Tx, b *foreign) error { _, err := tx.ExportAuthConfig(ctx, b.tenant.ID); return err },
		"ImportAuthConfig": func(tx *store.Tx, b *foreign) error {
			return tx.ImportAuthConfig(ctx, b.tenant.ID, &exchange.AuthConfig{CreatedAt: now, UpdatedAt: now})
		},
		"StartImport": func(tx *store.Tx, b *foreign) error {
			return tx.StartImport(ctx, &store.TenantImport{TenantID: b.tenant.ID, ExportID: "exp_planted", StartedAt: now})
		},
		"GetImport": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetImport(ctx, b.tenant.ID, "exp_planted")
			return err
		},
		"CompleteImport": func(tx *store.Tx, b *foreign) error { return tx.CompleteImport(ctx, b.tenant.ID, "exp_planted", now) },
	}
}
