package storetest

import (
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/metering"
	"github.com/tenantry/tenantry/internal/store"
)

// meteringCases cover request_meters: flushes add up, reads by tenant and
// totals.
func meteringCases() map[string]Case {
	return map[string]Case{"MeterCountsAddUp": testMeterCountsAddUp}
}

func testMeterCountsAddUp(t *testing.T, db *store.DB) {
	a := newTenant("meter-a")
	createTenants(t, db, a)
	hour := now.Truncate(time.Hour)
	flush := []metering.Count{
		{TenantID: a.ID, Hour: hour, Requests: 3, APIKeyRequests: 2, Violations: 1},
		{TenantID: "", Hour: hour, Violations: 4},
	}
	for range 2 { // two flushes (two processes) add up
		if err := db.InSystem(ctx, func(tx *store.Tx) error { return tx.AddMeterCounts(ctx, flush) }); err != nil {
			t.Fatal(err)
		}
	}
	err := db.ReadTenant(ctx, a.ID, func(tx *store.Tx) error {
		if err := tx.AddMeterCounts(ctx, flush); err == nil {
			t.Error("AddMeterCounts in a tenant transaction: want an error")
		}
		got, err := tx.MeterCounts(ctx, a.ID, hour.Add(-time.Hour))
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].Requests != 6 || got[0].APIKeyRequests != 4 || got[0].Violations != 2 || !got[0].Hour.Equal(hour) {
			t.Errorf("MeterCounts = %+v, want one row of 6 requests, 4 by key, 2 violations at %s", got, hour)
		}
		if _, err := tx.MeterCounts(ctx, "", hour); err == nil {
			t.Error("a tenant transaction read the platform's violations")
		}
		if later, err := tx.MeterCounts(ctx, a.ID, hour.Add(time.Hour)); err != nil || len(later) != 0 {
			t.Errorf("MeterCounts from the next hour = %+v, %v; want none", later, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.ReadSystem(ctx, func(tx *store.Tx) error {
		req, vio, err := tx.MeterTotals(ctx, hour)
		if err == nil && (req != 6 || vio != 10) {
			t.Errorf("MeterTotals = %d requests, %d violations; want 6, 10", req, vio)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
