package test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/tenantry/tenantry/internal/id"
)

// logoForm is a multipart/form-data body holding a logo, and its type.
func logoForm(t *testing.T) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, err := mw.CreateFormFile("logo", "logo.png")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(tinyPNG(t))
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), mw.FormDataContentType()
}

// limitEntries cover a tenant's usage against its plan and its stored logo.
func limitEntries() map[string]entry {
	return map[string]entry{
		// Own: the token's tenant by default; foreign and missing named by
		// ?tenant_id=, which only platform admins may use for another tenant.
		"GET /api/v1/subscriptions/usage": {targets: tenantTargets, want: onTenant,
			call: func(_ *testing.T, m *matrix, _ *caller, tg target, _ want) call {
				if tg == own {
					return call{}
				}
				return call{query: "tenant_id=" + pick(tg, m.a.tenantID, m.b.tenantID, id.Tenant)}
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				o := r.obj()
				o.eq("tenant_id", m.a.tenantID)
				if n := len(o.objs("meters")); n != 7 {
					t.Errorf("usage lists %d meters, want 7: %s", n, r.body)
				}
			}},
		"PUT /api/v1/tenants/{tenant_id}/logo": {targets: tenantTargets, want: onTenant,
			call: func(t *testing.T, m *matrix, c *caller, tg target, w want) call {
				cl := atTenant(nil)(t, m, c, tg, w)
				body, ctype := logoForm(t)
				cl.body, cl.header = raw(body), map[string]string{"Content-Type": ctype}
				return cl
			},
			check: func(t *testing.T, m *matrix, _ *caller, _ target, r *response) {
				if o := r.obj(); o.str("logo_url") == "" {
					t.Errorf("no logo_url after an upload: %s", r.body)
				}
			}},
		// A successful deletion is undone at once, so that A keeps a logo
		// for the next cases.
		"DELETE /api/v1/tenants/{tenant_id}/logo": {targets: tenantTargets, want: onTenant, call: atTenant(nil),
			check: func(t *testing.T, m *matrix, _ *caller, _ target, _ *response) {
				m.h.get(t, logoPath(m.a.tenantID), "").problem(http.StatusNotFound, "logo_not_found")
				m.h.upload(t, logoPath(m.a.tenantID), m.a.owner, "logo", "logo.png", tinyPNG(t)).expect(http.StatusOK)
			}},
		// Judgment: logos are public, like the logo_url of a tenant's public
		// profile, so B's is served as A's is; a tenant without one (or no
		// such tenant) answers 404 logo_not_found.
		"GET /api/v1/tenants/{tenant_id}/logo": {targets: tenantTargets,
			want: per(map[target]want{own: ok(http.StatusOK), foreign: ok(http.StatusOK), missing: notFound("logo_not_found")}),
			call: atTenant(nil)},
	}
}
