package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) eraseTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req EraseTenantRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.RequestErasure(r.Context(), p, r.PathValue("tenant_id"),
		app.EraseTenantInput{ConfirmSlug: req.ConfirmSlug, Force: req.Force, Reason: req.Reason})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, tenantErasureOf(v))
}

func (s *Server) tenantErasure(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.TenantErasure(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantErasureOf(v))
}

func (s *Server) eraseUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	u, err := s.app.EraseUser(r.Context(), p, r.PathValue("user_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userErasureOf(u))
}
