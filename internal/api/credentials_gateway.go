package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/credential"
)

func (s *Server) putPaperIDConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req PaperIDConfigRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.PutPaperIDConfig(r.Context(), p, r.PathValue("tenant_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, paperIDConfigOf(v))
}

func (s *Server) getPaperIDConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetGatewayConfig(r.Context(), p, r.PathValue("tenant_id"), credential.PaperID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, paperIDConfigOf(v))
}

func (s *Server) disablePaperIDConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DisableGatewayConfig(r.Context(), p, r.PathValue("tenant_id"), credential.PaperID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) putStripeConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req StripeConfigRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.PutStripeConfig(r.Context(), p, r.PathValue("tenant_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, stripeConfigOf(v))
}

func (s *Server) getStripeConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetGatewayConfig(r.Context(), p, r.PathValue("tenant_id"), credential.Stripe)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, stripeConfigOf(v))
}
