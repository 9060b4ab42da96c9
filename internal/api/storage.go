package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) getStorage(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetStorage(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, storageConfigOf(v))
}

func (s *Server) putStorage(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req StorageConfigRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.PutStorage(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, storageConfigOf(v))
}

func (s *Server) deleteStorage(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteStorage(r.Context(), p); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) testStorage(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.TestStorage(r.Context(), p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, StorageTestResult{OK: true})
}
