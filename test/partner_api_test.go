package test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/paperidtest"
)

// These scenarios hold whether or not a worker also runs the provisioning
// jobs in the background: Paper.id is kept down (or the failure is
// permanent) while a state is checked, and the handler, idempotent, may
// find the work done.

// TestPartnerVisibility: registration answers at once with no partner ids;
// platform admins see partner_status on the tenant and in the listing,
// members do not; once provisioned, the ids appear to everyone as the
// reserva seed shows them, and a retry is refused.
func TestPartnerVisibility(t *testing.T) {
	forEachEnginePaperID(t, func(t *testing.T, h *harness, srv *paperidtest.Server) {
		srv.Down()
		acc := h.registerWithPhone(t, "Visible Partner Spa")
		owner := h.token(t, acc.email, acc.password)
		o := h.partnerOf(t, acc.tenantID)
		o.eq("partner_status", "pending")
		o.null("client_partner_id")
		mine := h.get(t, "/api/v1/tenants/"+acc.tenantID, owner).expect(http.StatusOK).obj()
		if mine.has("partner_status") || mine.has("partner_error") || !mine.has("client_partner_id") {
			t.Errorf("the owner's view: %s", mine)
		}
		for _, l := range h.get(t, "/api/v1/tenants?limit=500", h.admin(t)).expect(http.StatusOK).list() {
			if l.str("id") == acc.tenantID && l.str("partner_status") != "pending" {
				t.Errorf("admin listing: %s", l)
			}
		}
		for _, l := range h.get(t, "/api/v1/tenants", owner).expect(http.StatusOK).list() {
			if l.has("partner_status") {
				t.Errorf("member listing shows the partner state: %s", l)
			}
		}

		srv.Up()
		if _, err := h.provision(t, acc.tenantID, 1); err != nil {
			t.Fatal(err)
		}
		o = h.partnerOf(t, acc.tenantID)
		o.eq("partner_status", "provisioned")
		o.eq("client_partner_number", acc.tenantID)
		if ps := srv.Partners(); len(ps) != 1 || o.str("client_partner_id") != ps[0].ID {
			t.Fatalf("partners %+v, tenant %s", ps, o)
		}
		if o.has("partner_error") {
			t.Errorf("partner_error after provisioning: %s", o)
		}
		mine = h.get(t, "/api/v1/tenants/"+acc.tenantID, owner).expect(http.StatusOK).obj()
		mine.eq("client_partner_id", o.str("client_partner_id"))
		mine.eq("client_partner_number", acc.tenantID)

		retry := "/api/v1/admin/tenants/" + acc.tenantID + "/partner/retry"
		h.post(t, retry, h.admin(t), nil).problem(http.StatusConflict, "partner_already_provisioned")
		h.post(t, retry, h.scoped(t, acc.email, acc.password, acc.tenantID), nil).problem(http.StatusForbidden, "forbidden")
	})
}

// TestPartnerRetry: a tenant that failed (no phone, which Paper.id
// requires) shows the reason to platform admins; with a phone set, a retry
// answers 202 pending and the next attempt provisions it. A tenant created
// by a platform admin shows its pending state in the creation's answer.
func TestPartnerRetry(t *testing.T) {
	forEachEnginePaperID(t, func(t *testing.T, h *harness, srv *paperidtest.Server) {
		acc := h.register(t, "Phoneless Partner Spa")
		if _, err := h.provision(t, acc.tenantID, 0); err == nil {
			t.Fatal("provisioned without a phone")
		}
		o := h.partnerOf(t, acc.tenantID)
		o.eq("partner_status", "failed")
		if !strings.Contains(o.str("partner_error"), "phone") {
			t.Errorf("partner_error: %s", o)
		}
		h.put(t, "/api/v1/tenants/"+acc.tenantID, h.admin(t), map[string]any{"phone": "+62 811 555 0199"}).expect(http.StatusOK)
		r := h.post(t, "/api/v1/admin/tenants/"+acc.tenantID+"/partner/retry", h.admin(t), nil).expect(http.StatusAccepted).obj()
		r.eq("tenant_id", acc.tenantID)
		r.eq("partner_status", "pending")
		r.eq("partner_error", "")
		r.null("client_partner_id")
		if _, err := h.provision(t, acc.tenantID, 0); err != nil {
			t.Fatal(err)
		}
		h.partnerOf(t, acc.tenantID).eq("partner_status", "provisioned")
		actions, body := h.auditActions(t, acc.tenantID)
		if actions["tenant.partner.retry:success"] != 1 || actions["tenant.partner.provision:success"] != 1 {
			t.Errorf("audit: %v", actions)
		}
		noLeak(t, body, paperidtest.ClientSecret)

		b := map[string]any{"name": "Admin Made Spa", "phone": "+62 811 555 0198", "admin_email": "owner@adminmade.example.com",
			"admin_password": goodPassword, "admin_first_name": "Maria", "admin_last_name": "Santos"}
		created := h.post(t, "/api/v1/tenants", h.admin(t), b).expect(http.StatusCreated).obj()
		if s := created.str("partner_status"); s != "pending" && s != "provisioned" {
			t.Errorf("admin-created tenant: partner_status %q", s)
		}
		h.post(t, "/api/v1/admin/tenants/ten_01jc9v4m8d3x6p2q7r5s0t1w2y/partner/retry", h.admin(t), nil).
			problem(http.StatusNotFound, "tenant_not_found")
	})
}

// TestPartnerDisabledServer: without Paper.id every tenant is disabled,
// registration is unchanged, and a retry is refused.
func TestPartnerDisabledServer(t *testing.T) {
	forEachEngine(t, options{}, func(t *testing.T, h *harness) {
		acc := h.registerWithPhone(t, "Unpartnered Spa")
		o := h.partnerOf(t, acc.tenantID)
		o.eq("partner_status", "disabled")
		o.null("client_partner_id")
		h.post(t, "/api/v1/admin/tenants/"+acc.tenantID+"/partner/retry", h.admin(t), nil).
			problem(http.StatusConflict, "partner_provisioning_disabled")
	})
}
