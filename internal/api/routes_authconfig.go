package api

import (
	"net/http"

	"github.com/tenantry/tenantry/internal/membership"
)

// authConfigRoutes are per-tenant authentication configuration and the TOTP
// second factor: the user's own enrolment and the second step of a login.
func (s *Server) authConfigRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/tenants/{tenant_id}/auth-config", Tag: "Auth config", Access: Authenticated,
			Action: membership.AuthConfigRead, Status: http.StatusOK,
			Summary: "A tenant's effective authentication configuration (inherited fields resolved)",
			Reply:   AuthConfigResponse{}, handle: s.getAuthConfig},
		{Method: "PUT", Path: "/api/v1/tenants/{tenant_id}/auth-config", Tag: "Auth config", Access: Authenticated,
			Action: membership.AuthConfigUpdate, Status: http.StatusOK,
			Summary: "Create or update a tenant's authentication configuration (partial; public = platform default)",
			Body:    AuthConfigRequest{}, Reply: AuthConfigResponse{}, handle: s.putAuthConfig},

		{Method: "GET", Path: "/api/v1/me/mfa/totp", Tag: "MFA", Access: Authenticated, Status: http.StatusOK,
			Summary: "Your TOTP second factor: enabled, pending, recovery codes left", Reply: TOTPStatusResponse{}, handle: s.totpStatus},
		{Method: "POST", Path: "/api/v1/me/mfa/totp", Tag: "MFA", Access: Authenticated, Status: http.StatusCreated,
			Summary: "Enrol TOTP: secret, otpauth URI and recovery codes (shown once)", Reply: TOTPEnrollmentResponse{}, handle: s.enrollTOTP},
		{Method: "POST", Path: "/api/v1/me/mfa/totp/verify", Tag: "MFA", Access: Authenticated, Status: http.StatusOK,
			Summary: "Confirm the TOTP enrolment with a current code", Body: MFACodeRequest{}, Reply: TOTPStatusResponse{}, handle: s.confirmTOTP},
		{Method: "DELETE", Path: "/api/v1/me/mfa/totp", Tag: "MFA", Access: Authenticated, Status: http.StatusNoContent,
			Summary: "Disable TOTP with a current code or a recovery code", Body: MFACodeRequest{}, handle: s.disableTOTP},
		{Method: "POST", Path: "/api/v1/me/mfa/totp/recovery-codes", Tag: "MFA", Access: Authenticated, Status: http.StatusOK,
			Summary: "Replace your recovery codes with ten new ones (shown once), given a current TOTP code; the old ones stop working",
			Body:    MFACodeRequest{}, Reply: RecoveryCodesResponse{}, handle: s.regenerateRecoveryCodes},

		{Method: "POST", Path: "/api/v1/auth/mfa/verify", Tag: "MFA", Access: Public, Status: http.StatusOK,
			Summary: "Complete a login with a TOTP or recovery code (answers like login)",
			Body:    MFAVerifyRequest{}, Reply: LoginResponse{}, handle: s.verifyMFA},
		{Method: "POST", Path: "/api/v1/auth/mfa/enroll", Tag: "MFA", Access: Public, Status: http.StatusOK,
			Summary: "Enrol TOTP during a login whose tenant requires it (enrolment mfa_token)",
			Body:    MFAEnrollRequest{}, Reply: TOTPEnrollmentResponse{}, handle: s.enrollMFA},
		{Method: "POST", Path: "/api/v1/auth/mfa/enroll/verify", Tag: "MFA", Access: Public, Status: http.StatusOK,
			Summary: "Confirm that enrolment with a first code and complete the login",
			Body:    MFAVerifyRequest{}, Reply: LoginResponse{}, handle: s.confirmMFAEnrollment},
	}
}
