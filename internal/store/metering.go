package store

import (
	"context"
	"time"

	"github.com/tenantry/tenantry/internal/metering"
)

// AddMeterCounts adds counts to the hourly rows of request_meters (an
// upsert that adds, so that every process's flushes sum up). System
// transactions only: one flush carries every tenant's counts.
func (t *Tx) AddMeterCounts(ctx context.Context, counts []metering.Count) error {
	if err := t.systemOnly("AddMeterCounts"); err != nil {
		return err
	}
	for _, c := range counts {
		if _, err := t.exec(ctx, `INSERT INTO request_meters (tenant_id, hour, requests, api_key_requests, violations)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (tenant_id, hour) DO UPDATE SET requests = request_meters.requests + excluded.requests,
				api_key_requests = request_meters.api_key_requests + excluded.api_key_requests,
				violations = request_meters.violations + excluded.violations`,
			c.TenantID, ts(c.Hour), c.Requests, c.APIKeyRequests, c.Violations); err != nil {
			return err
		}
	}
	return nil
}

// MeterCounts returns tenantID's hourly rows from since on, oldest first
// ("" reads the platform's violations; system transactions only for it).
func (t *Tx) MeterCounts(ctx context.Context, tenantID string, since time.Time) ([]metering.Count, error) {
	if err := t.scope(tenantID); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT hour, requests, api_key_requests, violations FROM request_meters
		WHERE tenant_id = ? AND hour >= ? ORDER BY hour`, tenantID, ts(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []metering.Count
	for rows.Next() {
		c := metering.Count{TenantID: tenantID}
		if err := rows.Scan(timeCol{&c.Hour}, &c.Requests, &c.APIKeyRequests, &c.Violations); err != nil {
			return nil, t.failed(err)
		}
		out = append(out, c)
	}
	return out, t.failed(rows.Err())
}

// MeterTotals sums every tenant's (and the platform's) requests and
// violations in the hours from since on. System transactions only.
func (t *Tx) MeterTotals(ctx context.Context, since time.Time) (requests, violations int64, err error) {
	if err := t.systemOnly("MeterTotals"); err != nil {
		return 0, 0, err
	}
	err = t.get(ctx, "", `SELECT CAST(COALESCE(SUM(requests), 0) AS BIGINT), CAST(COALESCE(SUM(violations), 0) AS BIGINT)
		FROM request_meters WHERE hour >= ?`, []any{ts(since)}, &requests, &violations)
	return requests, violations, err
}

// PlatformStats counts the platform's tenants (all, active, by current
// plan), users, the tenants created per UTC day over the last 30 days and
// request_meters' requests and violations of the last 24 hours, at now.
// System transactions only.
func (t *Tx) PlatformStats(ctx context.Context, now time.Time) (*metering.Stats, error) {
	if err := t.systemOnly("PlatformStats"); err != nil {
		return nil, err
	}
	s := &metering.Stats{TenantsByPlan: map[string]int64{}}
	if err := t.get(ctx, "", `SELECT (SELECT COUNT(*) FROM tenants), (SELECT COUNT(*) FROM tenants WHERE status = 'active'),
		(SELECT COUNT(*) FROM users)`, nil, &s.TotalTenants, &s.ActiveTenants, &s.TotalUsers); err != nil {
		return nil, err
	}
	var err error
	if s.Requests24h, s.Violations24h, err = t.MeterTotals(ctx, now.Add(-24*time.Hour).Truncate(time.Hour)); err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT s.plan, COUNT(*) FROM subscriptions s
		WHERE s.id = (SELECT MAX(id) FROM subscriptions WHERE tenant_id = s.tenant_id) GROUP BY s.plan`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code string
		var n int64
		if err := rows.Scan(&code, &n); err != nil {
			return nil, t.failed(err)
		}
		s.TenantsByPlan[code] = n
	}
	if err := rows.Err(); err != nil {
		return nil, t.failed(err)
	}
	today := now.UTC().Truncate(24 * time.Hour)
	from := today.AddDate(0, 0, -29)
	days := map[string]int64{}
	created, err := t.query(ctx, `SELECT created_at FROM tenants WHERE created_at >= ?`, ts(from))
	if err != nil {
		return nil, err
	}
	defer created.Close()
	for created.Next() {
		var at time.Time
		if err := created.Scan(timeCol{&at}); err != nil {
			return nil, t.failed(err)
		}
		days[at.UTC().Format(time.DateOnly)]++
	}
	if err := created.Err(); err != nil {
		return nil, t.failed(err)
	}
	for d := from; !d.After(today); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		s.SignupsPerDay = append(s.SignupsPerDay, metering.DayCount{Date: day, Count: days[day]})
	}
	return s, nil
}
