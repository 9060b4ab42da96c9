package api

import (
	"net/http"
	"strconv"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) usage(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	rep, err := s.app.TenantUsage(r.Context(), p, r.URL.Query().Get("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, usageOf(rep))
}

func (s *Server) putLogo(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	data, err := readPicture(w, r, "logo")
	if err != nil {
		return err
	}
	v, err := s.app.SetTenantLogo(r.Context(), p, r.PathValue("tenant_id"), data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantOf(v))
}

func (s *Server) deleteLogo(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteTenantLogo(r.Context(), p, r.PathValue("tenant_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// tenantLogo serves a tenant's stored logo, publicly like its logo_url:
// always a PNG the server encoded itself, with nosniff and a content
// security policy that runs nothing (middleware.go).
func (s *Server) tenantLogo(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	f, err := s.app.TenantLogo(r.Context(), r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	etag := `"` + f.SHA256[:32] + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Last-Modified", f.CreatedAt.UTC().Format(http.TimeFormat))
	h.Set("Cross-Origin-Resource-Policy", "cross-origin") // logos are shown by apps on other origins
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", `inline; filename="logo.png"`)
	h.Set("Content-Length", strconv.Itoa(len(f.Content)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Content)
	return nil
}
