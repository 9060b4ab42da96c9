package storetest

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/secret"
	"github.com/tenantry/tenantry/internal/store"
)

func testRefreshRotation(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "refresh")
	fam := id.New(id.Family)
	rt := &auth.RefreshToken{ID: id.New(id.Session), FamilyID: fam, UserID: u.ID, TenantID: x.ID, Env: "prod",
		Hash: auth.HashOpaque("plain"), ExpiresAt: now.Add(time.Hour), CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.CreateRefreshToken(ctx, rt) }))
	var got *auth.RefreshToken
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.RefreshTokenByHash(ctx, rt.Hash); return }))
	if got.ID != rt.ID || got.UsedAt != nil || !got.ExpiresAt.Equal(rt.ExpiresAt) {
		t.Fatalf("refresh token: %+v", got)
	}
	// Concurrent claims of one token: exactly one wins, each sees the token.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := db.InSystem(ctx, func(tx *store.Tx) error {
				got, ok, err := tx.ClaimRefreshToken(ctx, rt.Hash, now)
				if err == nil && got.ID != rt.ID {
					t.Errorf("claim returned %s, want %s", got.ID, rt.ID)
				}
				if ok {
					wins.Add(1)
				}
				return err
			})
			if err != nil {
				t.Errorf("use: %v", err)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d concurrent uses won, want 1", wins.Load())
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if _, _, err := tx.ClaimRefreshToken(ctx, auth.HashOpaque("unknown"), now); !errs.Is(err, errs.NotFound) {
			t.Errorf("claim of an unknown token: %v, want NotFound", err)
		}
		return nil
	}))
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RevokeFamily(ctx, fam, now) }))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.RefreshTokenByHash(ctx, rt.Hash); return }))
	if got.RevokedAt == nil {
		t.Fatal("family not revoked")
	}
	other := &auth.RefreshToken{ID: id.New(id.Session), FamilyID: id.New(id.Family), UserID: u.ID, Env: "prod",
		Hash: auth.HashOpaque("other"), ExpiresAt: now.Add(time.Hour), CreatedAt: now}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateRefreshToken(ctx, other); err != nil {
			return err
		}
		if err := tx.RevokeUserSessions(ctx, u.ID, x.ID, now); err != nil {
			return err
		}
		got, err := tx.RefreshTokenByHash(ctx, other.Hash)
		if err == nil && got.RevokedAt != nil {
			t.Error("tenant-scoped revocation revoked a global session")
		}
		return tx.RevokeUserSessions(ctx, u.ID, "", now)
	}))
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { got, err = tx.RefreshTokenByHash(ctx, other.Hash); return }))
	if got.RevokedAt == nil {
		t.Fatal("user sessions not revoked")
	}
	err := db.ReadSystem(ctx, func(tx *store.Tx) error { _, err := tx.RefreshTokenByHash(ctx, "nope"); return err })
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("unknown refresh token: %v", err)
	}
}

// testCallerSession checks that Caller reports a token's session (refresh
// family) revoked once the family is, in a tenant's view and globally, and
// leaves other sessions alone.
func testCallerSession(t *testing.T, db *store.DB) {
	x, u := seed(t, db, "caller-session")
	fam, other := id.New(id.Family), id.New(id.Family)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		for i, f := range []string{fam, other} {
			rt := &auth.RefreshToken{ID: id.New(id.Session), FamilyID: f, UserID: u.ID, Env: "prod",
				Hash: auth.HashOpaque("session-" + string(rune('a'+i))), ExpiresAt: now.Add(time.Hour), CreatedAt: now}
			if err := tx.CreateRefreshToken(ctx, rt); err != nil {
				return err
			}
		}
		return nil
	}))
	revoked := func(tenantID, sid string) bool {
		t.Helper()
		var c *store.Caller
		read := func(tx *store.Tx) (err error) { c, err = tx.Caller(ctx, u.ID, tenantID, "jti_s", sid); return }
		if tenantID != "" {
			must(t, db.ReadTenant(ctx, tenantID, read))
		} else {
			must(t, db.ReadSystem(ctx, read))
		}
		return c.SessionRevoked
	}
	for _, tid := range []string{x.ID, ""} {
		if revoked(tid, fam) || revoked(tid, "") {
			t.Fatalf("session revoked before its family (tenant %q)", tid)
		}
	}
	must(t, db.InSystem(ctx, func(tx *store.Tx) error { return tx.RevokeFamily(ctx, fam, now) }))
	for _, tid := range []string{x.ID, ""} {
		if !revoked(tid, fam) {
			t.Errorf("revoked family not reported (tenant %q)", tid)
		}
		if revoked(tid, other) || revoked(tid, "") {
			t.Errorf("another session reported revoked (tenant %q)", tid)
		}
	}
}

