package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

// The trueport handlers that differ from the native ones
// (routes_compat_trueport.go): each decodes the seed's request, calls the
// native use case and answers in the seed's words.

func (s *Server) trueportRegister(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req AccountRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	u, err := s.app.RegisterAccount(r.Context(), app.AccountInput(req))
	var e *errs.Error
	if errors.As(err, &e) && e.Kind == errs.Conflict { // the seed: 400 Email already registered
		bad := *e
		bad.Kind = errs.Malformed
		return &bad
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, accountOf(u))
}

// trueportPassword changes the password with the current one verified, as
// the native PUT /api/v1/me/password does; the concurrency stamp that route
// requires is taken and spent within this one request.
func (s *Server) trueportPassword(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req TrueportPasswordRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	st, err := s.app.NewPasswordStamp(r.Context(), p)
	if err != nil {
		return err
	}
	if _, err := s.app.ChangePassword(r.Context(), p, app.ChangePasswordInput{CurrentPassword: req.CurrentPassword,
		NewPassword: req.NewPassword, Stamp: st.Value}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Message{Message: passwordUpdated})
}

func (s *Server) trueportMyTenants(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	list, err := s.app.MyTenants(r.Context(), p)
	if err != nil {
		return err
	}
	out := myTenantsOf(list)
	for i := range out {
		out[i].Role = membership.TrueportName(membership.Role(out[i].Role))
		out[i].Actions = nil // not in trueport's shape
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) trueportInfo(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if !p.Scoped() {
		return errs.E(errs.Invalid, "scoped_token_required", "Use a tenant-scoped token (POST /platform/api/global/auth/select-tenant).")
	}
	v, err := s.app.GetTenant(r.Context(), p, p.TenantID)
	if err != nil {
		return err
	}
	t, sub := v.Tenant, v.Subscription
	out := TrueportInfo{ID: t.ID, Name: t.Name, Slug: t.Slug, Status: string(t.Status), BillingEmail: t.BillingEmail,
		Subscription: TrueportSubscription{Plan: sub.Plan, Status: strings.ToUpper(string(sub.Status))}}
	if sub.ID != "" {
		out.Subscription.EndDate = &sub.CurrentPeriodEnd
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) trueportMembers(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	f, err := memberFilter(r)
	if err != nil {
		return err
	}
	if role, ok := membership.RoleNamed(string(f.Role)); f.Role != "" && ok {
		f.Role = role
	}
	list, total, err := s.app.ListMembers(r.Context(), p, f)
	if err != nil {
		return err
	}
	return writeList(w, list, total, func(m *membership.Member) Member {
		out := memberOf(m)
		out.Role = membership.TrueportName(m.Role)
		return out
	})
}

func (s *Server) trueportInvite(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req InviteRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	inv, err := s.app.CreateInvite(r.Context(), p, app.InviteInput{Email: req.Email, Role: membership.Role(req.Role), OutletIDs: req.OutletIDs})
	if err != nil {
		return err
	}
	out := inviteOf(inv)
	out.Role = membership.TrueportName(inv.Role)
	return writeJSON(w, http.StatusCreated, out)
}

func (s *Server) trueportRemoveMember(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.RemoveMember(r.Context(), p, r.PathValue("user_id")); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Message{Message: "Member removed"})
}

// trueportRole is a session's role in trueport's words (platform admins
// acting in a tenant they are not a member of: platform_admin).
func trueportRole(sess *app.Session) string {
	if sess.Role == "" {
		return "platform_admin"
	}
	return membership.TrueportName(sess.Role)
}
