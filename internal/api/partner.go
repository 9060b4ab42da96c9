package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) retryPartner(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.RetryPartner(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, partnerStateOf(v))
}
