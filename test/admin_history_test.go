package test

import (
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// TestAdminStatusHistory: every status change of a tenant (PUT …/status,
// deactivation, reactivation) is in its history, oldest first, with from,
// to, reason, actor and time; a missing tenant answers 404 and a tenant
// owner 403.
func TestAdminStatusHistory(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		admin := h.admin(t)
		a := h.register(t, "History Alpha Spa")
		path := "/api/v1/admin/tenants/" + a.tenantID
		h.put(t, path+"/status", admin, map[string]any{"status": "suspended", "reason": "Payment overdue"}).expect(http.StatusOK)
		h.put(t, path+"/status", admin, map[string]any{"status": "active", "reason": "Paid"}).expect(http.StatusOK)
		h.del(t, "/api/v1/tenants/"+a.tenantID, admin).expect(http.StatusNoContent)
		h.post(t, "/api/v1/tenants/"+a.tenantID+"/reactivate", admin, nil).expect(http.StatusOK)

		hist := h.get(t, path+"/status-history", admin).expect(http.StatusOK).obj()
		items := hist.objs("items")
		want := [][3]string{{"active", "suspended", "Payment overdue"}, {"suspended", "active", "Paid"},
			{"active", "inactive", "Deactivated by a platform admin."}, {"inactive", "active", ""}}
		if len(items) != len(want) {
			t.Fatalf("history: %s", hist)
		}
		for i, w := range want {
			it := items[i]
			if it.str("from") != w[0] || it.str("to") != w[1] || it.str("reason") != w[2] {
				t.Fatalf("change %d = %s, want %v (history %s)", i, it, w, hist)
			}
			if it.sub("actor").str("email") != adminEmail || it.str("at") == "" {
				t.Fatalf("change %d actor/time: %s", i, it)
			}
		}
		h.get(t, "/api/v1/admin/tenants/"+id.New(id.Tenant)+"/status-history", admin).problem(http.StatusNotFound, "tenant_not_found")
		owner := h.scoped(t, a.email, a.password, a.tenantID)
		h.get(t, path+"/status-history", owner).problem(http.StatusForbidden, "forbidden")
	})
}
