package api

import "github.com/tenantry/tenantry/internal/metering"

// PlatformStats are the platform's figures (GET /api/v1/admin/stats),
// counted from the tenants, users and subscriptions rows and the request
// meter (request_meters, whole hours, as of each process's last flush).
type PlatformStats struct {
	TotalTenants        int64            `json:"total_tenants"`
	ActiveTenants       int64            `json:"active_tenants"`
	TotalUsers          int64            `json:"total_users"`
	TotalAPIRequests24h int64            `json:"total_api_requests_24h"`
	TotalViolations24h  int64            `json:"total_violations_24h"`
	TenantsByPlan       map[string]int64 `json:"tenants_by_plan"`
	SignupsPerDay       []DayCount       `json:"signups_per_day"`
}

// DayCount is the number of tenants created on one UTC day.
type DayCount struct {
	Date  string `json:"date"` // YYYY-MM-DD
	Count int64  `json:"count"`
}

func platformStatsOf(s *metering.Stats) PlatformStats {
	out := PlatformStats{TotalTenants: s.TotalTenants, ActiveTenants: s.ActiveTenants, TotalUsers: s.TotalUsers,
		TotalAPIRequests24h: s.Requests24h, TotalViolations24h: s.Violations24h, TenantsByPlan: s.TenantsByPlan,
		SignupsPerDay: []DayCount{}}
	for _, d := range s.SignupsPerDay {
		out.SignupsPerDay = append(out.SignupsPerDay, DayCount(d))
	}
	return out
}
