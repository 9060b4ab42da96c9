package api

import (
	"context"
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) catalogPlans(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	plans, err := s.app.CatalogPlans(r.Context())
	if err != nil {
		return err
	}
	out := make([]CatalogPlan, 0, len(plans))
	for i := range plans {
		out = append(out, catalogPlanOf(&plans[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) adminPlans(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	plans, err := s.app.AdminPlans(r.Context(), p)
	if err != nil {
		return err
	}
	out := make([]AdminPlan, 0, len(plans))
	for i := range plans {
		out = append(out, adminPlanOf(&plans[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createPlan(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req PlanRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	x, err := s.app.CreatePlan(r.Context(), p, req.input())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/admin/plans/"+x.Plan.ID)
	return writeJSON(w, http.StatusCreated, adminPlanOf(x))
}

func (s *Server) updatePlan(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req PlanRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	x, err := s.app.UpdatePlan(r.Context(), p, r.PathValue("plan_id"), req.input())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, adminPlanOf(x))
}

func (s *Server) currentSubscription(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.CurrentSubscription(r.Context(), p, r.URL.Query().Get("tenant_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, currentSubscriptionOf(v))
}

func (s *Server) upgrade(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	return s.changePlan(w, r, p, s.app.Upgrade)
}

func (s *Server) downgrade(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	return s.changePlan(w, r, p, s.app.Downgrade)
}

// changePlan serves upgrade and downgrade, which answer the subscription as
// it is afterwards.
func (s *Server) changePlan(w http.ResponseWriter, r *http.Request, p *auth.Principal,
	change func(context.Context, *auth.Principal, app.PlanChangeInput) (*app.SubscriptionView, error)) error {
	var req PlanChangeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := change(r.Context(), p, app.PlanChangeInput{TenantID: r.URL.Query().Get("tenant_id"), PlanID: req.PlanID})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, currentSubscriptionOf(v))
}

func (s *Server) activatePlan(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req PlanChangeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.ActivatePlan(r.Context(), p, app.PlanChangeInput{TenantID: r.URL.Query().Get("tenant_id"), PlanID: req.PlanID})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, activatedOf(v))
}

func (s *Server) listPayments(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	in := app.ListPaymentsInput{TenantID: r.URL.Query().Get("tenant_id"), Skip: queryInt(r, &c, "skip", 0),
		Limit: queryInt(r, &c, "limit", 100)}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.ListPayments(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := make([]Payment, 0, len(list))
	for i := range list {
		out = append(out, paymentOf(&list[i]))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}
