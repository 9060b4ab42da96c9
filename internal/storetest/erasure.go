package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// erasureCases cover deliberate erasure: a tenant's rows, a person's
// records, and the audit log's guards, which open for exactly these.
func erasureCases() map[string]Case {
	return map[string]Case{
		"EraseTenant":         testEraseTenant,
		"ErasureRequests":     testErasureRequests,
		"AuditGuardsHold":     testAuditGuardsHold,
		"RedactAudit":         testRedactAudit,
		"ForgetAndDeleteUser": testForgetAndDeleteUser,
		"SoleOwnerTenants":    testSoleOwnerTenants,
	}
}

// erasureForeignChecks are the foreign-tenant checks of erasure's
// tenant-scoped methods.
func erasureForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"RedactAudit": func(tx *store.Tx, b *foreign) error {
			return tx.RedactAudit(ctx, audit.Hash{}, &audit.Event{TenantID: b.tenant.ID, ID: "aud_x", ActorID: "x"}, "p", now)
		},
		"AuditRedactions": func(tx *store.Tx, b *foreign) error { _, err := tx.AuditRedactions(ctx, b.tenant.ID); return err },
		"GetErasure":      func(tx *store.Tx, b *foreign) error { _, err := tx.GetErasure(ctx, b.tenant.ID); return err },
		"CancelErasure":   func(tx *store.Tx, b *foreign) error { return tx.CancelErasure(ctx, b.tenant.ID) },
		"EraseTenant": func(tx *store.Tx, b *foreign) error {
			_, err := tx.EraseTenant(ctx, b.tenant.ID, []string{b.owner.ID}, now)
			return err
		},
		"TenantOnlyUsers": func(tx *store.Tx, b *foreign) error { _, err := tx.TenantOnlyUsers(ctx, b.tenant.ID); return err },
	}
}

func requestErasure(t *testing.T, db *store.DB, tenantID, slug string) {
	t.Helper()
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.RequestErasure(ctx, &store.TenantErasure{TenantID: tenantID, Slug: slug, RequestedBy: "usr_admin",
			RequestedByEmail: "admin@example.com", Reason: "closing", Forced: true, JobID: id.New(id.Job), RequestedAt: now})
	}))
}

// testEraseTenant erases a tenant with one row of every kind: nothing of
// it is left (its audit log included), its only member goes, its slug
// stays taken, and another tenant is untouched.
func testEraseTenant(t *testing.T, db *store.DB) {
	gone, kept := seedForeign(t, db, "erased"), seedForeign(t, db, "kept")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		// The kept tenant's owner also belongs to the erased one: they stay.
		return tx.CreateMembership(ctx, &membership.Membership{TenantID: gone.tenant.ID, UserID: kept.owner.ID,
			ID: id.New(id.Membership), Role: membership.Staff, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
	}))
	before := snapshot(t, db, kept)
	requestErasure(t, db, gone.tenant.ID, gone.tenant.Slug)
	var rows int64
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		users, err := tx.TenantOnlyUsers(ctx, gone.tenant.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(users, []string{gone.owner.ID}) {
			t.Errorf("TenantOnlyUsers = %v, want only the erased tenant's owner %s", users, gone.owner.ID)
		}
		rows, err = tx.EraseTenant(ctx, gone.tenant.ID, users, now)
		return err
	}))
	if rows < 15 {
		t.Errorf("EraseTenant deleted %d rows, want one of every kind", rows)
	}
	if !reflect.DeepEqual(snapshot(t, db, kept), before) {
		t.Error("erasing a tenant changed another tenant's rows")
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetTenant(ctx, gone.tenant.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetTenant(erased) = %v, want NotFound", err)
		}
		if _, err := tx.GetUser(ctx, gone.owner.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetUser(erased owner) = %v, want NotFound", err)
		}
		if _, err := tx.GetUser(ctx, kept.owner.ID); err != nil {
			t.Errorf("GetUser(member of another tenant) = %v, want kept", err)
		}
		audit, _, err := tx.ListAudit(ctx, audit.Filter{TenantID: gone.tenant.ID, Limit: 10})
		if err != nil || len(audit) != 0 {
			t.Errorf("ListAudit(erased) = %d events, %v; want none", len(audit), err)
		}
		e, err := tx.GetErasure(ctx, gone.tenant.ID)
		if err != nil || e.State != store.ErasureErased || e.ErasedAt == nil || e.RowsDeleted != rows || e.UsersDeleted != 1 {
			t.Errorf("GetErasure = %+v, %v; want erased with its counts", e, err)
		}
		taken, err := tx.SlugTaken(ctx, gone.tenant.Slug)
		if err != nil || !taken {
			t.Errorf("SlugTaken(erased slug) = %v, %v; want reserved", taken, err)
		}
		if id, err := tx.TenantIDBySlug(ctx, gone.tenant.Slug); !errs.Is(err, errs.NotFound) {
			t.Errorf("TenantIDBySlug(erased slug) = %q, %v; want NotFound", id, err)
		}
		return nil
	}))
	// Erasing twice finds no pending erasure.
	err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.EraseTenant(ctx, gone.tenant.ID, nil, now); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Errorf("EraseTenant(erased) = %v, want NotFound", err)
	}
}

