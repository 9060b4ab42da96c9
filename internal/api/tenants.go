package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/tenant"
)

func (s *Server) register(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req RegisterRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	t, err := s.app.Register(r.Context(), app.RegisterInput(req))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, RegisterResponse{
		RegistrationID: t.RegistrationID, TenantID: t.ID, Slug: t.Slug, ClientPartnerID: t.ClientPartnerID,
		ClientPartnerNumber: t.ClientPartnerNumber, Status: string(t.Status),
		Message:   "Registration successful! Your account is now active and ready to use.",
		NextSteps: nextSteps,
	})
}

func (s *Server) checkAvailability(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	slug := r.URL.Query().Get("slug")
	ok, err := s.app.CheckSlug(r.Context(), slug)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Availability{Slug: slug, Available: ok})
}

func (s *Server) listTenants(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	f := app.ListTenantsInput{Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 100), Status: r.URL.Query().Get("status")}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.ListTenants(r.Context(), p, f)
	if err != nil {
		return err
	}
	out := make([]TenantSummary, 0, len(list))
	for _, l := range list {
		out = append(out, summaryOf(l))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CreateTenantRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.CreateTenant(r.Context(), p, app.CreateTenantInput{
		Name: req.Name, Slug: req.Slug, Email: req.Email, Phone: req.Phone, Description: req.Description,
		Website: req.Website, BillingEmail: req.BillingEmail, AdminEmail: req.AdminEmail, AdminPassword: req.AdminPassword,
		AdminFirstName: req.AdminFirstName, AdminLastName: req.AdminLastName, Settings: req.Settings.domain(),
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tenants/"+v.Tenant.ID)
	return writeJSON(w, http.StatusCreated, tenantOf(v))
}

func (s *Server) getTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.GetTenant(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	b, err := v.Encoded(func() ([]byte, error) { return encodeJSON(tenantOf(v)) })
	if err != nil {
		return err
	}
	writeEncoded(w, http.StatusOK, b)
	return nil
}

func (s *Server) updateTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req UpdateTenantRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.UpdateTenant(r.Context(), p, r.PathValue("tenant_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantOf(v))
}

func (s *Server) deactivateTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.Deactivate(r.Context(), p, r.PathValue("tenant_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) reactivateTenant(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.Reactivate(r.Context(), p, r.PathValue("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantOf(v))
}

func (s *Server) setTenantStatus(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req StatusRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.SetStatus(r.Context(), p, r.PathValue("tenant_id"), app.SetStatusInput{Status: tenant.Status(req.Status), Reason: req.Reason})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantOf(v))
}

func (s *Server) staffPositionTemplates(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	id := r.PathValue("tenant_id")
	st, err := s.app.Templates(r.Context(), p, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, StaffPositionTemplates{TenantID: id, StaffPositionTemplates: st.StaffPositionTemplates})
}

func (s *Server) serviceCategoryTemplates(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	id := r.PathValue("tenant_id")
	st, err := s.app.Templates(r.Context(), p, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ServiceCategoryTemplates{TenantID: id, ServiceCategoryTemplates: st.ServiceCategoryTemplates})
}
