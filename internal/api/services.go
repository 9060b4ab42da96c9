package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listServices(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	qv := r.URL.Query()
	q := app.ServiceQuery{Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 50), Active: queryBool(r, &c, "is_active"),
		OutletID: qv.Get("outlet_id"), Category: qv.Get("category")}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.ListServices(r.Context(), p, q)
	if err != nil {
		return err
	}
	out := make([]Service, 0, len(list))
	for i := range list {
		out = append(out, serviceOf(&list[i]))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createService(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ServiceRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.CreateService(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/services/"+v.ID)
	return writeJSON(w, http.StatusCreated, serviceOf(v))
}

func (s *Server) getService(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetService(r.Context(), p, r.PathValue("service_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, serviceOf(v))
}

func (s *Server) updateService(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ServiceRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.UpdateService(r.Context(), p, r.PathValue("service_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, serviceOf(v))
}

func (s *Server) deleteService(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteService(r.Context(), p, r.PathValue("service_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// queryBool reads an optional true/false query parameter, recording a
// problem in c; nil when absent.
func queryBool(r *http.Request, c *errs.Collector, name string) *bool {
	switch v := r.URL.Query().Get(name); v {
	case "":
		return nil
	case "true", "false":
		b := v == "true"
		return &b
	}
	c.Add(name, "invalid_boolean", "Must be true or false.")
	return nil
}
