package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

const passwordUpdated = "Password updated successfully"

func (s *Server) registerAccount(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req AccountRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	u, err := s.app.RegisterAccount(r.Context(), app.AccountInput(req))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, accountOf(u))
}

func (s *Server) requestOTP(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req OTPRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.app.RequestOTP(r.Context(), app.OTPInput{Email: req.Email, TenantID: req.TenantID}); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Message{Message: "If that email can sign in, a code has been sent"})
}

func (s *Server) verifyOTP(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req OTPVerifyRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.VerifyOTP(r.Context(), app.OTPInput(req))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, loginOf(sess))
}

func (s *Server) forgotPassword(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req ForgotPasswordRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.app.ForgotPassword(r.Context(), req.Email); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Message{Message: "If that email exists, a reset link has been sent"})
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req ResetPasswordRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.app.ResetPassword(r.Context(), req.Token, req.NewPassword); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, Message{Message: passwordUpdated})
}

func (s *Server) switchEnvironment(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	return s.switchEnvironmentNaming(roleName)(w, r, p)
}

// switchEnvironmentNaming is the switch-environment handler answering the
// session's role as name says (the native names, or a seed's).
func (s *Server) switchEnvironmentNaming(name func(*app.Session) string) func(http.ResponseWriter, *http.Request, *auth.Principal) error {
	return func(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
		var req SwitchEnvironmentRequest
		if err := decode(w, r, &req); err != nil {
			return err
		}
		sess, err := s.app.SwitchEnvironment(r.Context(), p, req.Environment)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, SwitchEnvironmentResponse{AccessToken: sess.AccessToken, TokenType: "bearer",
			ExpiresIn: int(sess.ExpiresIn.Seconds()), Environment: sess.Env, TenantID: sess.TenantID, Role: name(sess)})
	}
}

func (s *Server) passwordStamp(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	st, err := s.app.NewPasswordStamp(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, PasswordStamp{ConcurrencyStamp: st.Value, ExpiresAt: st.ExpiresAt})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req ChangePasswordRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.ChangePassword(r.Context(), p, app.ChangePasswordInput{CurrentPassword: req.CurrentPassword,
		NewPassword: req.NewPassword, Stamp: req.ConcurrencyStamp})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, PasswordChanged{Message: passwordUpdated, UserID: p.UserID, AccessToken: sess.AccessToken,
		RefreshToken: sess.RefreshToken, TokenType: "bearer", ExpiresIn: int(sess.ExpiresIn.Seconds())})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	v, err := s.app.Me(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, profileOf(v))
}

func (s *Server) updateMe(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req UpdateProfileRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.app.UpdateMe(r.Context(), p, app.ProfileUpdate{FirstName: req.FirstName, LastName: req.LastName, Phone: req.Phone,
		PrimaryAddress: req.PrimaryAddress.patch(), CommunicationAddress: req.CommunicationAddress.patch()})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, profileOf(v))
}

func (s *Server) myTenants(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	list, err := s.app.MyTenants(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, myTenantsOf(list))
}
