package test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/store"
)

// auditAt is an event's created_at.
func auditAt(t testing.TB, e obj) time.Time { return timeOf(t, e, "created_at") }

// seedAudit inserts n audit events of tenantID directly (a system unit of
// multi-row INSERTs, as fast as the engine takes them), perBatch events a
// microsecond apart per statement, starting at the server's clock, which
// it then moves past them. Event i is about resource ("invoice" or
// "booking", "res_<i mod 7>"), fails when i is odd, and is named
// evt_<prefix><i, 9 digits>. It returns the created_at of event 0.
func (h *harness) seedAudit(t testing.TB, tenantID, prefix string, n int) time.Time {
	t.Helper()
	const perStmt = 1000
	start := h.clock.peek().Add(time.Millisecond).Truncate(time.Microsecond)
	ctx := context.Background()
	err := h.srv.App.DB().Run(ctx, store.Unit{System: true, Budget: 10 * time.Minute}, func(tx *store.Tx) error {
		for i := 0; i < n; i += perStmt {
			k := min(perStmt, n-i)
			var q strings.Builder
			q.WriteString(`INSERT INTO audit_logs (tenant_id, id, action, resource_type, resource_id, outcome, details, created_at) VALUES `)
			args := make([]any, 0, 5*k)
			for j := i; j < i+k; j++ {
				if j > i {
					q.WriteString(", ")
				}
				q.WriteString(`(?, ?, 'test.seed', ?, ?, ?, '{}', ?)`)
				res, outcome := "invoice", audit.Success
				if j%3 == 0 {
					res = "booking"
				}
				if j%2 == 1 {
					outcome = audit.Failure
				}
				args = append(args, tenantID, fmt.Sprintf("evt_%s%09d", prefix, j), res, "res_"+strconv.Itoa(j%7), string(outcome),
					start.Add(time.Duration(j)*time.Microsecond).UTC().Format(audit.TimeLayout))
			}
			if _, err := tx.SQL().ExecContext(ctx, tx.Rebind(q.String()), args...); err != nil {
				return fmt.Errorf("seed audit: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.clock.advance(time.Duration(n)*time.Microsecond + time.Millisecond)
	return start
}

// seal moves the clock past the seal delay (the write budget and 5 s) and
// has the server seal every event older.
func (h *harness) seal(t testing.TB) {
	t.Helper()
	h.clock.advance(h.srv.App.DB().Budgets().Write + 6*time.Second)
	if err := h.srv.SealAudit(context.Background()); err != nil {
		t.Fatalf("seal the audit log: %v", err)
	}
}
