package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

func (s *Server) createInvite(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req InviteRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	inv, err := s.app.CreateInvite(r.Context(), p, app.InviteInput{Email: req.Email, Role: membership.Role(req.Role), OutletIDs: req.OutletIDs})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, inviteOf(inv))
}

func (s *Server) listInvites(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var c errs.Collector
	f := app.InviteFilter{Status: membership.InviteStatus(r.URL.Query().Get("status")),
		Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 100)}
	if err := c.Err(); err != nil {
		return err
	}
	list, total, err := s.app.ListInvites(r.Context(), p, f)
	if err != nil {
		return err
	}
	out := make([]Invite, 0, len(list))
	for i := range list {
		out = append(out, inviteOf(&list[i]))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) revokeInvite(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.RevokeInvite(r.Context(), p, r.PathValue("invite_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req AcceptInviteRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	acc, err := s.app.AcceptInvite(r.Context(), app.AcceptInviteInput(req))
	if err != nil {
		return err
	}
	out := AcceptInviteResponse{Status: "accepted", TenantID: acc.Invite.TenantID, UserID: acc.User.ID, Email: acc.User.Email,
		Role: string(acc.Invite.Role), AccountCreated: acc.AccountCreated}
	if acc.Session != nil {
		login := loginOf(acc.Session)
		out.Session = &login
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) associateUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req AssociateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	already, err := s.app.AssociateUser(r.Context(), p, r.PathValue("tenant_id"), req.UserID, membership.Role(req.Role))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, AssociateResponse{Status: "OK", WasAlreadyAssociated: already})
}

func (s *Server) disassociateUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req DisassociateRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	was, err := s.app.DisassociateUser(r.Context(), p, r.PathValue("tenant_id"), req.UserID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, DisassociateResponse{Status: "OK", WasAssociated: was})
}
