package storetest

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
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
		"AdminUsers":        testAdminUsers,
		"AdminCountsRace":   testAdminCountsRace,
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

// testAdminUsers: the user list filters by a part of the email, counts
// active memberships, and shows logins, locks and platform admin grants.
func testAdminUsers(t *testing.T, db *store.DB) {
	x := newTenant("adm-users")
	createTenants(t, db, x)
	u, v := newUser("jane@acme.example.com"), newUser("joe@other.example.com")
	later := now.Add(time.Hour)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for _, w := range []*identity.User{u, v} {
			if err := tx.CreateUser(ctx, w); err != nil {
				return err
			}
		}
		if err := tx.CreateMembership(ctx, &membership.Membership{TenantID: x.ID, UserID: u.ID, ID: id.New(id.Membership),
			Role: membership.Owner, Status: membership.Active, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		if err := tx.RecordLogin(ctx, u.ID, later); err != nil {
			return err
		}
		if err := tx.SetUserLocked(ctx, v.ID, true, later); err != nil {
			return err
		}
		return tx.SetPlatformAdmin(ctx, v.ID, true, later)
	}))
	var list []store.AdminUser
	var n, usable int
	var locked bool
	var one *store.AdminUser
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if list, err = tx.AdminUsers(ctx, store.AdminUserFilter{Email: "acme.example", Limit: 10}); err != nil {
			return err
		}
		if n, err = tx.CountAdminUsers(ctx, store.AdminUserFilter{Email: "acme.example"}); err != nil {
			return err
		}
		if locked, err = tx.UserLocked(ctx, v.ID); err != nil {
			return err
		}
		if usable, err = tx.CountUsablePlatformAdmins(ctx); err != nil {
			return err
		}
		one, err = tx.GetAdminUser(ctx, v.ID)
		return err
	}))
	if n != 1 || len(list) != 1 || list[0].ID != u.ID || list[0].TenantCount != 1 || list[0].LastLoginAt == nil ||
		!list[0].LastLoginAt.Equal(later) || list[0].Locked {
		t.Fatalf("list: %+v (total %d)", list, n)
	}
	var imp, gone bool
	var ended *time.Time
	must(t, db.InSystem(ctx, func(tx *store.Tx) (err error) {
		if imp, _, err = tx.Impersonator(ctx, v.ID); err != nil { // locked
			return err
		}
		if err = tx.SetUserLocked(ctx, v.ID, false, later); err != nil {
			return err
		}
		if err = tx.RevokeUserSessions(ctx, v.ID, "", later); err != nil {
			return err
		}
		if gone, ended, err = tx.Impersonator(ctx, v.ID); err != nil {
			return err
		}
		return tx.SetUserLocked(ctx, v.ID, true, later)
	}))
	if imp || !gone || ended == nil || !ended.Equal(later) {
		t.Fatalf("impersonator: locked %v, unlocked %v ended %v", imp, gone, ended)
	}
	if !locked || usable != 0 || !one.Locked || !one.PlatformAdmin || one.LastLoginAt != nil {
		t.Fatalf("locked %v, usable %d, user %+v", locked, usable, one)
	}
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetUserLocked(ctx, "usr_missing", true, now) })
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("lock a missing user: %v", err)
	}
	err = db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetAdminUser(ctx, "usr_missing"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("get a missing user: %v", err)
	}
}

// testAdminCountsRace: concurrent opposite status changes (active to
// suspended and back, on different tenants) all commit — the counters'
// rows are locked in one order, so they never deadlock — and the counters
// end exact.
func testAdminCountsRace(t *testing.T, db *store.DB) {
	const n = 8
	xs := make([]*tenant.Tenant, n)
	for i := range xs {
		xs[i] = newTenant("race-count-" + strconv.Itoa(i))
		if i%2 == 1 {
			xs[i].Status = tenant.Suspended
		}
	}
	createTenants(t, db, xs...)
	var wg sync.WaitGroup
	for round := range 3 {
		for i, x := range xs {
			to := tenant.Suspended
			if (i+round)%2 == 1 {
				to = tenant.Active
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := db.InSystem(ctx, func(tx *store.Tx) error {
					return tx.SetTenantStatus(ctx, x.ID, to, "", "", now)
				}); err != nil {
					t.Errorf("set %s %s: %v", x.ID, to, err)
				}
			}()
		}
		wg.Wait()
	}
	var active, suspended, real int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if active, err = tx.CountAdminTenants(ctx, store.AdminTenantFilter{Status: "active"}); err != nil {
			return err
		}
		if suspended, err = tx.CountAdminTenants(ctx, store.AdminTenantFilter{Status: "suspended"}); err != nil {
			return err
		}
		real, err = tx.CountAdminTenants(ctx, store.AdminTenantFilter{Status: "active", Query: "race-count-"})
		return err
	}))
	if active != real || active+suspended != n {
		t.Fatalf("counters: active %d (rows %d), suspended %d, want %d in all", active, real, suspended, n)
	}
}
