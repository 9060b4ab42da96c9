package api

import (
	"net/http"
	"strconv"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

func itoa(n int) string { return strconv.Itoa(n) }

func (s *Server) login(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req LoginRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.Login(r.Context(), app.LoginInput(req))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, loginOf(sess))
}

func (s *Server) selectTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	return s.selectTenantNaming(roleName)(w, r, p)
}

// selectTenantNaming is the select-tenant handler answering the session's
// role as name says (the native names, or a seed's).
func (s *Server) selectTenantNaming(name func(*app.Session) string) func(http.ResponseWriter, *http.Request, *auth.Principal) error {
	return func(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
		var req SelectTenantRequest
		if err := decode(w, r, &req); err != nil {
			return err
		}
		sess, err := s.app.SelectTenant(r.Context(), p, req.TenantID, req.LoginToken)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, SelectTenantResponse{AccessToken: sess.AccessToken, TokenType: "bearer",
			ExpiresIn: int(sess.ExpiresIn.Seconds()), TenantID: sess.TenantID, Role: name(sess), Environment: sess.Env})
	}
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req RefreshRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.Refresh(r.Context(), req.RefreshToken)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, RefreshResponse{AccessToken: sess.AccessToken, RefreshToken: sess.RefreshToken,
		TokenType: "bearer", ExpiresIn: int(sess.ExpiresIn.Seconds())})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req LogoutRequest
	if err := decodeOptional(w, r, &req); err != nil {
		return err
	}
	if err := s.app.Logout(r.Context(), p, req.RefreshToken); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) jwks(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	out := JWKS{Keys: s.app.Tokens().Ring.JWKS()}
	w.Header().Set("Cache-Control", "public, max-age=300")
	return writeJSON(w, http.StatusOK, out)
}
