package api

import (
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

// MFACodeRequest carries a TOTP code (or, where accepted, a recovery code).
type MFACodeRequest struct {
	Code string `json:"code"`
}

// MFAVerifyRequest answers a login's MFA challenge.
type MFAVerifyRequest struct {
	MFAToken string `json:"mfa_token"`
	Code     string `json:"code"`
}

// MFAEnrollRequest starts the TOTP enrolment a login requires.
type MFAEnrollRequest struct {
	MFAToken string `json:"mfa_token"`
}

// TOTPEnrollmentResponse is shown once: the base32 secret, the otpauth://
// URI authenticator apps scan (issuer Tenantry, account the email), that
// URI's QR code drawn by the server (an SVG image as a data: URL, so a page
// shows it without a script or a request elsewhere), and ten single-use
// recovery codes.
type TOTPEnrollmentResponse struct {
	Secret        string   `json:"secret"`
	OTPAuthURI    string   `json:"otpauth_uri"`
	QRSVG         string   `json:"qr_svg"`
	RecoveryCodes []string `json:"recovery_codes"`
	Digits        int      `json:"digits"`
	Period        int      `json:"period"`
}

// TOTPStatusResponse describes the caller's TOTP second factor.
type TOTPStatusResponse struct {
	Status            string `json:"status"`
	Enabled           bool   `json:"enabled"`
	Pending           bool   `json:"pending"`
	RecoveryCodesLeft int    `json:"recovery_codes_left"`
}

// RecoveryCodesResponse carries new recovery codes, shown once; the old
// ones no longer work.
type RecoveryCodesResponse struct {
	RecoveryCodes     []string `json:"recovery_codes"`
	RecoveryCodesLeft int      `json:"recovery_codes_left"`
}

func enrollmentOf(e *app.TOTPEnrollment) TOTPEnrollmentResponse {
	return TOTPEnrollmentResponse{Secret: e.Secret, OTPAuthURI: e.URI, QRSVG: qrSVG(e.URI), RecoveryCodes: e.RecoveryCodes,
		Digits: auth.TOTPDigits, Period: int(auth.TOTPPeriod.Seconds())}
}

func totpStatusOf(s *app.TOTPStatus) TOTPStatusResponse {
	return TOTPStatusResponse{Status: "OK", Enabled: s.Enabled, Pending: s.Pending, RecoveryCodesLeft: s.RecoveryCodesLeft}
}