func testSigningKeys(t *testing.T, db *store.DB) {
	box, err := secret.NewBox("1", map[string][]byte{"1": make([]byte, 32)})
	must(t, err)
	k1, err := auth.NewSigningKey(box, now)
	must(t, err)
	k2, err := auth.NewSigningKey(box, now.Add(time.Second))
	must(t, err)
	must(t, db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateSigningKey(ctx, &k1); err != nil {
			return err
		}
		return tx.CreateSigningKey(ctx, &k2)
	}))
	var keys []auth.SigningKey
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { keys, err = tx.SigningKeys(ctx); return }))
	if len(keys) != 2 || keys[0].ID != k2.ID || string(keys[1].PublicKey) != string(k1.PublicKey) {
		t.Fatalf("signing keys: %+v", keys)
	}
	var ring auth.KeyRing
	must(t, ring.Load(keys, box))
	if len(ring.JWKS()) != 2 {
		t.Fatal("JWKS lacks a key")
	}
	var kid string
	var n int
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) { kid, n, err = tx.NewestSigningKey(ctx); return }))
	if rk, rn := ring.Current(); kid != k2.ID || n != 2 || rk != kid || rn != n {
		t.Fatalf("newest signing key %q of %d, ring %q of %d; want %q of 2", kid, n, rk, rn, k2.ID)
	}
}

func testAudit(t *testing.T, db *store.DB) {
	a, _ := seed(t, db, "audit-a")
	b, _ := seed(t, db, "audit-b")
	for _, tid := range []string{a.ID, a.ID, b.ID} {
		ev := &audit.Event{TenantID: tid, ID: id.New(id.Audit), Action: "tenant.update", Outcome: audit.Success,
			Details: map[string]string{"field": "name", "password": "hunter2"}, CreatedAt: now}
		must(t, db.InTenant(ctx, tid, func(tx *store.Tx) error { return tx.AppendAudit(ctx, ev) }))
	}
	var evs []audit.Event
	var total int
	must(t, db.ReadTenant(ctx, a.ID, func(tx *store.Tx) (err error) {
		evs, total, err = tx.ListAudit(ctx, audit.Filter{Limit: 10})
		return
	}))
	if total != 2 || len(evs) != 2 || evs[0].TenantID != a.ID {
		t.Fatalf("tenant audit: total=%d %+v", total, evs)
	}
	if evs[0].Details["password"] != "[redacted]" || evs[0].Details["field"] != "name" {
		t.Fatalf("details not redacted: %+v", evs[0].Details)
	}
	err := db.ReadTenant(ctx, a.ID, func(tx *store.Tx) error {
		_, _, err := tx.ListAudit(ctx, audit.Filter{TenantID: b.ID, Limit: 10})
		return err
	})
	if !errs.Is(err, errs.NotFound) {
		t.Fatalf("other tenant's audit: %v", err)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) (err error) {
		_, total, err = tx.ListAudit(ctx, audit.Filter{Limit: 10})
		return
	}))
	if total != 3 {
		t.Fatalf("system audit total = %d", total)
	}
}

// testAuditAppendOnly checks that the database refuses to rewrite history.
func testAuditAppendOnly(t *testing.T, db *store.DB) {
	a, _ := seed(t, db, "append")
	ev := &audit.Event{TenantID: a.ID, ID: id.New(id.Audit), Action: "x", Outcome: audit.Success, CreatedAt: now}
	must(t, db.InTenant(ctx, a.ID, func(tx *store.Tx) error { return tx.AppendAudit(ctx, ev) }))
	for _, q := range []string{`UPDATE audit_logs SET action = 'y'`, `DELETE FROM audit_logs`} {
		err := db.InTenant(ctx, a.ID, func(tx *store.Tx) error { _, err := tx.SQL().ExecContext(ctx, q); return err })
		if err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
}

// testRollback checks that a failing unit of work leaves nothing behind.
func testRollback(t *testing.T, db *store.DB) {
	x := newTenant("rollback")
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		if err := tx.CreateTenant(ctx, x); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, newUser("rollback@example.com")); err != nil {
			return err
		}
		return errs.E(errs.Internal, "injected", "injected failure")
	})
	if errs.CodeOf(err) != "injected" {
		t.Fatalf("unit of work: %v", err)
	}
	must(t, db.ReadSystem(ctx, func(tx *store.Tx) error {
		taken, err := tx.SlugTaken(ctx, "rollback")
		email, err2 := tx.EmailTaken(ctx, "rollback@example.com")
		if taken || email {
			t.Errorf("rolled back rows remain: tenant=%v user=%v", taken, email)
		}
		return errors.Join(err, err2)
	}))
}

func testMigrateIdempotent(t *testing.T, db *store.DB) {
	applied, err := db.Migrate(ctx)
	must(t, err)
	if len(applied) != 0 {
		t.Fatalf("second migrate applied %v", applied)
	}
}
