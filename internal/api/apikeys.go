package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) createAPIKey(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CreateAPIKeyRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	k, err := s.app.CreateAPIKey(r.Context(), p, app.APIKeyInput(req))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, issuedOf(k))
}

func (s *Server) listAPIKeys(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	keys, err := s.app.ListAPIKeys(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]APIKey, 0, len(keys))
	for _, k := range keys {
		out = append(out, apiKeyOf(k))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) rotateAPIKey(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	k, err := s.app.RotateAPIKey(r.Context(), p, r.PathValue("key_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, issuedOf(k))
}

func (s *Server) revokeAPIKey(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.RevokeAPIKey(r.Context(), p, r.PathValue("key_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) currentTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.CurrentTenant(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantContextOf(v))
}

// publicTenant answers by who asks; p is nil for an anonymous caller.
func (s *Server) publicTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.TenantInContext(r.Context(), p, r.PathValue("slug_or_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantContextOf(v))
}

func (s *Server) tenantClientConfig(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	c, err := s.app.TenantClientConfig(r.Context(), r.PathValue("slug_or_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, clientConfigOf(c))
}
