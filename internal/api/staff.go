package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listStaff(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	qv := r.URL.Query()
	q := app.StaffQuery{Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 50), Active: queryBool(r, &c, "is_active"),
		OutletID: qv.Get("outlet_id"), ServiceID: qv.Get("service_id")}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.ListStaff(r.Context(), p, q)
	if err != nil {
		return err
	}
	out := make([]StaffMember, 0, len(list))
	for i := range list {
		out = append(out, staffOf(&list[i]))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createStaff(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req StaffRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.CreateStaff(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/staff/"+v.ID)
	return writeJSON(w, http.StatusCreated, staffOf(v))
}

func (s *Server) getStaff(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetStaff(r.Context(), p, r.PathValue("staff_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, staffOf(v))
}

func (s *Server) updateStaff(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req StaffRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.UpdateStaff(r.Context(), p, r.PathValue("staff_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, staffOf(v))
}

func (s *Server) deleteStaff(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteStaff(r.Context(), p, r.PathValue("staff_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
