package api

import (
	"net/http"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

func (s *Server) adminTenants(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	q := r.URL.Query()
	in := app.AdminTenantsInput{Status: q.Get("status"), Query: q.Get("q"), Plan: q.Get("plan"), After: q.Get("after"),
		Offset: queryInt(r, &c, "offset", 0), Limit: queryInt(r, &c, "limit", 50)}
	if err := c.Err(); err != nil {
		return err
	}
	page, err := s.app.AdminTenants(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := AdminTenantList{Items: make([]AdminTenant, 0, len(page.Items)), Total: page.Total, Next: page.Next}
	for _, x := range page.Items {
		out.Items = append(out.Items, AdminTenant{ID: x.ID, Name: x.Name, Slug: x.Slug, Status: x.Status,
			SubscriptionPlan: x.Plan, MemberCount: x.MemberCount, CreatedAt: x.CreatedAt})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) statusHistory(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	id := r.PathValue("tenant_id")
	list, err := s.app.StatusHistory(r.Context(), p, id)
	if err != nil {
		return err
	}
	out := StatusHistory{TenantID: id, Items: make([]StatusChangeEntry, 0, len(list))}
	for _, c := range list {
		e := StatusChangeEntry{From: c.From, To: c.To, Reason: c.Reason, Action: c.Action, ImpersonatedBy: c.ImpersonatorID, At: c.At}
		if c.ActorID != "" {
			e.Actor = &AdminActor{ID: c.ActorID, Email: c.ActorEmail}
		}
		out.Items = append(out.Items, e)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	in := app.AdminUsersInput{Email: r.URL.Query().Get("email"), Offset: queryInt(r, &c, "offset", 0), Limit: queryInt(r, &c, "limit", 50)}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.AdminUsers(r.Context(), p, in)
	if err != nil {
		return err
	}
	out := AdminUserList{Items: make([]AdminUser, 0, len(list)), Total: total}
	for i := range list {
		out.Items = append(out.Items, adminUserOf(&list[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) updateAdminUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AdminUserRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	u, err := s.app.UpdateAdminUser(r.Context(), p, r.PathValue("user_id"), app.AdminUserUpdate{PlatformAdmin: req.IsPlatformAdmin, Status: req.Status})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, adminUserOf(u))
}

func (s *Server) impersonate(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ImpersonateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	x, err := s.app.Impersonate(r.Context(), p, app.ImpersonateInput{UserID: req.UserID, TenantID: req.TenantID, Reason: req.Reason})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ImpersonateResponse{AccessToken: x.AccessToken, TokenType: "bearer",
		ExpiresIn: int(x.ExpiresIn / time.Second), UserID: x.UserID, TenantID: x.TenantID, Role: string(x.Role),
		ImpersonatorID: x.ImpersonatorID})
}
