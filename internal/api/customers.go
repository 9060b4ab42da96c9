package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) listCustomers(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := r.URL.Query()
	in := app.CustomerQuery{Status: q.Get("status"), Query: q.Get("q"), After: q.Get("after"), Limit: queryInt(r, &c, "limit", 50)}
	if err := c.Err(); err != nil {
		return err
	}
	page, err := s.app.ListCustomers(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := CustomerList{Items: make([]Customer, 0, len(page.Items)), Total: page.Total, Next: page.Next}
	for i := range page.Items {
		out.Items = append(out.Items, customerOf(&page.Items[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CustomerRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	c, err := s.app.CreateCustomer(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/customers/"+c.ID)
	return writeJSON(w, http.StatusCreated, customerOf(c))
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	c, err := s.app.GetCustomer(r.Context(), p, r.PathValue("customer_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, customerOf(c))
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CustomerRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	c, err := s.app.UpdateCustomer(r.Context(), p, r.PathValue("customer_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, customerOf(c))
}

func (s *Server) deleteCustomer(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeleteCustomer(r.Context(), p, r.PathValue("customer_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
