package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/store"
)

// auditExportCases cover the audit listing's filters and keyset and the
// reads of an export: its range of chain positions, the hash before it,
// its positions and its events not sealed yet.
func auditExportCases() map[string]Case {
	return map[string]Case{"AuditExportReads": testAuditExportReads, "AuditListFilters": testAuditListFilters}
}

// auditSeed appends n events of tenantID a second apart from now, event i
// about resource "r<i mod 2>", failing when i is odd, and seals the first
// sealed of them in one batch.
func auditSeed(t *testing.T, db *store.DB, tenantID string, n, sealed int) ([]audit.Event, []audit.Link) {
	t.Helper()
	events := make([]audit.Event, n)
	links := make([]audit.Link, sealed)
	err := db.InSystem(ctx, func(tx *store.Tx) error {
		chain := audit.Genesis(tenantID)
		for i := range events {
			e := &events[i]
			*e = audit.Event{TenantID: tenantID, ID: id.New(id.Audit), Action: "test.export", ResourceType: "thing",
				ResourceID: []string{"r0", "r1"}[i%2], Outcome: []audit.Outcome{audit.Success, audit.Failure}[i%2],
				Details: map[string]string{}, CreatedAt: now.Add(time.Duration(i) * time.Second)}
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
			if i < sealed {
				eh := audit.EventHash(e)
				chain = audit.Next(chain, eh)
				links[i] = audit.Link{Seq: int64(i + 1), Batch: 1, EventID: e.ID, EventHash: eh, Chain: chain}
			}
		}
		last := &events[sealed-1]
		return tx.AppendSeal(ctx, &audit.Seal{TenantID: tenantID, Batch: 1, FirstSeq: 1, LastSeq: int64(sealed),
			PrevHash: audit.Genesis(tenantID), Hash: chain, LastAt: last.CreatedAt, LastID: last.ID, KeyID: "kid_test",
			Signature: make([]byte, 64), SealedAt: now}, links)
	})
	if err != nil {
		t.Fatal(err)
	}
	return events, links
}

func testAuditExportReads(t *testing.T, db *store.DB) {
	a := newTenant("audit-export-a")
	createTenants(t, db, a)
	events, links := auditSeed(t, db, a.ID, 5, 3)
	err := db.ReadTenant(ctx, a.ID, func(tx *store.Tx) error {
		first, last, ok, err := tx.AuditExportRange(ctx, a.ID, events[1].CreatedAt, time.Time{})
		if err != nil || !ok || first != 2 || last != 3 {
			t.Errorf("range from event 1: %d to %d (%v, %v), want 2 to 3", first, last, ok, err)
		}
		if _, _, ok, err := tx.AuditExportRange(ctx, a.ID, events[3].CreatedAt, time.Time{}); ok || err != nil {
			t.Errorf("range of unsealed events only: ok %v, %v", ok, err)
		}
		if first, last, ok, _ := tx.AuditExportRange(ctx, a.ID, time.Time{}, events[1].CreatedAt); !ok || first != 1 || last != 1 {
			t.Errorf("range to event 1: %d to %d, want 1 to 1", first, last)
		}
		if h, err := tx.AuditChainHash(ctx, a.ID, 2); err != nil || h != links[1].Chain {
			t.Errorf("chain hash at 2: %x, %v", h, err)
		}
		var seen []string
		if err := tx.AuditChainSpan(ctx, a.ID, 2, 3, func(l *audit.Link, e *audit.Event) error {
			if e == nil || e.ID != l.EventID || l.EventHash != links[l.Seq-1].EventHash || audit.EventHash(e) != l.EventHash {
				t.Errorf("position %d: %+v with %+v", l.Seq, l, e)
			}
			seen = append(seen, l.EventID)
			return nil
		}); err != nil || len(seen) != 2 || seen[0] != events[1].ID || seen[1] != events[2].ID {
			t.Errorf("span 2 to 3: %v, %v", seen, err)
		}
		seen = nil
		if err := tx.AuditUnchainedSpan(ctx, a.ID, time.Time{}, events[4].CreatedAt, func(e *audit.Event) error {
			seen = append(seen, e.ID)
			return nil
		}); err != nil || len(seen) != 1 || seen[0] != events[3].ID {
			t.Errorf("unchained before event 4: %v, %v", seen, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func testAuditListFilters(t *testing.T, db *store.DB) {
	a := newTenant("audit-list-a")
	createTenants(t, db, a)
	events, _ := auditSeed(t, db, a.ID, 6, 1)
	list := func(f audit.Filter) []string {
		t.Helper()
		f.TenantID, f.Action, f.Limit = a.ID, "test.export", 10
		var out []audit.Event
		err := db.ReadTenant(ctx, a.ID, func(tx *store.Tx) (err error) { out, _, err = tx.ListAudit(ctx, f); return err })
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(out))
		for i := range out {
			ids[i] = out[i].ID
		}
		return ids
	}
	ids := func(is ...int) []string {
		out := make([]string, len(is))
		for i, k := range is {
			out[i] = events[k].ID
		}
		return out
	}
	for name, c := range map[string]struct {
		f    audit.Filter
		want []string
	}{
		"all newest first": {audit.Filter{}, ids(5, 4, 3, 2, 1, 0)},
		"resource":         {audit.Filter{ResourceType: "thing", ResourceID: "r1"}, ids(5, 3, 1)},
		"failures":         {audit.Filter{Outcome: audit.Failure}, ids(5, 3, 1)},
		"range":            {audit.Filter{From: events[1].CreatedAt, To: events[4].CreatedAt}, ids(3, 2, 1)},
		"after":            {audit.Filter{After: &audit.Key{CreatedAt: events[3].CreatedAt, ID: events[3].ID}}, ids(2, 1, 0)},
		"after, successes": {audit.Filter{After: &audit.Key{CreatedAt: events[3].CreatedAt, ID: events[3].ID}, Outcome: audit.Success}, ids(2, 0)},
	} {
		if got := list(c.f); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

// auditExportForeignChecks are the foreign-tenant checks of the export's
// reads (foreignChecks).
func auditExportForeignChecks() map[string]func(tx *store.Tx, b *foreign) error {
	return map[string]func(tx *store.Tx, b *foreign) error{
		"AuditExportRange": func(tx *store.Tx, b *foreign) error {
			_, _, _, err := tx.AuditExportRange(ctx, b.tenant.ID, time.Time{}, time.Time{})
			return err
		},
		"AuditChainHash": func(tx *store.Tx, b *foreign) error { _, err := tx.AuditChainHash(ctx, b.tenant.ID, 1); return err },
		"AuditChainSpan": func(tx *store.Tx, b *foreign) error {
			return tx.AuditChainSpan(ctx, b.tenant.ID, 1, 10, func(*audit.Link, *audit.Event) error { return nil })
		},
		"AuditUnchainedSpan": func(tx *store.Tx, b *foreign) error {
			return tx.AuditUnchainedSpan(ctx, b.tenant.ID, time.Time{}, time.Time{}, func(*audit.Event) error { return nil })
		},
	}
}
