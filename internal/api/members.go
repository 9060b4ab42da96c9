package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/membership"
)

// memberFilter reads skip, limit, role and status.
func memberFilter(r *http.Request) (app.MemberFilter, error) {
	var c errs.Collector
	q := r.URL.Query()
	f := app.MemberFilter{Role: membership.Role(q.Get("role")), Status: membership.Status(q.Get("status")),
		Skip: queryInt(r, &c, "skip", 0), Limit: queryInt(r, &c, "limit", 100)}
	return f, c.Err()
}

// writeList writes a page of members shaped by of, with X-Total-Count.
func writeList[T any](w http.ResponseWriter, list []membership.Member, total int, of func(*membership.Member) T) error {
	out := make([]T, 0, len(list))
	for i := range list {
		out = append(out, of(&list[i]))
	}
	w.Header().Set("X-Total-Count", itoa(total))
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	f, err := memberFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.app.ListUsers(r.Context(), p, f)
	if err != nil {
		return err
	}
	return writeList(w, list, total, tenantUserOf)
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req CreateUserRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	m, err := s.app.CreateUser(r.Context(), p, app.CreateUserInput{Email: req.Email, FirstName: req.FirstName,
		LastName: req.LastName, Password: req.Password, Phone: req.Phone, Role: membership.Role(req.Role), OutletIDs: req.OutletIDs})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+m.UserID)
	return writeJSON(w, http.StatusCreated, tenantUserOf(m))
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	m, err := s.app.GetUser(r.Context(), p, r.PathValue("user_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantUserOf(m))
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req UpdateUserRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	in := app.UpdateUserInput{FirstName: req.FirstName, LastName: req.LastName, Phone: req.Phone,
		MemberChange: memberChange(req.Role, req.OutletIDs)}
	if req.Status != nil {
		st := membership.Status(*req.Status)
		in.Status = &st
	}
	m, err := s.app.UpdateUser(r.Context(), p, r.PathValue("user_id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenantUserOf(m))
}

func memberChange(role *string, outlets *[]string) app.MemberChange {
	var ch app.MemberChange
	if role != nil {
		r := membership.Role(*role)
		ch.Role = &r
	}
	ch.OutletIDs = outlets
	return ch
}

func (s *Server) deactivateUser(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.DeactivateUser(r.Context(), p, r.PathValue("user_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) resetUserPassword(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.SendPasswordReset(r.Context(), p, r.PathValue("user_id")); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, Message{Message: "A password reset link has been emailed to the user."})
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	f, err := memberFilter(r)
	if err != nil {
		return err
	}
	list, total, err := s.app.ListMembers(r.Context(), p, f)
	if err != nil {
		return err
	}
	return writeList(w, list, total, memberOf)
}

func (s *Server) updateMember(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req UpdateMemberRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	m, err := s.app.UpdateMember(r.Context(), p, r.PathValue("user_id"), memberChange(req.Role, req.OutletIDs))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, memberOf(m))
}

func (s *Server) removeMember(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	if err := s.app.RemoveMember(r.Context(), p, r.PathValue("user_id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) transferOwnership(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	m, err := s.app.TransferOwnership(r.Context(), p, r.PathValue("user_id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, memberOf(m))
}
