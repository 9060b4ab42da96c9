package test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/paperidtest"
)

// TestPartnerProvisionedByWorker is issue 8's Done-when step: a
// registration while the Paper.id test server is down succeeds at once, and
// the partner ids appear after it comes back — carried by the job worker,
// driven here by RunDue on the test clock. The worker's background loop
// is stopped first, so each attempt runs exactly when the test says.
func TestPartnerProvisionedByWorker(t *testing.T) {
	forEachEnginePaperID(t, func(t *testing.T, h *harness, srv *paperidtest.Server) {
		ctx := context.Background()
		h.srv.Jobs.Stop()
		srv.Down()
		acc := h.registerWithPhone(t, "Worker Partner Spa")
		if _, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
		o := h.partnerOf(t, acc.tenantID)
		if o.str("partner_error") == "" {
			t.Fatalf("no error recorded while Paper.id is down: %s", o)
		}
		o.eq("partner_status", "pending")
		o.null("client_partner_id")

		srv.Up()
		h.clock.advance(job.Backoff(1) + time.Minute)
		if _, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
		o = h.partnerOf(t, acc.tenantID)
		o.eq("partner_status", "provisioned")
		ps := srv.Partners()
		if len(ps) != 1 {
			t.Fatalf("%d partners at Paper.id, want 1", len(ps))
		}
		o.eq("client_partner_id", ps[0].ID)
		o.eq("client_partner_number", acc.tenantID)
		owner := h.token(t, acc.email, acc.password)
		h.get(t, "/api/v1/tenants/"+acc.tenantID, owner).expect(http.StatusOK).obj().eq("client_partner_id", ps[0].ID)
	})
}

// TestPartnerRetryHastensBackoff: a platform admin's retry of a tenant
// whose provisioning waits out a backoff makes the pending job due at once,
// without a second job.
func TestPartnerRetryHastensBackoff(t *testing.T) {
	forEachEnginePaperID(t, func(t *testing.T, h *harness, srv *paperidtest.Server) {
		ctx := context.Background()
		h.srv.Jobs.Stop()
		srv.Down()
		acc := h.registerWithPhone(t, "Hasty Partner Spa")
		if _, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
		h.partnerOf(t, acc.tenantID).eq("partner_status", "pending")
		srv.Up()
		if n, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil || n != 0 {
			t.Fatalf("before the retry, within the backoff: %d jobs run, %v", n, err)
		}
		h.post(t, "/api/v1/admin/tenants/"+acc.tenantID+"/partner/retry", h.admin(t), nil).expect(http.StatusAccepted)
		if _, err := h.srv.Jobs.RunDue(ctx, h.srv.App.DB()); err != nil {
			t.Fatal(err)
		}
		h.partnerOf(t, acc.tenantID).eq("partner_status", "provisioned")
		if ps := srv.Partners(); len(ps) != 1 {
			t.Fatalf("%d partners at Paper.id, want 1", len(ps))
		}
	})
}
