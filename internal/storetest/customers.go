package storetest

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

// customerCases cover customers: round trip, the case-insensitive unique
// email among live customers, soft deletion, search and keyset paging
// (isolation: customerForeignChecks).
func customerCases() map[string]Case {
	return map[string]Case{
		"CustomerRoundTrip":   testCustomerRoundTrip,
		"CustomerEmailUnique": testCustomerEmailUnique,
		"CustomerSoftDelete":  testCustomerSoftDelete,
		"CustomerList":        testCustomerList,
		"CustomerCounts":      testCustomerCounts,
	}
}

func newCustomer(tenantID, name, email, phone string, at time.Time) *customer.Customer {
	return &customer.Customer{TenantID: tenantID, ID: id.NewAt(id.Customer, at), Name: name, Email: email, Phone: phone,
		Status: customer.Active, CreatedAt: at, UpdatedAt: at}
}

func createCustomers(t *testing.T, db *store.DB, cs ...*customer.Customer) {
	t.Helper()
	must(t, db.InTenant(ctx, cs[0].TenantID, func(tx *store.Tx) error {
		for _, c := range cs {
			if err := tx.CreateCustomer(ctx, c); err != nil {
				return err
			}
		}
		return nil
	}))
}

func getCustomer(t *testing.T, db *store.DB, tenantID, customerID string) (*customer.Customer, error) {
	t.Helper()
	var c *customer.Customer
	err := db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { c, err = tx.GetCustomer(ctx, tenantID, customerID); return })
	return c, err
}

func testCustomerRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "customer-rt")
	c := newCustomer(x.ID, "Ana Cruz", "Ana.Cruz@Example.com", "+63 917 555 0101", now)
	c.Notes = "prefers mornings\nno latex"
	at := now.Add(time.Minute)
	c.MarketingConsent, c.MarketingConsentAt = true, &at
	createCustomers(t, db, c)
	got, err := getCustomer(t, db, x.ID, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, c)
	}
	c.Name, c.Status, c.MarketingConsent, c.MarketingConsentAt = "Ana M. Cruz", customer.Blocked, false, nil
	c.UpdatedAt = now.Add(time.Hour)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateCustomer(ctx, c) }))
	if got, _ = getCustomer(t, db, x.ID, c.ID); !reflect.DeepEqual(got, c) {
		t.Errorf("after update:\n got %+v\nwant %+v", got, c)
	}
	if _, err := getCustomer(t, db, x.ID, id.New(id.Customer)); !errs.Is(err, errs.NotFound) {
		t.Errorf("missing customer: %v", err)
	}
}

func testCustomerEmailUnique(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "customer-email")
	y, _ := seed(t, db, "customer-email-y")
	a := newCustomer(x.ID, "Ana", "ana@example.com", "", now)
	createCustomers(t, db, a, newCustomer(x.ID, "No Email", "", "", now), newCustomer(x.ID, "No Email Either", "", "", now))
	createCustomers(t, db, newCustomer(y.ID, "Ana elsewhere", "ana@example.com", "", now)) // another tenant may
	dup := newCustomer(x.ID, "Ana again", "ANA@Example.COM", "", now)
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.CreateCustomer(ctx, dup) })
	if e, ok := errs.As(err); !ok || e.Kind != errs.Conflict || e.Code != "customer_email_taken" {
		t.Fatalf("duplicate email in another case: %v", err)
	}
	b := newCustomer(x.ID, "Bea", "bea@example.com", "", now)
	createCustomers(t, db, b)
	b.Email = "Ana@example.com"
	err = db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateCustomer(ctx, b) })
	if e, ok := errs.As(err); !ok || e.Code != "customer_email_taken" {
		t.Errorf("update to a taken email: %v", err)
	}
	// A deleted customer's email is free again.
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteCustomer(ctx, x.ID, a.ID, now) }))
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateCustomer(ctx, b) }))
}

func testCustomerSoftDelete(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "customer-del")
	keep, gone := newCustomer(x.ID, "Keep", "", "", now), newCustomer(x.ID, "Gone", "", "", now)
	createCustomers(t, db, keep, gone)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteCustomer(ctx, x.ID, gone.ID, now) }))
	if _, err := getCustomer(t, db, x.ID, gone.ID); !errs.Is(err, errs.NotFound) {
		t.Fatalf("deleted customer visible: %v", err)
	}
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteCustomer(ctx, x.ID, gone.ID, now) })
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("second delete: %v", err)
	}
	g := *gone
	g.Name = "Back"
	if err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.UpdateCustomer(ctx, &g) }); !errs.Is(err, errs.NotFound) {
		t.Errorf("update of a deleted customer: %v", err)
	}
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		list, err := tx.ListCustomers(ctx, x.ID, store.CustomerFilter{Limit: 10})
		if len(list) != 1 || list[0].ID != keep.ID {
			t.Errorf("list after delete: %+v", list)
		}
		n, err2 := tx.CountCustomers(ctx, x.ID, store.CustomerFilter{})
		if n != 1 {
			t.Errorf("count after delete: %d", n)
		}
		return errors.Join(err, err2)
	}))
}

