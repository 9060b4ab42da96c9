package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listConfigs(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	format := r.URL.Query().Get("format")
	if format != "" && format != "flat" && format != "tree" {
		return errs.Fields(errs.FieldError{Field: "format", Code: "invalid", Message: "Use tree (the default) or flat."})
	}
	v, err := s.app.Configs(r.Context(), p)
	if err != nil {
		return err
	}
	if format == "flat" {
		return writeJSON(w, http.StatusOK, flatConfigsOf(v))
	}
	return writeJSON(w, http.StatusOK, configsOf(v))
}

func (s *Server) putConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ConfigValueRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	it, err := s.app.PutConfig(r.Context(), p, app.ConfigChange{Key: r.PathValue("key"),
		Environment: r.URL.Query().Get("environment"), Value: req.Value})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, configEntryOf(*it))
}

func (s *Server) deleteConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	_, err := s.app.DeleteConfig(r.Context(), p, app.ConfigChange{Key: r.PathValue("key"),
		Environment: r.URL.Query().Get("environment")})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) adminConfigs(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	list, err := s.app.AdminConfigs(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, adminConfigsOf(list))
}

func (s *Server) putAdminConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AdminConfigRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.PutAdminConfig(r.Context(), p, app.AdminConfigChange{Key: r.PathValue("key"), Value: req.Value,
		Scope: req.Scope, PlanID: req.PlanID, TenantID: req.TenantID, Locked: req.IsLocked})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, adminConfigValueOf(*v))
}

func (s *Server) deleteAdminConfig(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	q := r.URL.Query()
	err := s.app.DeleteAdminConfig(r.Context(), p, app.AdminConfigChange{Key: r.PathValue("key"), Scope: q.Get("scope"),
		PlanID: q.Get("plan_id"), TenantID: q.Get("tenant_id")})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) createConfigDefinition(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ConfigDefinitionRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	d, err := s.app.PutConfigDefinition(r.Context(), p, req.input(""), true)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, definitionOf(d))
}

func (s *Server) putConfigDefinition(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ConfigDefinitionRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if req.Key != "" && req.Key != r.PathValue("key") {
		return errs.Fields(errs.FieldError{Field: "key", Code: "mismatch", Message: "The key of the body must be the one of the path."})
	}
	d, err := s.app.PutConfigDefinition(r.Context(), p, req.input(r.PathValue("key")), false)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, definitionOf(d))
}
