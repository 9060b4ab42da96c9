package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// memberCases cover listing and changing a tenant's members, and invitations.
func memberCases() map[string]Case {
	return map[string]Case{
		"MemberListing":         testMemberListing,
		"MemberUpdate":          testMemberUpdate,
		"OtherMemberships":      testOtherMemberships,
		"InviteRoundTrip":       testInviteRoundTrip,
		"InviteListing":         testInviteListing,
		"InviteSupersedes":      testInviteSupersedes,
		"InviteSingleUse":       testInviteSingleUse,
		"InviteExpiry":          testInviteExpiry,
		"InviteTokenUniqueness": testInviteTokenUniqueness,
	}
}

// addMember creates a user with email and makes them a member of tenantID,
// joined at joined.
func addMember(t *testing.T, db *store.DB, tenantID, email string, r membership.Role, s membership.Status, joined time.Time) *identity.User {
	t.Helper()
	u := newUser(email)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return tx.CreateMembership(ctx, &membership.Membership{TenantID: tenantID, UserID: u.ID, ID: id.New(id.Membership),
			Role: r, OutletIDs: []string{"out_a"}, Status: s, CreatedAt: joined, UpdatedAt: joined})
	}))
	return u
}

func listMembers(t *testing.T, db *store.DB, tenantID string, f store.MemberFilter) ([]string, int) {
	t.Helper()
	var list []membership.Member
	var total int
	must(t, db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) {
		list, total, err = tx.ListMembers(ctx, tenantID, f)
		return err
	}))
	var ids []string
	for _, m := range list {
		ids = append(ids, m.UserID)
	}
	return ids, total
}

func testMemberListing(t *testing.T, db *store.DB) {
	x, owner := seed(t, db, "roster")
	staff := addMember(t, db, x.ID, "staff@example.com", membership.Staff, membership.Active, now.Add(time.Minute))
	gone := addMember(t, db, x.ID, "gone@example.com", membership.Staff, membership.Inactive, now.Add(2*time.Minute))
	viewer := addMember(t, db, x.ID, "viewer@example.com", membership.Viewer, membership.Active, now.Add(3*time.Minute))
	for _, c := range []struct {
		f     store.MemberFilter
		want  []string
		total int
	}{
		{store.MemberFilter{Limit: 10}, []string{owner.ID, staff.ID, gone.ID, viewer.ID}, 4},
		{store.MemberFilter{Limit: 2, Skip: 1}, []string{staff.ID, gone.ID}, 4},
		{store.MemberFilter{Role: membership.Staff, Limit: 10}, []string{staff.ID, gone.ID}, 2},
		{store.MemberFilter{Status: membership.Active, Limit: 10}, []string{owner.ID, staff.ID, viewer.ID}, 3},
		{store.MemberFilter{Role: membership.Staff, Status: membership.Inactive, Limit: 10}, []string{gone.ID}, 1},
		{store.MemberFilter{Role: membership.TenantAdmin, Limit: 10}, nil, 0},
	} {
		if ids, total := listMembers(t, db, x.ID, c.f); !slices.Equal(ids, c.want) || total != c.total {
			t.Errorf("%+v: %v (%d), want %v (%d)", c.f, ids, total, c.want, c.total)
		}
	}
	var m *membership.Member
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { m, err = tx.GetMember(ctx, x.ID, staff.ID); return }))
	want := *staff
	want.PasswordHash = "" // never read with a member
	if m.User != want || m.Role != membership.Staff || !slices.Equal(m.OutletIDs, []string{"out_a"}) ||
		!m.CreatedAt.Equal(now.Add(time.Minute)) || m.TenantID != x.ID || m.Status != membership.Active {
		t.Fatalf("member: %+v", m)
	}
	err := db.ReadTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.GetMember(ctx, x.ID, "usr_none"); return err })
	if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != "member_not_found" {
		t.Fatalf("missing member: %v", err)
	}
}

func testMemberUpdate(t *testing.T, db *store.DB) {
	x, owner := seed(t, db, "promote")
	u := addMember(t, db, x.ID, "promote@example.com", membership.Staff, membership.Active, now)
	later := now.Add(time.Hour)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error {
		m, err := tx.GetMembership(ctx, x.ID, u.ID)
		if err != nil {
			return err
		}
		m.Role, m.OutletIDs, m.Status, m.UpdatedAt = membership.OutletManager, []string{"out_b", "out_c"}, membership.Inactive, later
		if err := tx.UpdateMembership(ctx, m); err != nil {
			return err
		}
		m.UserID = "usr_none"
		if err := tx.UpdateMembership(ctx, m); !errs.Is(err, errs.NotFound) {
			t.Errorf("update of a missing membership: %v", err)
		}
		if err := tx.SetUserDetails(ctx, u.ID, "Ana", "Cruz", "+63 917 555 0101", later); err != nil {
			return err
		}
		if err := tx.SetUserDetails(ctx, "usr_none", "A", "B", "", later); !errs.Is(err, errs.NotFound) {
			t.Errorf("details of a missing user: %v", err)
		}
		owners, err := tx.ActiveMembersWithRole(ctx, x.ID, membership.Owner)
		if !slices.Equal(owners, []string{owner.ID}) {
			t.Errorf("owners: %v", owners)
		}
		return err
	}))
	var m *membership.Member
	must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { m, err = tx.GetMember(ctx, x.ID, u.ID); return }))
	if m.Role != membership.OutletManager || !slices.Equal(m.OutletIDs, []string{"out_b", "out_c"}) || m.Status != membership.Inactive ||
		!m.UpdatedAt.Equal(later) || !m.CreatedAt.Equal(now) || m.User.FirstName != "Ana" || m.User.LastName != "Cruz" ||
		m.User.Phone != "+63 917 555 0101" || !m.User.UpdatedAt.Equal(later) {
		t.Fatalf("after update: %+v", m)
	}
}

func testOtherMemberships(t *testing.T, db *store.DB) {
	a, u := seed(t, db, "first-home")
	b, _ := seed(t, db, "second-home")
	count := func() int {
		var n int
		must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { n, err = tx.CountOtherMemberships(ctx, u.ID, a.ID); return }))
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("other memberships before joining b: %d", n)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.CreateMembership(ctx, &membership.Membership{TenantID: b.ID, UserID: u.ID, ID: id.New(id.Membership),
			Role: membership.Viewer, Status: membership.Inactive, CreatedAt: now, UpdatedAt: now})
	}))
	if n := count(); n != 1 {
		t.Fatalf("other memberships (an inactive one counts): %d", n)
	}
	err := db.ReadTenant(ctx, a.ID, func(tx *store.Tx) error { _, err := tx.CountOtherMemberships(ctx, u.ID, a.ID); return err })
	if err == nil {
		t.Fatal("a tenant transaction counted other tenants' memberships")
	}
}
