package api

import (
	"net/http"
	"strings"

	"github.com/tenantry/tenantry/internal/apikey"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

// The pers names of the credentials: x-api-key is the platform's business
// key (a platform key) or, as the document also uses it, a project's key;
// x-project-key is a project's (tenant's) API key.
const (
	persBusinessKey = "x-api-key"
	persProjectKey  = "x-project-key"
)

var (
	errPersScoped = errs.E(errs.Invalid, "scoped_token_required",
		"Send the project's key (x-project-key) or a tenant-scoped access token: the project is the one of your credentials.")
	errPersLoginToken = errs.Fields(errs.FieldError{Field: "loginToken", Code: "login_token_issued",
		Message: "Login tokens are minted, not set: GET /tenants/login-token; require them with the auth.login_token_required setting."})
)

// persCaller authenticates a pers request, or returns nil for an anonymous
// one: a bearer token; else x-api-key, a platform key when it has a
// platform key's shape and a project key otherwise; else x-project-key.
// Refused credentials answer 401 and spend the address's allowance.
func (s *Server) persCaller(r *http.Request) (*auth.Principal, error) {
	ctx := r.Context()
	if raw, ok := bearer(r); ok {
		p, err := s.app.Authenticate(ctx, raw)
		if err != nil {
			return nil, s.refused(ctx, s.clientIP(r), err)
		}
		return p, nil
	}
	if r.Header.Get("Authorization") != "" {
		return nil, s.refused(ctx, s.clientIP(r), errs.E(errs.Unauthenticated, "missing_token", "Send an access token: Authorization: Bearer <token>."))
	}
	key := strings.TrimSpace(r.Header.Get(persBusinessKey))
	if strings.HasPrefix(key, apikey.PlatformPrefix) {
		return s.platformCaller(r, persBusinessKey)
	}
	if key == "" {
		key = strings.TrimSpace(r.Header.Get(persProjectKey))
	}
	if key == "" {
		return nil, nil
	}
	p, err := s.app.AuthenticateAPIKey(ctx, key)
	if err != nil {
		s.metrics.keyFailures.WithLabelValues(errs.CodeOf(err)).Inc()
		return nil, s.refused(ctx, s.clientIP(r), err)
	}
	return p, nil
}

// persRequired is persCaller refusing an anonymous caller.
func (s *Server) persRequired(r *http.Request) (*auth.Principal, error) {
	p, err := s.persCaller(r)
	if err == nil && p == nil {
		err = errs.E(errs.Unauthenticated, "missing_credentials",
			"Send the platform's key (x-api-key), a project key (x-project-key) or an access token.")
	}
	return p, err
}

func (s *Server) persCreate(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persRequired(r)
	if err != nil {
		return err
	}
	var req PersCreateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.CreateProject(r.Context(), p, req.ProjectName)
	if err != nil {
		return err
	}
	out := persProjectOf(v.View)
	out.ProjectAPIKey, out.TestnetProjectAPIKey, out.JWT = v.ProdKey.Secret, v.DevKey.Secret, v.AdminToken
	return writeJSON(w, http.StatusCreated, out)
}

func (s *Server) persUpdate(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persRequired(r)
	if err != nil {
		return err
	}
	var req PersUpdateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if !p.Scoped() {
		return errPersScoped
	}
	if req.LoginToken != nil {
		return errPersLoginToken
	}
	if st := req.stripe(); st != nil {
		if _, err := s.app.PutStripeConfig(r.Context(), p, p.TenantID, *st); err != nil {
			return err
		}
	}
	v, err := s.app.UpdateTenant(r.Context(), p, p.TenantID, req.tenantUpdate())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, persProjectOf(v))
}

func (s *Server) persClientConfig(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persRequired(r)
	if err != nil {
		return err
	}
	if !p.Scoped() {
		return errPersScoped
	}
	c, err := s.app.TenantClientConfig(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, persClientConfigOf(c))
}

func (s *Server) persMe(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persRequired(r)
	if err != nil {
		return err
	}
	v, err := s.app.CurrentTenant(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, persInfoOf(v))
}

func (s *Server) persGet(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	p, err := s.persCaller(r)
	if err != nil {
		return err
	}
	v, err := s.app.TenantInContext(r.Context(), p, r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, persInfoOf(v))
}
