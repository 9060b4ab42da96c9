package api

import (
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

// LoginToken is a minted login token: send it as login_token with a
// sign-in to the tenant (login, email-code verification, tenant
// selection) while the tenant requires one. Shown once, spent by the first
// attempt that presents it.
type LoginToken struct {
	LoginToken string    `json:"login_token"`
	ExpiresAt  time.Time `json:"expires_at"`
}

func loginTokenOf(k *app.IssuedLoginToken) LoginToken {
	return LoginToken{LoginToken: k.Token, ExpiresAt: k.ExpiresAt}
}

func (s *Server) issueLoginToken(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	k, err := s.app.IssueLoginToken(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, loginTokenOf(k))
}

// persLoginToken is pers's GET /tenants/login-token: the same token, the
// answer a bare JSON string as the document shows.
func (s *Server) persLoginToken(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persRequired(r)
	if err != nil {
		return err
	}
	if !p.Scoped() {
		return errPersScoped
	}
	k, err := s.app.IssueLoginToken(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, k.Token)
}
