package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) tenantStats(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.TenantStats(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantStatsOf(v))
}

func (s *Server) tenantOverview(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	o, err := s.app.TenantOverview(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantOverviewOf(o))
}