// testErasureRequests covers recording, reading and cancelling a request.
func testErasureRequests(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "requested")
	requestErasure(t, db, x.ID, x.Slug)
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		return tx.RequestErasure(ctx, &store.TenantErasure{TenantID: x.ID, Slug: x.Slug, JobID: "job_x", RequestedAt: now})
	})
	if errs.CodeOf(err) != "erasure_requested" {
		t.Errorf("RequestErasure twice = %v, want erasure_requested", err)
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		e, err := tx.GetErasure(ctx, x.ID)
		if err != nil {
			return err
		}
		if e.State != store.ErasurePending || !e.Forced || e.Reason != "closing" || !e.RequestedAt.Equal(now) || e.ErasedAt != nil {
			t.Errorf("GetErasure = %+v", e)
		}
		return tx.CancelErasure(ctx, x.ID)
	}))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetErasure(ctx, x.ID); errs.CodeOf(err) != "erasure_not_found" {
			t.Errorf("GetErasure(cancelled) = %v, want erasure_not_found", err)
		}
		if err := tx.CancelErasure(ctx, x.ID); errs.CodeOf(err) != "erasure_not_found" {
			t.Errorf("CancelErasure(none) = %v, want erasure_not_found", err)
		}
		return nil
	}))
}

// testAuditGuardsHold checks that the audit log stays append-only outside
// an erasure: deleting events, chain or seals, or editing an event without
// a pending redaction, is refused, also with an erasure merely requested.
func testAuditGuardsHold(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "guarded")
	e := &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), Action: "seed", Outcome: audit.Success, CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.AppendAudit(ctx, e); err != nil {
			return err
		}
		return tx.AppendSeal(ctx, &audit.Seal{TenantID: x.ID, Batch: 1, FirstSeq: 1, LastSeq: 1, LastAt: now, LastID: e.ID,
			KeyID: "k", Signature: []byte("s"), SealedAt: now}, []audit.Link{{Seq: 1, Batch: 1, EventID: e.ID}})
	}))
	requestErasure(t, db, x.ID, x.Slug)
	for _, q := range []string{
		`DELETE FROM audit_logs WHERE tenant_id = ?`, `DELETE FROM audit_chain WHERE tenant_id = ?`,
		`DELETE FROM audit_seals WHERE tenant_id = ?`, `UPDATE audit_logs SET actor_email = 'x' WHERE tenant_id = ?`,
	} {
		err := db.InSystem(ctx, func(tx *store.Tx) error { _, err := tx.SQL().ExecContext(ctx, tx.Rebind(q), x.ID); return err })
		if err == nil {
			t.Errorf("%s: the guard let it through", q)
		}
	}
}

