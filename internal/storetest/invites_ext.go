package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

func newInvite(tenantID, email string, created time.Time) *membership.Invite {
	return &membership.Invite{TenantID: tenantID, ID: id.New(id.Invite), Email: email, Role: membership.Staff,
		OutletIDs: []string{"out_1"}, Hash: "sha-" + id.New(id.Invite), InvitedBy: "usr_admin",
		ExpiresAt: created.Add(membership.InviteTTL), CreatedAt: created}
}

func createInvite(t *testing.T, db *store.DB, inv *membership.Invite) int64 {
	t.Helper()
	var n int64
	must(t, db.InTenant(ctx, inv.TenantID, func(tx *store.Tx) (err error) { n, err = tx.CreateInvite(ctx, inv); return }))
	return n
}

func getInvite(t *testing.T, db *store.DB, tenantID, inviteID string) *membership.Invite {
	t.Helper()
	var inv *membership.Invite
	must(t, db.ReadTenant(ctx, tenantID, func(tx *store.Tx) (err error) { inv, err = tx.GetInvite(ctx, tenantID, inviteID); return }))
	return inv
}

func accept(t *testing.T, db *store.DB, inv *membership.Invite, at time.Time) bool {
	t.Helper()
	var ok bool
	must(t, db.InTenant(ctx, inv.TenantID, func(tx *store.Tx) (err error) {
		ok, err = tx.AcceptInvite(ctx, inv.TenantID, inv.ID, "usr_joiner", at)
		return err
	}))
	return ok
}

func testInviteRoundTrip(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "invites")
	inv := newInvite(x.ID, "new@example.com", now)
	createInvite(t, db, inv)
	got := getInvite(t, db, x.ID, inv.ID)
	if got.Email != inv.Email || got.Role != inv.Role || !slices.Equal(got.OutletIDs, inv.OutletIDs) || got.Hash != inv.Hash ||
		got.InvitedBy != inv.InvitedBy || !got.ExpiresAt.Equal(inv.ExpiresAt) || !got.CreatedAt.Equal(now) ||
		got.AcceptedAt != nil || got.RevokedAt != nil || got.AcceptedBy != "" || got.StatusAt(now) != membership.InvitePending {
		t.Fatalf("invite round trip: %+v, want %+v", got, inv)
	}
	var byHash *membership.Invite
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { byHash, err = tx.InviteByHash(ctx, inv.Hash); return }))
	if byHash.ID != inv.ID || byHash.TenantID != x.ID {
		t.Fatalf("by hash: %+v", byHash)
	}
	if !accept(t, db, inv, now.Add(time.Hour)) {
		t.Fatal("a pending invitation was not accepted")
	}
	got = getInvite(t, db, x.ID, inv.ID)
	if got.AcceptedAt == nil || !got.AcceptedAt.Equal(now.Add(time.Hour)) || got.AcceptedBy != "usr_joiner" ||
		got.StatusAt(now.Add(time.Hour)) != membership.InviteAccepted {
		t.Fatalf("accepted: %+v", got)
	}
	for name, fn := range map[string]func(tx *store.Tx) error{
		"invite_not_found": func(tx *store.Tx) error { _, err := tx.GetInvite(ctx, x.ID, "inv_none"); return err },
		"invalid_invite":   func(tx *store.Tx) error { _, err := tx.InviteByHash(ctx, "sha-none"); return err },
	} {
		err := db.ReadSystem(ctx, fn)
		if !errs.Is(err, errs.NotFound) || errs.CodeOf(err) != name {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func testInviteListing(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "invite-list")
	pending := newInvite(x.ID, "p@example.com", now.Add(3*time.Minute))
	accepted := newInvite(x.ID, "a@example.com", now.Add(2*time.Minute))
	revoked := newInvite(x.ID, "r@example.com", now.Add(time.Minute))
	expired := newInvite(x.ID, "e@example.com", now.Add(-membership.InviteTTL))
	for _, inv := range []*membership.Invite{pending, accepted, revoked, expired} {
		createInvite(t, db, inv)
	}
	at := now.Add(time.Hour)
	accept(t, db, accepted, at)
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.RevokeInvite(ctx, x.ID, revoked.ID, at); return err }))
	for _, c := range []struct {
		f     store.InviteFilter
		want  []string
		total int
	}{
		{store.InviteFilter{Limit: 10}, []string{pending.ID, accepted.ID, revoked.ID, expired.ID}, 4},
		{store.InviteFilter{Limit: 2, Skip: 1}, []string{accepted.ID, revoked.ID}, 4},
		{store.InviteFilter{Status: membership.InvitePending, Limit: 10}, []string{pending.ID}, 1},
		{store.InviteFilter{Status: membership.InviteAccepted, Limit: 10}, []string{accepted.ID}, 1},
		{store.InviteFilter{Status: membership.InviteRevoked, Limit: 10}, []string{revoked.ID}, 1},
		{store.InviteFilter{Status: membership.InviteExpired, Limit: 10}, []string{expired.ID}, 1},
	} {
		var list []membership.Invite
		var total int
		must(t, db.ReadTenant(ctx, x.ID, func(tx *store.Tx) (err error) { list, total, err = tx.ListInvites(ctx, x.ID, c.f, at); return }))
		var ids []string
		for _, inv := range list {
			ids = append(ids, inv.ID)
			if c.f.Status != "" && inv.StatusAt(at) != c.f.Status {
				t.Errorf("%s listed with status %s", inv.ID, inv.StatusAt(at))
			}
		}
		if !slices.Equal(ids, c.want) || total != c.total {
			t.Errorf("%+v: %v (%d), want %v (%d)", c.f, ids, total, c.want, c.total)
		}
	}
}

