package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) getAuthConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetAuthConfig(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, authConfigOf(v, false))
}

func (s *Server) putAuthConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AuthConfigRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.PutAuthConfig(r.Context(), p, r.PathValue("tenant_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, authConfigOf(v, true))
}
