package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := r.URL.Query()
	in := app.AuditListInput{Filter: audit.Filter{TenantID: q.Get("tenant_id"), Action: q.Get("action"), ActorID: q.Get("actor_id"),
		ResourceType: q.Get("resource_type"), ResourceID: q.Get("resource_id"),
		Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 100)},
		Result: q.Get("result"), From: q.Get("from"), To: q.Get("to"), Cursor: q.Get("cursor")}
	c.Check(in.Filter.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(in.Filter.Limit < 1 || in.Filter.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	if err := c.Err(); err != nil {
		return err
	}
	page, err := s.app.AuditPage(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := make([]AuditEvent, 0, len(page.Items))
	for _, e := range page.Items {
		out = append(out, auditOf(e))
	}
	w.Header().Set("X-Total-Count", itoa(page.Total))
	if page.Next != "" {
		w.Header().Set("X-Next-Cursor", page.Next)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	rep, err := s.app.VerifyAudit(r.Context(), p, r.URL.Query().Get("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, verificationOf(rep))
}
