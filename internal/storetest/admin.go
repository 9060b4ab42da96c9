package storetest

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"

	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

// adminCases cover platform administration: the admin tenant list, its
// counters and its keyset paging.
func adminCases() map[string]Case {
	return map[string]Case{
		"AdminTenants":      testAdminTenants,
		"AdminTenantCounts": testAdminTenantCounts,
	}
}

func adminTenants(t *testing.T, db *store.DB, f store.AdminTenantFilter) ([]store.AdminTenant, int) {
	t.Helper()
	var out []store.AdminTenant
	var n int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if out, err = tx.AdminTenants(ctx, f); err != nil {
			return err
		}
		n, err = tx.CountAdminTenants(ctx, f)
		return err
	}))
	return out, n
}

// testAdminTenants: newest first (ties by id), a keyset page continues
// exactly where an offset page would, a search matches a part of the name
// or slug, and member counts are the active memberships.
func testAdminTenants(t *testing.T, db *store.DB) {
	xs := []*tenant.Tenant{newTenant("adm-a"), newTenant("adm-b"), newTenant("adm-c"), newTenant("other")}
	for i, x := range xs {
		x.CreatedAt = now.Add(time.Duration(i/2) * time.Second) // two share each instant
	}
	createTenants(t, db, xs...)
	all, total := adminTenants(t, db, store.AdminTenantFilter{Limit: 10})
	if total != len(xs) || len(all) != len(xs) {
		t.Fatalf("all: %d rows, total %d", len(all), total)
	}
	for i := 1; i < len(all); i++ {
		p, c := all[i-1], all[i]
		if c.CreatedAt.After(p.CreatedAt) || (c.CreatedAt.Equal(p.CreatedAt) && c.ID > p.ID) {
			t.Fatalf("order: %v before %v", p, c)
		}
	}
	for i := range all[:len(all)-1] {
		key := &store.TenantKey{CreatedAt: all[i].CreatedAt, ID: all[i].ID}
		next, _ := adminTenants(t, db, store.AdminTenantFilter{After: key, Limit: 1})
		byOffset, _ := adminTenants(t, db, store.AdminTenantFilter{Offset: i + 1, Limit: 1})
		if len(next) != 1 || next[0].ID != all[i+1].ID || byOffset[0].ID != next[0].ID {
			t.Fatalf("after %d: %v, offset %v, want %s", i, next, byOffset, all[i+1].ID)
		}
	}
	found, n := adminTenants(t, db, store.AdminTenantFilter{Query: "adm-", Limit: 10})
	if n != 3 || len(found) != 3 {
		t.Fatalf("q=adm-: %d rows, total %d", len(found), n)
	}
	if found, n = adminTenants(t, db, store.AdminTenantFilter{Query: "name oth", Limit: 10}); n != 1 || found[0].ID != xs[3].ID {
		t.Fatalf("q by name: %v, %d", found, n)
	}
	if found, n = adminTenants(t, db, store.AdminTenantFilter{Query: "_", Limit: 10}); n != 0 || len(found) != 0 {
		t.Fatalf("q=_ is a wildcard: %v", found)
	}
	u := newUser("adm@example.com")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return tx.CreateMembership(ctx, &membership.Membership{TenantID: xs[0].ID, UserID: u.ID, ID: id.New(id.Membership),
			Role: membership.Staff, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
	}))
	one, _ := adminTenants(t, db, store.AdminTenantFilter{Query: "adm-a", Limit: 10})
	if len(one) != 1 || one[0].MemberCount != 1 {
		t.Fatalf("member count: %+v", one)
	}
}

// testAdminTenantCounts: the maintained counters follow creations and
// status changes, per status and in all.
func testAdminTenantCounts(t *testing.T, db *store.DB) {
	a, b := newTenant("cnt-a"), newTenant("cnt-b")
	createTenants(t, db, a, b)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.SetTenantStatus(ctx, b.ID, tenant.Suspended, "overdue", "", now)
	}))
	_, all := adminTenants(t, db, store.AdminTenantFilter{Limit: 1})
	_, active := adminTenants(t, db, store.AdminTenantFilter{Status: "active", Limit: 1})
	_, suspended := adminTenants(t, db, store.AdminTenantFilter{Status: "suspended", Limit: 1})
	_, archived := adminTenants(t, db, store.AdminTenantFilter{Status: "archived", Limit: 1})
	if all != 2 || active != 1 || suspended != 1 || archived != 0 {
		t.Fatalf("counts: all %d active %d suspended %d archived %d", all, active, suspended, archived)
	}
}
