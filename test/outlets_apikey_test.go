package test

import (
	"net/http"
	"testing"
)

// TestOutletsWithAPIKeys checks the outlet rows' API-key scopes: outlets:read
// lists and reads, outlets:write creates, updates and deletes; a key reaches
// every outlet of its tenant and no other tenant's.
func TestOutletsWithAPIKeys(t *testing.T) {
	t.Parallel()
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acct := h.register(t, "Keyed Outlets")
		h.onPlan(t, acct.tenantID, "basic") // two outlets
		owner := h.scoped(t, acct.email, acct.password, acct.tenantID)
		north := h.createOutlet(t, owner, "North", "Manila")
		newKey := func(scopes ...string) string {
			return h.post(t, "/api/v1/api-keys", owner, map[string]any{"name": "k", "environment": "prod", "scopes": scopes}).
				expect(http.StatusCreated).obj().str("key")
		}
		withKey := func(method, path, key string, body any) *response {
			return h.do(t, method, path, req{body: body, header: map[string]string{"X-API-Key": key}})
		}
		reader, writer := newKey("outlets:read"), newKey("outlets:read", "outlets:write")

		if got := outletIDsOf(withKey("GET", "/api/v1/outlets", reader, nil).expect(http.StatusOK).list()); len(got) != 1 || got[0] != north {
			t.Errorf("key lists %v", got)
		}
		withKey("GET", "/api/v1/outlets/"+north, reader, nil).expect(http.StatusOK)
		withKey("GET", "/api/v1/outlets/stats", reader, nil).expect(http.StatusOK)
		withKey("POST", "/api/v1/outlets", reader, outletBody("By key", "Cebu")).problem(http.StatusForbidden, "insufficient_scope")
		withKey("PUT", "/api/v1/outlets/"+north, reader, map[string]any{"name": "x"}).problem(http.StatusForbidden, "insufficient_scope")
		withKey("DELETE", "/api/v1/outlets/"+north, reader, nil).problem(http.StatusForbidden, "insufficient_scope")
		withKey("GET", "/api/v1/outlets", newKey("tenant:read"), nil).problem(http.StatusForbidden, "insufficient_scope")

		made := withKey("POST", "/api/v1/outlets", writer, outletBody("By key", "Cebu")).expect(http.StatusCreated).obj().str("id")
		withKey("PUT", "/api/v1/outlets/"+made, writer, map[string]any{"is_active": false}).expect(http.StatusOK)
		h.auditDetails(t, owner, "outlet.update", made).eq("fields", "is_active")
		withKey("DELETE", "/api/v1/outlets/"+made, writer, nil).expect(http.StatusNoContent)

		other := h.register(t, "Other Keyed")
		them := h.scoped(t, other.email, other.password, other.tenantID)
		theirs := h.createOutlet(t, them, "Theirs", "Davao")
		withKey("GET", "/api/v1/outlets/"+theirs, writer, nil).problem(http.StatusNotFound, "outlet_not_found")
		withKey("PUT", "/api/v1/outlets/"+theirs, writer, map[string]any{"name": "x"}).problem(http.StatusNotFound, "outlet_not_found")
		withKey("DELETE", "/api/v1/outlets/"+theirs, writer, nil).problem(http.StatusNotFound, "outlet_not_found")
	})
}
