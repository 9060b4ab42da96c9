package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/plan"
	"github.com/tenantry/tenantry/internal/store"
	"github.com/tenantry/tenantry/internal/tenant"
)

func testUserRoundTrip(t *testing.T, db *store.DB) {
	u := newUser("round@example.com")
	u.IsPlatformAdmin = true
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, u) }))
	var byID, byEmail *identity.User
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		if byID, err = tx.GetUser(ctx, u.ID); err != nil {
			return err
		}
		byEmail, err = tx.GetUserByEmail(ctx, u.Email)
		return err
	}))
	if *byID != *u || *byEmail != *u {
		t.Fatalf("user round trip: %+v / %+v, want %+v", byID, byEmail, u)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		n, err := tx.CountPlatformAdmins(ctx)
		if n != 1 {
			t.Errorf("platform admins = %d", n)
		}
		if err != nil {
			return err
		}
		return tx.SetUserActive(ctx, u.ID, false, now)
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		n, err := tx.CountPlatformAdmins(ctx)
		if n != 0 {
			t.Errorf("inactive admins counted: %d", n)
		}
		return err
	}))
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetUserByEmail(ctx, "no@example.com"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("missing user: %v", err)
	}
}

func testDuplicateEmail(t *testing.T, db *store.DB) {
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, newUser("same@example.com")) }))
	err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, newUser("same@example.com")) })
	if !store.IsDuplicate(err, "users.email") {
		t.Fatalf("duplicate email: %v", err)
	}
}

func testMembership(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "member")
	var m *membership.Membership
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { m, err = tx.GetMembership(ctx, x.ID, u.ID); return }))
	if m.Role != membership.Owner || m.Status != membership.Active || m.OutletIDs == nil {
		t.Fatalf("membership: %+v", m)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		ids, err := tx.ActiveNonPlatformMembers(ctx, x.ID)
		if len(ids) != 1 || ids[0] != u.ID {
			t.Errorf("active members: %v", ids)
		}
		if err != nil {
			return err
		}
		return tx.SetMembershipStatus(ctx, x.ID, u.ID, membership.Inactive, now)
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		mine, err := tx.ListUserTenants(ctx, u.ID)
		if len(mine) != 0 {
			t.Errorf("inactive membership listed: %+v", mine)
		}
		n, err2 := tx.CountOtherActiveMemberships(ctx, u.ID, "ten_other")
		if n != 0 {
			t.Errorf("other active memberships = %d", n)
		}
		return errors.Join(err, err2)
	}))
}

func testSubscription(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "subs")
	var s *plan.Subscription
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.CurrentSubscription(ctx, x.ID); return }))
	if s.Plan != plan.Free || s.Status != plan.Active || !s.CurrentPeriodEnd.Equal(now.AddDate(0, 1, 0)) {
		t.Fatalf("subscription: %+v", s)
	}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		return tx.SetSubscriptionStatus(ctx, x.ID, s.ID, plan.Suspended, now)
	}))
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { s, err = tx.CurrentSubscription(ctx, x.ID); return }))
	if s.Status != plan.Suspended {
		t.Fatalf("status not changed: %+v", s)
	}
	var l *tenant.Listing
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { l, err = tx.GetTenantListing(ctx, x.ID); return }))
	if l.Tenant.ID != x.ID || l.Subscription.ID != s.ID || l.Subscription.Status != plan.Suspended {
		t.Fatalf("listing: %+v", l)
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.GetTenantListing(ctx, "ten_missing"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("missing listing: %v", err)
	}
}

func testChanges(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "changes")
	want := []store.Change{{Kind: "membership", RefID: u.ID, Previous: "active"}, {Kind: "user", RefID: u.ID, Previous: "true"}}
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		for _, c := range want {
			if err := tx.RecordChange(ctx, x.ID, "chg_1", c); err != nil {
				return err
			}
		}
		return nil
	}))
	var got []store.Change
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { got, err = tx.Changes(ctx, x.ID, "chg_1"); return }))
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("changes: %+v", got)
	}
	held := func() bool {
		var h bool
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { h, err = tx.UserHeldByDeactivation(ctx, u.ID); return }))
		return h
	}
	if held() {
		t.Fatal("user held by a deactivation that is not pending")
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.SetTenantStatus(ctx, x.ID, "inactive", "", "chg_1", now) }))
	if !held() {
		t.Fatal("user not held by the pending deactivation that deactivated them")
	}
}

// testCaller checks the one-query resolution of a token's subject.
func testCaller(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "caller")
	var c *store.Caller
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { c, err = tx.Caller(ctx, u.ID, x.ID, "jti_1", ""); return }))
	if !c.UserActive || c.Role != membership.Owner || c.MemberStatus != membership.Active || c.TenantStatus != "active" ||
		c.TokenRevoked || c.SessionsEndedAt != nil || c.Email != u.Email || c.OutletIDs == nil {
		t.Fatalf("caller: %+v", c)
	}
	later := now.Add(time.Hour)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.RevokeAccessToken(ctx, "jti_1", u.ID, later, now); err != nil {
			return err
		}
		return tx.RevokeUserSessions(ctx, u.ID, x.ID, later)
	}))
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { c, err = tx.Caller(ctx, u.ID, x.ID, "jti_1", ""); return }))
	if !c.TokenRevoked || c.SessionsEndedAt == nil || !c.SessionsEndedAt.Equal(later) {
		t.Fatalf("after revocation: %+v", c)
	}
	// Sessions ended in one tenant do not show in the global view.
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { c, err = tx.Caller(ctx, u.ID, "", "jti_2", ""); return }))
	if c.SessionsEndedAt != nil || c.TokenRevoked || c.Role != "" || c.TenantStatus != "" {
		t.Fatalf("global caller: %+v", c)
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.Caller(ctx, "usr_missing", "", "", ""); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("missing user: %v", err)
	}
}
