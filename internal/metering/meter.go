// Package metering counts a process's API requests and security violations
// per tenant per hour in memory, for a background loop to add to the
// request_meters table every few seconds (never a write per request), and
// keeps the per-tenant monthly totals that the API-key quota check reads.
// It holds no SQL and no HTTP.
package metering

import (
	"sync"
	"time"
)

// Count is what one process counted for one tenant in one hour, or (read
// back) what every process counted. TenantID "" is the platform: violations
// whose tenant is not known (a bad token, a throttled login).
type Count struct {
	TenantID       string
	Hour           time.Time // the start of the hour, UTC
	Requests       int64     // requests authenticated for the tenant (tenant-scoped token or API key), refusals excluded
	APIKeyRequests int64     // the part of Requests made with an API key
	Violations     int64     // 401, 403 and 429 refusals (lockouts and quota refusals included)
}

type key struct {
	tenant string
	hour   int64 // Unix hours
}

type tally struct{ requests, apiKey, violations int64 }

// Meter is one process's counters. Its methods are safe for concurrent use;
// the request path takes one mutex and updates one map entry (allocating
// only for the first request of a tenant in an hour).
type Meter struct {
	now func() time.Time

	mu      sync.Mutex
	pending map[key]tally
	quotas  map[string]*quota // tenant → cached monthly API-key total, dropped at each flush
}

// Quota is a tenant's standing against its plan's api_requests_per_month.
type Quota struct {
	Plan    string // the plan's code
	Used    int64  // API-key requests this calendar month (UTC)
	Limit   int64
	Limited bool // false: the plan does not limit the meter
}

// quota is a cached Quota: Used is the table's total when it was loaded,
// local this process's API-key requests since.
type quota struct {
	Quota
	month int64 // year*12 + month of the load
	local int64
}

// New returns an empty Meter on the clock now.
func New(now func() time.Time) *Meter {
	return &Meter{now: now, pending: map[key]tally{}, quotas: map[string]*quota{}}
}

// Request counts one request authenticated for tenantID (an API key's when
// apiKey).
func (m *Meter) Request(tenantID string, apiKey bool) {
	k := key{tenantID, m.now().Unix() / 3600}
	m.mu.Lock()
	t := m.pending[k]
	t.requests++
	if apiKey {
		t.apiKey++
		if q := m.quotas[tenantID]; q != nil {
			q.local++
		}
	}
	m.pending[k] = t
	m.mu.Unlock()
}

// Violation counts one refusal (401, 403, 429) for tenantID, "" when the
// tenant is not known.
func (m *Meter) Violation(tenantID string) {
	k := key{tenantID, m.now().Unix() / 3600}
	m.mu.Lock()
	t := m.pending[k]
	t.violations++
	m.pending[k] = t
	m.mu.Unlock()
}

// Take returns the counts not yet flushed and forgets them; on a failed
// write, Restore gives them back.
func (m *Meter) Take() []Count {
	m.mu.Lock()
	p := m.pending
	if len(p) == 0 {
		m.mu.Unlock()
		return nil
	}
	m.pending = make(map[key]tally, len(p))
	m.mu.Unlock()
	out := make([]Count, 0, len(p))
	for k, t := range p {
		out = append(out, Count{TenantID: k.tenant, Hour: time.Unix(k.hour*3600, 0).UTC(),
			Requests: t.requests, APIKeyRequests: t.apiKey, Violations: t.violations})
	}
	return out
}

// Restore adds counts that could not be written back to the pending ones.
func (m *Meter) Restore(counts []Count) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range counts {
		k := key{c.TenantID, c.Hour.Unix() / 3600}
		t := m.pending[k]
		t.requests += c.Requests
		t.apiKey += c.APIKeyRequests
		t.violations += c.Violations
		m.pending[k] = t
	}
}

// PendingAPIKey returns the API-key requests of tenantID counted by this
// process since its last flush, in the hours from since on.
func (m *Meter) PendingAPIKey(tenantID string, since time.Time) int64 {
	from := since.Unix() / 3600
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for k, t := range m.pending {
		if k.tenant == tenantID && k.hour >= from {
			n += t.apiKey
		}
	}
	return n
}

// MonthStart returns the start of t's calendar month, UTC, and the start of
// the next one.
func MonthStart(t time.Time) (start, next time.Time) {
	t = t.UTC()
	start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 1, 0)
}

func monthOf(t time.Time) int64 {
	t = t.UTC()
	return int64(t.Year())*12 + int64(t.Month())
}

// Quota returns tenantID's cached standing this month, with the API-key
// requests counted since it was cached. ok is false when nothing is cached
// (or the month changed): load it and SetQuota.
func (m *Meter) Quota(tenantID string) (q Quota, ok bool) {
	month := monthOf(m.now())
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.quotas[tenantID]
	if c == nil || c.month != month {
		return Quota{}, false
	}
	q = c.Quota
	q.Used += c.local
	return q, true
}

// SetQuota caches tenantID's standing: Used is this month's API-key
// requests as read from the table plus this process's pending ones. The
// cache lasts until the next flush (Forget).
func (m *Meter) SetQuota(tenantID string, q Quota) {
	month := monthOf(m.now())
	m.mu.Lock()
	m.quotas[tenantID] = &quota{Quota: q, month: month}
	m.mu.Unlock()
}

// Forget drops every cached standing, after a flush: the next API-key
// request of each tenant reads its total (all processes') and its plan's
// limit again.
func (m *Meter) Forget() {
	m.mu.Lock()
	clear(m.quotas)
	m.mu.Unlock()
}

// Stats are the platform's figures for its administrators.
type Stats struct {
	TotalTenants  int64
	ActiveTenants int64
	TotalUsers    int64
	Requests24h   int64 // tenants' API requests in the last 24 hours (whole hours), flushed
	Violations24h int64 // violations in the last 24 hours, the platform's included
	TenantsByPlan map[string]int64
	SignupsPerDay []DayCount // tenants created per UTC day, the last 30 days, oldest first, days without any included
}

// DayCount is a number for one UTC day.
type DayCount struct {
	Date  string // YYYY-MM-DD
	Count int64
}
