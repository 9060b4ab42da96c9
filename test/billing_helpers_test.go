package test

import (
	"context"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/store"
)

// biller is a registered business whose subscription a billing scenario
// drives, with its owner's credentials.
type biller struct {
	account
	h *harness
}

// newBiller registers a business. The server's job worker stops polling
// (runBilling has it run the due jobs), so that jobs run exactly when a
// scenario says, after it moved the clock.
func (h *harness) newBiller(t *testing.T, name string) *biller {
	t.Helper()
	h.srv.Jobs.Stop()
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

// runBilling has the server's job worker carry out every job due on the
// server's clock (RunDue, pass after pass, until none is due: a job may
// queue another due at once) and returns the results of the billing jobs
// of tenantID done meanwhile, in the order they were done. A billing job
// whose handler failed fails the test.
func (h *harness) runBilling(t *testing.T, tenantID string) []string {
	t.Helper()
	ctx, db := context.Background(), h.srv.App.DB()
	seen := map[string]bool{}
	for _, j := range h.billingJobs(t, tenantID) {
		seen[j.ID] = j.DoneAt != nil
	}
	for n := 1; n > 0; {
		var err error
		if n, err = h.srv.Jobs.RunDue(ctx, db); err != nil {
			t.Fatal(err)
		}
	}
	var done []*job.Job
	for _, j := range h.billingJobs(t, tenantID) {
		switch {
		case j.LastError != "" || j.FailedAt != nil:
			t.Fatalf("%s %s failed: %s", j.Kind, j.Key, j.LastError)
		case j.DoneAt != nil && !seen[j.ID]:
			done = append(done, j)
		}
	}
	sort.Slice(done, func(i, k int) bool { return done[i].DoneAt.Before(*done[k].DoneAt) })
	var results []string
	for _, j := range done {
		results = append(results, j.Result)
	}
	return results
}

// billingJobs lists the billing jobs of tenantID.
func (h *harness) billingJobs(t *testing.T, tenantID string) []*job.Job {
	t.Helper()
	var out []*job.Job
	err := h.srv.App.DB().ReadSystem(context.Background(), func(tx *store.Tx) error {
		for _, kind := range []string{job.BillingRollover, job.BillingGraceEnd} {
			list, err := tx.ListJobs(context.Background(), store.JobFilter{Kind: kind, TenantID: tenantID, Limit: 500})
			if err != nil {
				return err
			}
			out = append(out, list...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
