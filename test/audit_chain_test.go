package test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// change makes an audited change of the tenant of token: its colour.
func (h *harness) change(t testing.TB, token string, i int) {
	t.Helper()
	h.put(t, "/api/v1/configs/branding.primary_color", token, map[string]any{"value": fmt.Sprintf("#00000%d", i)}).expect(http.StatusOK)
}

// verifyAudit verifies tenantID's chain through the API as token.
func (h *harness) verifyAudit(t testing.TB, token, tenantID string) obj {
	t.Helper()
	return h.get(t, "/api/v1/audit-logs/verify?tenant_id="+tenantID, token).expect(http.StatusOK).obj()
}

// tamperer opens the database as its owner with the audit log's append-only
// guards out of the way, as someone with direct access to the database
// would: on SQLite the triggers are dropped; on PostgreSQL the session runs
// as a replica, which fires no triggers (and the owner bypasses row-level
// security).
func (h *harness) tamperer(t *testing.T) *sql.DB {
	t.Helper()
	db := h.rawDB(t)
	stmts := []string{`SET session_replication_role = replica`}
	if h.engine == "sqlite" {
		stmts = []string{`DROP TRIGGER audit_logs_no_update`, `DROP TRIGGER audit_logs_no_delete`,
			`DROP TRIGGER audit_chain_no_update`, `DROP TRIGGER audit_chain_no_delete`}
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return db
}

func execAll(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// chainEvents returns the ids of tenantID's sealed events in chain order.
func chainEvents(t *testing.T, db *sql.DB, tenantID string) []string {
	t.Helper()
	rows, err := db.Query(fmt.Sprintf(`SELECT event_id FROM audit_chain WHERE tenant_id = '%s' ORDER BY seq`, tenantID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// TestAuditChainDetectsTampering seals a tenant's audit log, then edits,
// deletes, inserts and reorders rows directly in the database, and sees
// verification name each, and pass again once each is undone.
func TestAuditChainDetectsTampering(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.register(t, "Chain Company")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		for i := range 4 {
			h.change(t, owner, i)
		}
		h.seal(t)
		r := h.verifyAudit(t, owner, acc.tenantID)
		if !r.boolean("ok") || r.num("events") < 5 || r.num("batches") < 1 {
			t.Fatalf("a sealed log should verify with its events: %s", r)
		}
		// A later event is not sealed yet, and that is no fault.
		h.change(t, owner, 9)
		if r := h.verifyAudit(t, owner, acc.tenantID); !r.boolean("ok") || r.num("unsealed") != 1 {
			t.Fatalf("want the newest event reported unsealed: %s", r)
		}

		db := h.tamperer(t)
		ids := chainEvents(t, db, acc.tenantID)
		if len(ids) < 5 {
			t.Fatalf("want at least 5 sealed events, have %d", len(ids))
		}
		tn := acc.tenantID
		target := ids[2]
		where := fmt.Sprintf(`tenant_id = '%s' AND id = '%s'`, tn, target)
		expectProblem := func(kind, eventID string) {
			t.Helper()
			r := h.verifyAudit(t, owner, tn)
			p := r.sub("problem")
			if r.boolean("ok") || p.str("kind") != kind || (eventID != "" && p.str("event_id") != eventID) {
				t.Fatalf("want problem %s naming %q, got %s", kind, eventID, r)
			}
		}
		expectOK := func() {
			t.Helper()
			if r := h.verifyAudit(t, owner, tn); !r.boolean("ok") {
				t.Fatalf("undone, the chain should verify again: %s", r)
			}
		}

		// Edited.
		execAll(t, db, `UPDATE audit_logs SET actor_email = actor_email || 'x' WHERE `+where)
		expectProblem("edited", target)
		execAll(t, db, `UPDATE audit_logs SET actor_email = substr(actor_email, 1, length(actor_email) - 1) WHERE `+where)
		expectOK()

		// Deleted.
		execAll(t, db, `CREATE TABLE saved_event AS SELECT * FROM audit_logs WHERE `+where, `DELETE FROM audit_logs WHERE `+where)
		expectProblem("deleted", target)
		execAll(t, db, `INSERT INTO audit_logs SELECT * FROM saved_event`, `DROP TABLE saved_event`)
		expectOK()

		// Inserted: a copy of a sealed event, placed just after it in the
		// chain's order, that the sealer never saw.
		planted := target + "0"
		execAll(t, db, `CREATE TABLE saved_event AS SELECT * FROM audit_logs WHERE `+where,
			fmt.Sprintf(`UPDATE saved_event SET id = '%s'`, planted), `INSERT INTO audit_logs SELECT * FROM saved_event`,
			`DROP TABLE saved_event`)
		expectProblem("inserted", planted)
		execAll(t, db, fmt.Sprintf(`DELETE FROM audit_logs WHERE tenant_id = '%s' AND id = '%s'`, tn, planted))
		expectOK()

		// Reordered: two positions of the chain swapped.
		swap := func() {
			execAll(t, db, fmt.Sprintf(`UPDATE audit_chain SET seq = -1 WHERE tenant_id = '%s' AND seq = 3`, tn),
				fmt.Sprintf(`UPDATE audit_chain SET seq = 3 WHERE tenant_id = '%s' AND seq = 4`, tn),
				fmt.Sprintf(`UPDATE audit_chain SET seq = 4 WHERE tenant_id = '%s' AND seq = -1`, tn))
		}
		swap()
		expectProblem("reordered", ids[3])
		swap()
		expectOK()

		// A batch's hash rewritten: its signature no longer verifies.
		execAll(t, db, fmt.Sprintf(`CREATE TABLE saved_seal AS SELECT * FROM audit_seals WHERE tenant_id = '%s' AND batch = 1`, tn))
		if h.engine == "sqlite" {
			execAll(t, db, `DROP TRIGGER audit_seals_no_update`)
		}
		execAll(t, db, fmt.Sprintf(`UPDATE audit_seals SET key_id = 'forged' WHERE tenant_id = '%s' AND batch = 1`, tn))
		expectProblem("signature_invalid", "")

		// Another tenant's owner cannot verify this one; the platform admin can.
		other := h.register(t, "Other Company")
		h.get(t, "/api/v1/audit-logs/verify?tenant_id="+tn, h.scoped(t, other.email, other.password, other.tenantID)).
			problem(http.StatusNotFound, "tenant_not_found")
		if r := h.verifyAudit(t, h.admin(t), tn); r.boolean("ok") {
			t.Fatalf("the platform admin should see the forged seal too: %s", r)
		}
	})
}

// TestAuditRetentionPrunesSealedBatches sets a one-day retention, lets the
// sealed events age, and sees them pruned while the chain still verifies
// from its first batch through the seals that remain.
func TestAuditRetentionPrunesSealedBatches(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		h.admin(t) // the platform's own events (its sign-in) age too, under the platform's retention
		acc := h.register(t, "Retention Company")
		owner := h.scoped(t, acc.email, acc.password, acc.tenantID)
		h.put(t, "/api/v1/configs/audit.retention_days", owner, map[string]any{"value": 1}).expect(http.StatusOK)
		h.change(t, owner, 1)
		h.seal(t)
		before := h.verifyAudit(t, owner, acc.tenantID)
		if !before.boolean("ok") || before.num("pruned_batches") != 0 {
			t.Fatalf("fresh events are kept: %s", before)
		}

		h.clock.advance(36 * time.Hour)
		owner = h.scoped(t, acc.email, acc.password, acc.tenantID)
		h.change(t, owner, 2)
		h.seal(t)
		after := h.verifyAudit(t, owner, acc.tenantID)
		if !after.boolean("ok") || after.num("pruned_batches") < 1 || after.num("batches") < 1 {
			t.Fatalf("want the old batch pruned and the chain still verified: %s", after)
		}
		for _, e := range h.get(t, "/api/v1/audit-logs?limit=500", owner).expect(http.StatusOK).list() {
			if e.str("action") == "tenant.create" {
				t.Fatalf("an event older than the retention is still listed: %s", e)
			}
		}
		// The database refuses to delete what retention has not pruned.
		db := h.rawDB(t)
		if _, err := db.Exec(fmt.Sprintf(`DELETE FROM audit_logs WHERE tenant_id = '%s'`, acc.tenantID)); err == nil {
			t.Fatal("the audit log's guard let unpruned events be deleted")
		}
	})
}

// TestAuditSealersInTwoProcesses runs two servers on one database, both
// writing events and both sealing at once: each event is sealed exactly once
// and the chain verifies.
func TestAuditSealersInTwoProcesses(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			opt := sharedDatabase(t, eng)
			a, b := boot(t, eng, opt), boot(t, eng, opt)
			acc := a.register(t, "Two Sealers")
			owner := a.scoped(t, acc.email, acc.password, acc.tenantID)
			for i := range 30 {
				h := a
				if i%2 == 1 {
					h = b
				}
				h.change(t, owner, i%10)
			}
			a.clock.advance(time.Minute)
			b.clock.advance(time.Minute)
			errc := make(chan error, 2)
			for _, h := range []*harness{a, b} {
				go func() { errc <- h.srv.SealAudit(context.Background()) }()
			}
			for range 2 {
				if err := <-errc; err != nil {
					t.Fatalf("seal: %v", err)
				}
			}
			r := b.verifyAudit(t, owner, acc.tenantID)
			if !r.boolean("ok") || r.num("unsealed") != 0 || r.num("events") < 31 {
				t.Fatalf("want every event sealed once and the chain verified: %s", r)
			}
		})
	}
}
