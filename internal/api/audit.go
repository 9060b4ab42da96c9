package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/audit"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := r.URL.Query()
	f := audit.Filter{TenantID: q.Get("tenant_id"), Action: q.Get("action"), ActorID: q.Get("actor_id"),
		Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 100)}
	c.Check(f.Skip < 0, "skip", "out_of_range", "Must be 0 or more.")
	c.Check(f.Limit < 1 || f.Limit > 500, "limit", "out_of_range", "Must be between 1 and 500.")
	if err := c.Err(); err != nil {
		return err
	}
	events, total, err := s.app.ListAudit(r.Context(), p, f)
	if err != nil {
		return err
	}
	out := make([]AuditEvent, 0, len(events))
	for _, e := range events {
		out = append(out, auditOf(e))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	rep, err := s.app.VerifyAudit(r.Context(), p, r.URL.Query().Get("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, verificationOf(rep))
}
