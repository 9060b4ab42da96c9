package test

import (
	"context"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
)

// biller is a registered business whose subscription a billing scenario
// drives, with its owner's credentials.
type biller struct {
	account
	h *harness
}

func (h *harness) newBiller(t *testing.T, name string) *biller {
	t.Helper()
	return &biller{account: h.register(t, name), h: h}
}

// token returns a fresh tenant-scoped token of the owner (the scenarios
// move the clock by days, past any access token's life).
func (b *biller) token(t *testing.T) string {
	t.Helper()
	return b.h.scoped(t, b.email, b.password, b.tenantID)
}

// current returns the tenant's subscription.
func (b *biller) current(t *testing.T) obj {
	t.Helper()
	return b.h.get(t, "/api/v1/subscriptions/current", b.token(t)).expect(http.StatusOK).obj()
}

// change posts a plan change (upgrade or downgrade) and returns the answer.
func (b *biller) change(t *testing.T, how, planID string) *response {
	t.Helper()
	return b.h.post(t, "/api/v1/subscriptions/"+how, b.token(t), map[string]any{"plan_id": planID})
}

// payments lists the tenant's payments, newest first.
func (b *biller) payments(t *testing.T) []obj {
	t.Helper()
	return b.h.get(t, "/api/v1/subscriptions/payments", b.token(t)).expect(http.StatusOK).list()
}

// adminPlan creates a plan as the platform admin and returns its id.
func (h *harness) adminPlan(t *testing.T, body map[string]any) string {
	t.Helper()
	return h.post(t, "/api/v1/admin/plans", h.token(t, adminEmail, adminPassword), body).expect(http.StatusCreated).obj().str("id")
}

// timeOf parses a timestamp field.
func timeOf(t testing.TB, o obj, k string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339Nano, o.str(k))
	if err != nil {
		t.Fatalf("%s: %v", k, err)
	}
	return ts
}

// runBilling carries out, as the job worker would, every billing job of
// tenantID due on the server's clock, in order of their due time and
// until none is due (a job may queue another that is due at once), and
// returns their results. It calls the handlers the server registers for
// the kinds and marks each job done in the jobs table.
func (h *harness) runBilling(t *testing.T, tenantID string) []string {
	t.Helper()
	db := h.rawDB(t)
	q, done := `SELECT id, kind, dedupe_key, payload, run_at FROM jobs
		WHERE tenant_id = ? AND kind IN ('billing.rollover', 'billing.grace_end') AND done_at IS NULL AND failed_at IS NULL`,
		`UPDATE jobs SET done_at = ?, result = ?, attempts = attempts + 1 WHERE id = ?`
	if h.engine == "postgres" {
		q = `SELECT id, kind, dedupe_key, payload::text, run_at FROM jobs
		WHERE tenant_id = $1 AND kind IN ('billing.rollover', 'billing.grace_end') AND done_at IS NULL AND failed_at IS NULL`
		done = `UPDATE jobs SET done_at = $1, result = $2, attempts = attempts + 1 WHERE id = $3`
	}
	var results []string
	for range 100 {
		rows, err := db.Query(q, tenantID)
		if err != nil {
			t.Fatal(err)
		}
		var due []*job.Job
		for rows.Next() {
			j := &job.Job{TenantID: tenantID}
			var payload []byte
			var runAt any
			if err := rows.Scan(&j.ID, &j.Kind, &j.Key, &payload, &runAt); err != nil {
				t.Fatal(err)
			}
			j.Payload, j.RunAt = payload, scannedTime(t, runAt)
			if !j.RunAt.After(h.clock.peek()) {
				due = append(due, j)
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if len(due) == 0 {
			return results
		}
		sort.Slice(due, func(i, k int) bool { return due[i].RunAt.Before(due[k].RunAt) })
		j := due[0]
		handle := h.srv.App.RollOver
		if j.Kind == job.BillingGraceEnd {
			handle = h.srv.App.GraceEnd
		}
		result, err := handle(context.Background(), j)
		if err != nil {
			t.Fatalf("%s %s: %v", j.Kind, j.Key, err)
		}
		results = append(results, result)
		if _, err := db.Exec(done, h.clock.now().UTC().Format("2006-01-02T15:04:05.000000Z"), result, j.ID); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("billing jobs keep coming due")
	return nil
}

func scannedTime(t *testing.T, v any) time.Time {
	t.Helper()
	switch x := v.(type) {
	case time.Time:
		return x.UTC()
	case string:
		ts, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			t.Fatal(err)
		}
		return ts
	case []byte:
		return scannedTime(t, string(x))
	}
	t.Fatalf("run_at of type %T", v)
	return time.Time{}
}
