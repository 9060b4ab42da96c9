package metering

import (
	"testing"
	"time"
)

func TestMeterTakeRestoreQuota(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 30, 0, 0, time.UTC)
	m := New(func() time.Time { return now })
	m.Request("ten_a", false)
	m.Request("ten_a", true)
	m.Violation("")
	if n := m.PendingAPIKey("ten_a", now.Add(-time.Hour)); n != 1 {
		t.Errorf("PendingAPIKey = %d, want 1", n)
	}
	counts := m.Take()
	if len(counts) != 2 || m.Take() != nil {
		t.Fatalf("Take = %+v, want 2 rows once", counts)
	}
	m.Restore(counts)
	m.Request("ten_a", true)
	got := map[string]Count{}
	for _, c := range m.Take() {
		got[c.TenantID] = c
	}
	if a := got["ten_a"]; a.Requests != 3 || a.APIKeyRequests != 2 || !a.Hour.Equal(now.Truncate(time.Hour)) || got[""].Violations != 1 {
		t.Errorf("after Restore: %+v", got)
	}

	if _, ok := m.Quota("ten_a"); ok {
		t.Error("a quota before any load")
	}
	m.SetQuota("ten_a", Quota{Plan: "p", Used: 5, Limit: 6, Limited: true})
	m.Request("ten_a", true)
	m.Request("ten_a", false)
	if q, ok := m.Quota("ten_a"); !ok || q.Used != 6 {
		t.Errorf("Quota = %+v, %v; want used 6", q, ok)
	}
	now = now.AddDate(0, 1, 0) // a new month needs a new load
	if _, ok := m.Quota("ten_a"); ok {
		t.Error("last month's quota served")
	}
	m.SetQuota("ten_a", Quota{})
	m.Forget()
	if _, ok := m.Quota("ten_a"); ok {
		t.Error("a quota after Forget")
	}
	if s, next := MonthStart(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)); !s.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) || !next.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("MonthStart = %s, %s", s, next)
	}
}

// BenchmarkMeterRequest is the request path's cost of metering: one
// counted request of one of a few tenants, from parallel goroutines.
func BenchmarkMeterRequest(b *testing.B) {
	m := New(time.Now)
	tenants := []string{"ten_01JDQ4W7ZK8Y1XJ4Q2V3N5M6P7", "ten_01JDQ4W7ZK8Y1XJ4Q2V3N5M6P8", "ten_01JDQ4W7ZK8Y1XJ4Q2V3N5M6P9"}
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Request(tenants[i%len(tenants)], false)
			i++
		}
	})
}
