package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
)

// UsageResponse is a tenant's usage of every meter against its plan's
// limits (GET /api/v1/subscriptions/usage), counted from its rows by the
// same statement that enforcement uses.
type UsageResponse struct {
	TenantID string       `json:"tenant_id"`
	Plan     UsagePlan    `json:"plan"`
	AsOf     time.Time    `json:"as_of"`
	Meters   []MeterCount `json:"meters"`
}

// UsagePlan names the plan whose limits a usage report compares with.
type UsagePlan struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// MeterCount is one meter of a usage report: limit and remaining are null
// when the plan does not limit the meter; metered is false for a meter not
// counted yet (api_requests_per_month, whose used is then 0).
type MeterCount struct {
	Meter     string `json:"meter"`
	Used      int64  `json:"used"`
	Limit     *int64 `json:"limit"`
	Remaining *int64 `json:"remaining"`
	Metered   bool   `json:"metered"`
}

func usageOf(r *app.UsageReport) UsageResponse {
	out := UsageResponse{TenantID: r.TenantID, Plan: UsagePlan{ID: r.Plan.ID, Code: r.Plan.Code, Name: r.Plan.Name},
		AsOf: r.At, Meters: make([]MeterCount, 0, len(r.Meters))}
	for _, m := range r.Meters {
		out.Meters = append(out.Meters, MeterCount{Meter: string(m.Meter), Used: m.Used, Limit: m.Limit,
			Remaining: m.Remaining, Metered: m.Metered})
	}
	return out
}

// LogoUpload is the multipart/form-data body of a logo upload: one part
// named logo holding a PNG, JPEG or WebP image of at most 2 MiB.
type LogoUpload struct {
	Logo FilePart `json:"logo"`
}
