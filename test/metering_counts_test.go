package test

import (
	"net/http"
	"testing"
)

// TestMeteringCountsRequests: N requests of a tenant-scoped token and M of
// an API key count N+M requests, M of them by key, once the meter is
// flushed; refusals count as violations, the tenant's when it is known
// (a forbidden action), the platform's ("") when not (a bad token); the
// usage of api_requests_per_month is the M key requests, metered.
func TestMeteringCountsRequests(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc, token := h.keyOwner(t, "Metered Spa")
		key := h.createKey(t, token, "reader", "prod", "outlets:read").str("key")
		h.flushMeter(t)
		req0, key0, vio0 := h.meterOf(t, acc.tenantID)
		_, _, plat0 := h.meterOf(t, "")

		const n, m = 7, 4
		for range n {
			h.get(t, "/api/v1/tenants/"+acc.tenantID, token).expect(http.StatusOK)
		}
		for range m {
			h.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
		}
		h.get(t, "/api/v1/tenants/"+acc.tenantID, "not-a-token").expect(http.StatusUnauthorized)
		h.get(t, "/api/v1/admin/plans", token).expect(http.StatusForbidden)

		if r, _, _ := h.meterOf(t, acc.tenantID); r != req0 {
			t.Errorf("requests written before a flush: %d, want %d", r, req0)
		}
		h.flushMeter(t)
		req, byKey, vio := h.meterOf(t, acc.tenantID)
		_, _, plat := h.meterOf(t, "")
		if req-req0 != n+m || byKey-key0 != m || vio-vio0 != 1 || plat-plat0 != 1 {
			t.Errorf("after %d token and %d key requests, a 403 and a 401: tenant +%d requests, +%d by key, +%d violations; platform +%d violations",
				n, m, req-req0, byKey-key0, vio-vio0, plat-plat0)
		}
		u := h.usageOf(t, token)["api_requests_per_month"]
		if u.num("used") != float64(byKey) || !u.boolean("metered") {
			t.Errorf("usage api_requests_per_month = %s, want used %d, metered", u, byKey)
		}

		// What is not flushed yet is counted in this process's usage too.
		h.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
		if u := h.usageOf(t, token)["api_requests_per_month"]; u.num("used") != float64(byKey+1) {
			t.Errorf("usage before a flush = %s, want used %d", u, byKey+1)
		}
	})
}

// TestMeteringAddsUpAcrossProcesses: two servers on one database each
// count their own requests; their flushes add up, and a server started
// again on the database (a restart) reads the figures, including what the
// first flushed when it closed.
func TestMeteringAddsUpAcrossProcesses(t *testing.T) {
	t.Parallel()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			opt := sharedDatabase(t, eng)
			a, b := boot(t, eng, opt), boot(t, eng, opt)
			acc, token := a.keyOwner(t, "Shared Spa")
			key := a.createKey(t, token, "reader", "prod", "outlets:read").str("key")
			a.flushMeter(t)
			b.flushMeter(t)
			req0, key0, _ := a.meterOf(t, acc.tenantID)
			for range 3 {
				a.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
			}
			for range 5 {
				b.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
				b.get(t, "/api/v1/tenants/"+acc.tenantID, token).expect(http.StatusOK)
			}
			a.flushMeter(t)
			b.flushMeter(t)
			req, byKey, _ := b.meterOf(t, acc.tenantID)
			if req-req0 != 13 || byKey-key0 != 8 {
				t.Errorf("two servers: +%d requests, +%d by key; want +13, +8", req-req0, byKey-key0)
			}

			// Closing a server flushes what it still holds; a server started
			// afterwards reads every figure.
			a.withKey(t, "GET", "/api/v1/outlets", key, nil).expect(http.StatusOK)
			a.stop()
			if err := a.srv.Close(); err != nil {
				t.Fatal(err)
			}
			c := boot(t, eng, opt)
			if req, byKey, _ := c.meterOf(t, acc.tenantID); req-req0 != 14 || byKey-key0 != 9 {
				t.Errorf("after a restart: +%d requests, +%d by key; want +14, +9", req-req0, byKey-key0)
			}
			if u := c.usageOf(t, token)["api_requests_per_month"]; u.num("used") != float64(byKey+1) {
				t.Errorf("usage after a restart = %s, want used %d", u, byKey+1)
			}
		})
	}
}
