package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/auth"
)

func (s *Server) totpStatus(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	st, err := s.app.TOTPState(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, totpStatusOf(st))
}

func (s *Server) enrollTOTP(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	e, err := s.app.EnrollTOTP(r.Context(), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, enrollmentOf(e))
}

func (s *Server) confirmTOTP(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req MFACodeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	st, err := s.app.ConfirmTOTP(r.Context(), p, req.Code)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, totpStatusOf(st))
}

func (s *Server) disableTOTP(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req MFACodeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	if err := s.app.DisableTOTP(r.Context(), p, req.Code); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) verifyMFA(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req MFAVerifyRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.VerifyMFA(r.Context(), req.MFAToken, req.Code)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, loginOf(sess))
}

func (s *Server) enrollMFA(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req MFAEnrollRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	e, err := s.app.EnrollMFA(r.Context(), req.MFAToken)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, enrollmentOf(e))
}

func (s *Server) confirmMFAEnrollment(w http.ResponseWriter, r *http.Request, _ *auth.Principal) error {
	var req MFAVerifyRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	sess, err := s.app.ConfirmMFAEnrollment(r.Context(), req.MFAToken, req.Code)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, loginOf(sess))
}

func (s *Server) regenerateRecoveryCodes(w http.ResponseWriter, r *http.Request, p *auth.Principal) error {
	var req MFACodeRequest
	if err := decode(w, r, &req); err != nil {
		return err
	}
	st, err := s.app.RegenerateRecoveryCodes(r.Context(), p, req.Code)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, RecoveryCodesResponse{RecoveryCodes: st.RecoveryCodes, RecoveryCodesLeft: st.RecoveryCodesLeft})
}
