package test

import (
	"context"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/store"
)

// flushMeter drives the server's meter flush now, instead of waiting for
// its interval.
func (h *harness) flushMeter(t testing.TB) {
	t.Helper()
	if err := h.srv.FlushMeter(context.Background()); err != nil {
		t.Fatalf("flush meter: %v", err)
	}
}

// meterOf sums tenantID's flushed rows of request_meters ("" the
// platform's) over the last day: requests, API-key requests, violations.
func (h *harness) meterOf(t testing.TB, tenantID string) (requests, apiKey, violations int64) {
	t.Helper()
	err := h.srv.App.DB().ReadSystem(context.Background(), func(tx *store.Tx) error {
		counts, err := tx.MeterCounts(context.Background(), tenantID, h.clock.peek().Add(-24*time.Hour))
		for _, c := range counts {
			requests, apiKey, violations = requests+c.Requests, apiKey+c.APIKeyRequests, violations+c.Violations
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return requests, apiKey, violations
}
