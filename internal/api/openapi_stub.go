package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// Temporary until openapi.go lands.
func (s *Server) openapiJSON(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return errs.E(errs.NotFound, "not_yet", "")
}
func (s *Server) docsPage(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return errs.E(errs.NotFound, "not_yet", "")
}
func (s *Server) docsAsset(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	return errs.E(errs.NotFound, "not_yet", "")
}

// OpenAPIDocument is temporary until openapi.go lands.
func (s *Server) OpenAPIDocument() ([]byte, error) { return []byte("{}"), nil }
