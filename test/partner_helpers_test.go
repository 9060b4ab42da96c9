package test

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/tenantry/tenantry/internal/job"
	"github.com/tenantry/tenantry/internal/paperidtest"
)

// phoneSeq numbers the phones of registered businesses: a phone is unique
// per tenant.
var phoneSeq atomic.Int64

// forEachEnginePaperID runs fn per engine with a fresh Paper.id test server
// configured as the platform's Paper.id.
func forEachEnginePaperID(t *testing.T, fn func(t *testing.T, h *harness, srv *paperidtest.Server)) {
	t.Helper()
	for _, eng := range engines {
		t.Run(eng, func(t *testing.T) {
			t.Parallel()
			srv := paperidtest.New(t)
			fn(t, boot(t, eng, options{paperID: srv.URL()}), srv)
		})
	}
}

// registerWithPhone registers a business with a phone (Paper.id requires
// one for a partner) and returns its account.
func (h *harness) registerWithPhone(t testing.TB, name string) account {
	t.Helper()
	body := registration(name)
	body["business_phone"] = "+62 811 " + strconv.FormatInt(1000000+phoneSeq.Add(1), 10)
	o := h.post(t, "/api/v1/public/register", "", body).expect(http.StatusCreated).obj()
	o.null("client_partner_id") // provisioned later, in the background
	return account{email: body["admin_email"].(string), password: goodPassword, tenantID: o.str("tenant_id"), slug: o.str("slug")}
}

// provision runs the partner provisioning job of tenantID as the worker
// would on attempt attempts+1 (attempts earlier attempts failed).
func (h *harness) provision(t testing.TB, tenantID string, attempts int) (string, error) {
	t.Helper()
	now := h.clock.now()
	j, err := job.New(job.PartnerProvision, tenantID, struct{}{}, now, now)
	if err != nil {
		t.Fatal(err)
	}
	j.Key, j.Attempts = tenantID, attempts
	return h.srv.App.ProvisionPartner(context.Background(), j)
}

// partnerOf is tenantID as the platform admin sees it.
func (h *harness) partnerOf(t testing.TB, tenantID string) obj {
	t.Helper()
	return h.get(t, "/api/v1/tenants/"+tenantID, h.admin(t)).expect(http.StatusOK).obj()
}
