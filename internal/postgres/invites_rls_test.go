package postgres_test

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/pgtest"
	"github.com/tenantry/tenantry/internal/store"
)

// TestInviteRowLevelSecurity checks that invitations are isolated by the
// database itself: forced row-level security, a tenant's transaction sees
// and changes only its own invitations whatever the query, cannot plant one
// in another tenant, and a transaction with no tenant sees none.
func TestInviteRowLevelSecurity(t *testing.T) {
	url := pgtest.NewDatabase(t)
	db := openURL(t, url)
	raw := rawDB(t, url)
	a, b := seedTwo(t, db)
	now := time.Now().UTC()
	for _, tenantID := range []string{a, b} {
		_, hash, err := auth.NewOpaque("ivt_")
		if err != nil {
			t.Fatal(err)
		}
		inv := &membership.Invite{TenantID: tenantID, ID: id.New(id.Invite), Email: "x@example.com", Role: membership.Staff,
			Hash: hash, ExpiresAt: now.Add(membership.InviteTTL), CreatedAt: now}
		if err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.CreateInvite(ctx, inv); return err }); err != nil {
			t.Fatal(err)
		}
	}
	var forced bool
	if err := raw.QueryRow(`SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = 'invites'`).Scan(&forced); err != nil || !forced {
		t.Fatalf("invites row-level security forced = %v (%v)", forced, err)
	}
	err := db.InTenant(ctx, a, func(tx *store.Tx) error {
		ids, err := tenantIDs(tx.SQL(), "invites")
		if len(ids) != 1 || ids[0] != a {
			t.Errorf("tenant a sees invitation rows of %v, want only its own", ids)
		}
		if err != nil {
			return err
		}
		r, err := tx.SQL().Exec(`UPDATE invites SET revoked_at = now()`)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			t.Errorf("an unfiltered update touched %d invitations, want only tenant a's", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.InTenant(ctx, a, func(tx *store.Tx) error {
		_, err := tx.SQL().Exec(`INSERT INTO invites (tenant_id, id, email, role, token_hash, expires_at, created_at)
			VALUES ($1, 'inv_planted', 'p@example.com', 'owner', 'planted', now() + interval '1 day', now())`, b)
		return err
	})
	if err == nil {
		t.Error("tenant a inserted an invitation of tenant b")
	}
	err = db.ReadTenant(ctx, b, func(tx *store.Tx) error {
		var open bool
		if err := tx.SQL().QueryRow(`SELECT revoked_at IS NULL FROM invites`).Scan(&open); err != nil {
			return err
		}
		if !open {
			t.Error("tenant b's invitation was revoked from tenant a")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.Exec(`SET LOCAL ROLE tenantry_app`); err != nil {
		t.Fatal(err)
	}
	ids, err := tenantIDs(tx, "invites")
	if err != nil || len(ids) != 0 {
		t.Fatalf("a transaction with no tenant sees invitation rows %v (%v)", ids, err)
	}
}