// testRedactAudit rewrites an event with its redaction record, whose
// hashes the verifier reads, and re-redacts it keeping the sealed hash.
func testRedactAudit(t *testing.T, db *store.DB) {
	x, _ := seed(t, db, "redacted")
	e := &audit.Event{TenantID: x.ID, ID: id.New(id.Audit), ActorID: "usr_ana", ActorEmail: "ana@example.com", Action: "seed",
		Outcome: audit.Success, IP: "203.0.113.9", UserAgent: "curl", Details: map[string]string{"email": "ana@example.com"},
		CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.AppendAudit(ctx, e) }))
	var stored audit.Event
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		got, err := tx.PersonAuditEvents(ctx, "usr_ana", "ANA@example.com", "", store.AuditKey{}, 10)
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].ID != e.ID {
			t.Fatalf("PersonAuditEvents = %v, want the event", got)
		}
		if skipped, err := tx.PersonAuditEvents(ctx, "usr_ana", "ana@example.com", x.ID, store.AuditKey{}, 10); err != nil || len(skipped) != 0 {
			t.Errorf("PersonAuditEvents skipping the tenant = %v, %v; want none", skipped, err)
		}
		stored = got[0]
		red := stored
		red.ActorID, red.ActorEmail, red.IP, red.UserAgent = "erased-user-1", "erased-user-1", "", ""
		red.Details = map[string]string{"email": "erased-user-1"}
		return tx.RedactAudit(ctx, audit.EventHash(&stored), &red, "erased-user-1", now)
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		got, _, err := tx.ListAudit(ctx, audit.Filter{TenantID: x.ID, Limit: 10})
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].ActorEmail != "erased-user-1" || got[0].IP != "" || got[0].Details["email"] != "erased-user-1" {
			t.Fatalf("after RedactAudit: %+v", got)
		}
		reds, err := tx.AuditRedactions(ctx, x.ID)
		if err != nil {
			return err
		}
		r, ok := reds[e.ID]
		if !ok || r.Original != audit.EventHash(&stored) || r.Redacted != audit.EventHash(&got[0]) {
			t.Errorf("AuditRedactions = %+v, want the original and the rewritten hash", reds)
		}
		rest, err := tx.PersonAuditEvents(ctx, "usr_ana", "ana@example.com", "", store.AuditKey{}, 10)
		if err != nil || len(rest) != 0 {
			t.Errorf("PersonAuditEvents after redaction = %v, %v; want none", rest, err)
		}
		return nil
	}))
	// The edited event still refuses an update without a pending redaction.
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		_, err := tx.SQL().ExecContext(ctx, tx.Rebind(`UPDATE audit_logs SET actor_email = 'x' WHERE tenant_id = ?`), x.ID)
		return err
	})
	if err == nil {
		t.Error("a redacted event took an update without a pending redaction")
	}
}

// testForgetAndDeleteUser rewrites what names a user and deletes them.
func testForgetAndDeleteUser(t *testing.T, db *store.DB) {
	b := seedForeign(t, db, "forgotten")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		tenants, err := tx.UserTenants(ctx, b.owner.ID)
		if err != nil || !reflect.DeepEqual(tenants, []string{b.tenant.ID}) {
			t.Errorf("UserTenants = %v, %v", tenants, err)
		}
		// The key's creator is erased, and so is whoever the invite went to.
		refs, err := tx.ForgetUser(ctx, "usr_creator", b.invite.Email, "erased-user-2")
		if err != nil {
			return err
		}
		if refs < 2 {
			t.Errorf("ForgetUser changed %d rows, want the key's creator and the invite", refs)
		}
		keys, err := tx.ListAPIKeys(ctx, b.tenant.ID)
		if err != nil || len(keys) != 1 || keys[0].CreatedBy != "erased-user-2" {
			t.Errorf("after ForgetUser, the key's creator = %+v, %v; want the pseudonym", keys, err)
		}
		if invites, _, err := tx.ListInvites(ctx, b.tenant.ID, store.InviteFilter{Limit: 10}, now); err != nil || len(invites) != 0 {
			t.Errorf("after ForgetUser, invites to the address = %d, %v; want none", len(invites), err)
		}
		n, err := tx.DeleteUser(ctx, b.owner.ID)
		if err != nil {
			return err
		}
		if n < 2 {
			t.Errorf("DeleteUser deleted %d rows, want the user and its membership", n)
		}
		return nil
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetUser(ctx, b.owner.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetUser(deleted) = %v", err)
		}
		if _, err := tx.GetMembership(ctx, b.tenant.ID, b.owner.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("GetMembership(deleted user) = %v", err)
		}
		if _, err := tx.DeleteUser(ctx, b.owner.ID); errs.CodeOf(err) != "user_not_found" {
			t.Errorf("DeleteUser(deleted) = %v, want user_not_found", err)
		}
		return nil
	}))
}

// testSoleOwnerTenants finds the active tenants a user owns alone.
func testSoleOwnerTenants(t *testing.T, db *store.DB) {
	x, owner := seed(t, db, "alone")
	y, other := seed(t, db, "shared")
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		// owner also co-owns y with other.
		return tx.CreateMembership(ctx, &membership.Membership{TenantID: y.ID, UserID: owner.ID, ID: id.New(id.Membership),
			Role: membership.Owner, Status: membership.Active, CreatedAt: now, UpdatedAt: now.Add(time.Second)})
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		got, err := tx.SoleOwnerTenants(ctx, owner.ID)
		if err != nil || !reflect.DeepEqual(got, []string{x.ID}) {
			t.Errorf("SoleOwnerTenants(owner) = %v, %v; want only %s", got, err, x.ID)
		}
		got, err = tx.SoleOwnerTenants(ctx, other.ID)
		if err != nil || len(got) != 0 {
			t.Errorf("SoleOwnerTenants(co-owner) = %v, %v; want none", got, err)
		}
		return nil
	}))
}
