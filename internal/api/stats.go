package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) platformStats(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	st, err := s.app.PlatformStats(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, platformStatsOf(st))
}
