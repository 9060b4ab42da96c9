package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listOutlets(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := app.OutletQuery{Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 50), Query: r.URL.Query().Get("q")}
	q.Active = queryBool(r, &c, "is_active")
	if err := c.Err(); err != nil {
		return err
	}
	page, err := s.app.ListOutlets(r.Context(), p, q)
	if err != nil {
		return err
	}
	b, err := page.Encoded(func() ([]byte, error) {
		out := make([]Outlet, 0, len(page.Outlets))
		for i := range page.Outlets {
			out = append(out, outletOf(&page.Outlets[i]))
		}
		return encodeJSON(out)
	})
	if err != nil {
		return err
	}
	w.Header().Set("X-Total-Count", itoa(page.Total))
	writeEncoded(w, http.StatusOK, b)
	return nil
}

func (s *Server) createOutlet(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req OutletRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	o, err := s.app.CreateOutlet(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/outlets/"+o.ID)
	return writeJSON(w, http.StatusCreated, outletOf(o))
}

func (s *Server) getOutlet(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	o, err := s.app.GetOutlet(r.Context(), p, r.PathValue("outlet_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, outletOf(o))
}

func (s *Server) updateOutlet(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req OutletRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	o, err := s.app.UpdateOutlet(r.Context(), p, r.PathValue("outlet_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, outletOf(o))
}

func (s *Server) deleteOutlet(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteOutlet(r.Context(), p, r.PathValue("outlet_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) outletStats(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.OutletStats(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, outletStatsOf(v))
}
