package test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/tenantry/tenantry/internal/plan"
)

// TestMeteringQuota: on a plan allowing 3 API requests a month, the
// tenant's API key is served 3 times, then refused with 429
// plan_quota_exceeded naming the meter, limit and use, with a Retry-After
// until the month ends; the same tenant's user session is never cut off.
// The quota holds across flushes (the monthly total is read again).
func TestMeteringQuota(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, token := h.keyOwner(t, "Quota Spa")
		h.addPlan(t, "api3", 1000, plan.Limits{plan.APIRequestsPerMonth: 3})
		h.onPlan(t, acc.tenantID, "api3")
		key := h.createKey(t, token, "reader", "prod", "outlets:read").str("key")

		h.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
		h.flushMeter(t)
		h.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
		h.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
		for _, flush := range []bool{false, true} {
			if flush {
				h.flushMeter(t)
			}
			r := h.withKey(t, "GET", "/api/v1/outlets", key, nil)
			p := r.problem(http.StatusTooManyRequests, "plan_quota_exceeded")
			p.eq("meter", "api_requests_per_month")
			p.eq("plan", "api3")
			if p.num("limit") != 3 || p.num("used") != 3 {
				t.Errorf("refusal: %s, want limit 3, used 3", r.body)
			}
			if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s <= 0 || s > 31*24*3600 {
				t.Errorf("Retry-After %q, want seconds until the month ends", r.header.Get("Retry-After"))
			}
		}
		for range 5 { // user sessions are not metered against the quota
			h.get(t, "/api/v1/outlets", token).expect(http.StatusOK)
		}
		h.flushMeter(t)
		if _, byKey, vio := h.meterOf(t, acc.tenantID); byKey != 3 || vio < 2 {
			t.Errorf("meter: %d key requests, %d violations; want 3 served, the 2 refusals as violations", byKey, vio)
		}
		if u := h.usageOf(t, token)["api_requests_per_month"]; u.num("used") != 3 || u.num("limit") != 3 || u.num("remaining") != 0 {
			t.Errorf("usage = %s, want used 3 of 3", u)
		}
	})
}