func testInviteSupersedes(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "resend")
	first := newInvite(x.ID, "twice@example.com", now)
	other := newInvite(x.ID, "other@example.com", now)
	old := newInvite(x.ID, "twice@example.com", now.Add(-membership.InviteTTL-time.Minute)) // expired before now
	for _, inv := range []*membership.Invite{old, first, other} {
		createInvite(t, db, inv)
	}
	if n := createInvite(t, db, newInvite(x.ID, "twice@example.com", now.Add(time.Minute))); n != 1 {
		t.Fatalf("a new invitation revoked %d earlier ones, want the one open", n)
	}
	if getInvite(t, db, x.ID, first.ID).StatusAt(now.Add(time.Minute)) != membership.InviteRevoked {
		t.Error("the earlier invitation of the same email still works")
	}
	if getInvite(t, db, x.ID, other.ID).RevokedAt != nil || getInvite(t, db, x.ID, old.ID).RevokedAt != nil {
		t.Error("another email's, or an expired, invitation was revoked")
	}
}

func testInviteSingleUse(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "invite-race")
	inv := newInvite(x.ID, "race@example.com", now)
	createInvite(t, db, inv)
	if wins := race(t, db, 8, func(tx *store.Tx) (bool, error) {
		return tx.AcceptInvite(ctx, x.ID, inv.ID, "usr_"+id.New(id.User), now.Add(time.Minute))
	}); wins != 1 {
		t.Fatalf("one invitation accepted %d times concurrently, want once", wins)
	}
	var revoked bool
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { revoked, err = tx.RevokeInvite(ctx, x.ID, inv.ID, now); return }))
	if revoked {
		t.Fatal("an accepted invitation was revoked")
	}
}

func testInviteExpiry(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "invite-expiry")
	inv := newInvite(x.ID, "late@example.com", now)
	createInvite(t, db, inv)
	if accept(t, db, inv, inv.ExpiresAt) {
		t.Fatal("accepted at the very moment it expired")
	}
	if !accept(t, db, inv, inv.ExpiresAt.Add(-time.Microsecond)) {
		t.Fatal("not accepted just before it expired")
	}
	gone := newInvite(x.ID, "gone@example.com", now)
	createInvite(t, db, gone)
	var ok bool
	must(t, db.InTenant(ctx, x.ID, func(tx *store.Tx) (err error) { ok, err = tx.RevokeInvite(ctx, x.ID, gone.ID, now); return }))
	if !ok || accept(t, db, gone, now.Add(time.Minute)) {
		t.Fatalf("revoked %v, then accepted anyway", ok)
	}
}

func testInviteTokenUniqueness(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "invite-dup")
	inv := newInvite(x.ID, "one@example.com", now)
	createInvite(t, db, inv)
	dup := newInvite(x.ID, "two@example.com", now)
	dup.Hash = inv.Hash
	err := db.InTenant(ctx, x.ID, func(tx *store.Tx) error { _, err := tx.CreateInvite(ctx, dup); return err })
	if !errs.Is(err, errs.Conflict) {
		t.Fatalf("a second invitation with the same token hash: %v", err)
	}
}