func testCustomerList(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "customer-list")
	var all []*customer.Customer
	for i, c := range []struct{ name, email, phone string }{
		{"Ana Cruz", "ana@example.com", "+63 917 555 0101"},
		{"Bea 100% Santos", "bea_s@example.com", "(02) 8123-4567"},
		{"Carla Reyes", "CARLA@Example.org", ""},
		{"Dina Lopez", "", "+63-917-555-0199"},
		{"Ella Tan", "ella@example.com", ""},
	} {
		all = append(all, newCustomer(x.ID, c.name, c.email, c.phone, now.Add(time.Duration(i%3)*time.Second)))
	}
	all[4].Status = customer.Inactive
	createCustomers(t, db, all...)
	names := func(list []customer.Customer) []string {
		out := []string{}
		for _, c := range list {
			out = append(out, c.Name)
		}
		return out
	}
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error {
		for q, want := range map[string][]string{
			"":          newestFirst(all), // by time, then id, newest first
			"CRUZ":      {"Ana Cruz"},
			"example.o": {"Carla Reyes"},
			"100%":      {"Bea 100% Santos"},
			"%":         {"Bea 100% Santos"},
			"_":         {"Bea 100% Santos"},
			"555 01":    {"Ana Cruz", "Dina Lopez"},
			"5550199":   {"Dina Lopez"},
			"8123-45":   {"Bea 100% Santos"},
			"nobody":    {},
		} {
			got, err := tx.ListCustomers(ctx, x.ID, store.CustomerFilter{Query: q, Limit: 10})
			if err != nil {
				return err
			}
			g := names(got)
			if q != "" {
				slices.Sort(g)
				want = slices.Sorted(slices.Values(want))
			}
			if !slices.Equal(g, want) {
				t.Errorf("q %q: %v, want %v", q, g, want)
			}
			n, err := tx.CountCustomers(ctx, x.ID, store.CustomerFilter{Query: q})
			if err != nil {
				return err
			}
			if n != len(want) {
				t.Errorf("q %q counts %d, want %d", q, n, len(want))
			}
		}
		inactive, err := tx.ListCustomers(ctx, x.ID, store.CustomerFilter{Status: "inactive", Limit: 10})
		if err != nil {
			return err
		}
		if g := names(inactive); !reflect.DeepEqual(g, []string{"Ella Tan"}) {
			t.Errorf("inactive: %v", g)
		}
		// Keyset pages of two walk the whole list once, in order.
		whole, err := tx.ListCustomers(ctx, x.ID, store.CustomerFilter{Limit: 10})
		if err != nil {
			return err
		}
		var walked []string
		f := store.CustomerFilter{Limit: 2}
		for range 5 {
			page, err := tx.ListCustomers(ctx, x.ID, f)
			if err != nil {
				return err
			}
			if len(page) == 0 {
				break
			}
			walked = append(walked, names(page)...)
			last := page[len(page)-1]
			f.After = &store.CustomerKey{CreatedAt: last.CreatedAt, ID: last.ID}
		}
		if !reflect.DeepEqual(walked, names(whole)) {
			t.Errorf("keyset walk %v, want %v", walked, names(whole))
		}
		return nil
	}))
}

func testCustomerCounts(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "customer-counts")
	old := newCustomer(x.ID, "Old", "", "", now.AddDate(0, 0, -40))
	blocked := newCustomer(x.ID, "Blocked", "", "", now.AddDate(0, 0, -5))
	blocked.Status = customer.Blocked
	gone := newCustomer(x.ID, "Gone", "", "", now)
	createCustomers(t, db, old, blocked, gone, newCustomer(x.ID, "New", "", "", now), newCustomer(x.ID, "Edge", "", "", now.AddDate(0, 0, -30)))
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { return tx.DeleteCustomer(ctx, x.ID, gone.ID, now) }))
	var got *store.CustomerCounts
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) {
		got, err = tx.CustomerCounts(ctx, x.ID, now.AddDate(0, 0, -30))
		return err
	}))
	if want := (store.CustomerCounts{Total: 4, Active: 3, RecentSignups: 3}); *got != want {
		t.Errorf("counts %+v, want %+v", *got, want)
	}
	y, _ := seed(t, db, "customer-counts-empty")
	must(t, db.ReadTenant(ctx, y.ID, func(tx *store.Tx) (err error) {
		got, err = tx.CustomerCounts(ctx, y.ID, now)
		return err
	}))
	if *got != (store.CustomerCounts{}) {
		t.Errorf("empty tenant counts %+v", *got)
	}
}

// newestFirst names cs in the list's order: newest first, then by id
// (descending).
func newestFirst(cs []*customer.Customer) []string {
	s := slices.Clone(cs)
	slices.SortFunc(s, func(a, b *customer.Customer) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	out := []string{}
	for _, c := range s {
		out = append(out, c.Name)
	}
	return out
}

// customerForeignChecks are the foreign-tenant checks of the customer
// methods (foreignChecks).
func customerForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"CreateCustomer": func(tx *store.Tx, b *foreign) error {
			return tx.CreateCustomer(ctx, newCustomer(b.tenant.ID, "Planted", "", "", now))
		},
		"GetCustomer": func(tx *store.Tx, b *foreign) error {
			_, err := tx.GetCustomer(ctx, b.tenant.ID, b.customer.ID)
			return err
		},
		"UpdateCustomer": func(tx *store.Tx, b *foreign) error {
			c := *b.customer
			c.Name, c.Notes, c.Status = "Hijacked", "hijacked", customer.Blocked
			return tx.UpdateCustomer(ctx, &c)
		},
		"DeleteCustomer": func(tx *store.Tx, b *foreign) error { return tx.DeleteCustomer(ctx, b.tenant.ID, b.customer.ID, now) },
		"ListCustomers": func(tx *store.Tx, b *foreign) error {
			_, err := tx.ListCustomers(ctx, b.tenant.ID, store.CustomerFilter{Limit: 10})
			return err
		},
		"CustomerCounts": func(tx *store.Tx, b *foreign) error {
			_, err := tx.CustomerCounts(ctx, b.tenant.ID, now)
			return err
		},
		"CountCustomers": func(tx *store.Tx, b *foreign) error {
			_, err := tx.CountCustomers(ctx, b.tenant.ID, store.CustomerFilter{})
			return err
		},
	}
}
