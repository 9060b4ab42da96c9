package test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/store"
)

// outletBody is a complete, valid outlet in city, open weekdays 09:00–17:00
// with a lunch break on Mondays.
func outletBody(name, city string) map[string]any {
	day := []map[string]string{{"open": "09:00", "close": "17:00"}}
	return map[string]any{
		"name":  name,
		"phone": "+63 2 555 0101",
		"email": "branch@" + key(name) + ".example.com",
		"address": map[string]any{"line1": "12 Rizal Ave", "line2": "Unit 3", "city": city, "state": "NCR",
			"postal_code": "1000", "country": "PH"},
		"timezone": "Asia/Manila",
		"business_hours": map[string]any{
			"monday":  []map[string]string{{"open": "09:00", "close": "12:00"}, {"open": "13:00", "close": "17:00"}},
			"tuesday": day, "wednesday": day, "thursday": day, "friday": day,
		},
	}
}

// createOutlet creates an outlet with token and returns its id.
func (h *harness) createOutlet(t testing.TB, token, name, city string) string {
	t.Helper()
	return h.post(t, "/api/v1/outlets", token, outletBody(name, city)).expect(http.StatusCreated).obj().str("id")
}

// outletIDsOf returns the ids of a listing of outlets, in order.
func outletIDsOf(list []obj) []string {
	out := []string{}
	for _, o := range list {
		out = append(out, o.str("id"))
	}
	return out
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// addMember adds a user with email, role and outletIDs to the tenant of the
// owner's scoped token (POST /api/v1/users), then returns the user's id and
// a token scoped to that tenant.
func (h *harness) addMember(t testing.TB, owner, tenantID, email string, role membership.Role, outletIDs ...string) (string, string) {
	t.Helper()
	userID := h.post(t, "/api/v1/users", owner, map[string]any{"email": email, "password": goodPassword,
		"first_name": "Member", "last_name": string(role), "role": role, "outlet_ids": outletIDs}).
		expect(http.StatusCreated).obj().str("id")
	return userID, h.scoped(t, email, goodPassword, tenantID)
}

// member registers an account for email and makes it an active member of
// tenantID with role and outletIDs, then returns a token scoped to the
// tenant. The membership is written through the store, in one transaction:
// a fixture for scenarios that test something else (addMember goes through
// the API).
func (h *harness) member(t testing.TB, tenantID, email string, role membership.Role, outletIDs ...string) string {
	t.Helper()
	userID := h.post(t, "/api/v1/auth/register", "", map[string]any{"email": email, "password": goodPassword,
		"first_name": "Member", "last_name": string(role)}).expect(http.StatusCreated).obj().str("id")
	now := h.clock.now().UTC()
	err := h.srv.App.DB().InTenant(context.Background(), tenantID, func(tx *store.Tx) error {
		return tx.CreateMembership(context.Background(), &membership.Membership{TenantID: tenantID, UserID: userID,
			ID: id.New(id.Membership), Role: role, OutletIDs: outletIDs, Status: membership.Active, CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatalf("membership of %s: %v", email, err)
	}
	return h.scoped(t, email, goodPassword, tenantID)
}

// auditDetails returns the details of the newest audit event of action on
// resourceID, as token (a tenant admin) sees the log.
func (h *harness) auditDetails(t testing.TB, token, action, resourceID string) obj {
	t.Helper()
	for _, e := range h.get(t, "/api/v1/audit-logs?limit=500&action="+action, token).expect(http.StatusOK).list() {
		if e.str("resource_id") == resourceID {
			return e.sub("details")
		}
	}
	t.Fatalf("no %s audit event for %s", action, resourceID)
	return obj{}
}
