package api

import "net/http"

// identityRoutes are global accounts, passwordless sign-in, password reset
// and change, environments, and the signed-in user's profile.
func (s *Server) identityRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/auth/register", Tag: "Account", Access: Public, Status: http.StatusCreated,
			Summary: "Register a global account (409 email_taken when the email has one)", Body: AccountRequest{}, Reply: Account{}, handle: s.registerAccount},
		{Method: "POST", Path: "/api/v1/auth/otp/request", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Email a one-time sign-in code (the same answer whether or not the email has an account)", Body: OTPRequest{}, Reply: Message{}, handle: s.requestOTP},
		{Method: "POST", Path: "/api/v1/auth/otp/verify", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Sign in with a one-time code (6 digits, 10 minutes, single use, 5 tries)", Body: OTPVerifyRequest{}, Reply: LoginResponse{}, handle: s.verifyOTP},
		{Method: "POST", Path: "/api/v1/auth/forgot-password", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Email a password reset link (the same answer whether or not the email has an account)", Body: ForgotPasswordRequest{}, Reply: Message{}, handle: s.forgotPassword},
		{Method: "POST", Path: "/api/v1/auth/reset-password", Tag: "Auth", Access: Public, Status: http.StatusOK,
			Summary: "Set a new password with a reset link's token (single use, 1 hour; ends every session)", Body: ResetPasswordRequest{}, Reply: Message{}, handle: s.resetPassword},
		{Method: "POST", Path: "/api/v1/auth/switch-environment", Tag: "Auth", Access: Authenticated, Status: http.StatusOK,
			Summary: "Exchange a tenant-scoped token for one acting in another environment", Body: SwitchEnvironmentRequest{}, Reply: SwitchEnvironmentResponse{}, handle: s.switchEnvironment},

		{Method: "GET", Path: "/api/v1/me", Tag: "Account", Access: Authenticated, Status: http.StatusOK,
			Summary: "Your profile", Reply: Profile{}, handle: s.me},
		{Method: "PUT", Path: "/api/v1/me", Tag: "Account", Access: Authenticated, Status: http.StatusOK,
			Summary: "Update your profile (partial: names, phone, addresses field by field)", Body: UpdateProfileRequest{}, Reply: Profile{}, handle: s.updateMe},
		{Method: "PUT", Path: "/api/v1/me/picture", Tag: "Account", Access: Authenticated, Status: http.StatusOK, Body: PictureUpload{},
			BodyType: "multipart/form-data", Reply: Profile{}, handle: s.putPicture, Summary: "Upload your picture: " +
				"a part named picture, PNG/JPEG/WebP by content, at most 2 MiB and 4096×4096, stored re-encoded as PNG"},
		{Method: "GET", Path: "/api/v1/me/tenants", Tag: "Account", Access: Authenticated, Status: http.StatusOK,
			Summary: "The tenants you belong to, with your role", Reply: []MyTenant{}, handle: s.myTenants},
		{Method: "POST", Path: "/api/v1/me/password/stamp", Tag: "Account", Access: Authenticated, Status: http.StatusOK,
			Summary: "Get a concurrency stamp for one password change (10 minutes, single use)", Reply: PasswordStamp{}, handle: s.passwordStamp},
		{Method: "PUT", Path: "/api/v1/me/password", Tag: "Account", Access: Authenticated, Status: http.StatusOK, Body: ChangePasswordRequest{},
			Summary: "Change your password once per stamp; other sessions end, the answer carries your new tokens", Reply: PasswordChanged{}, handle: s.changePassword},
		{Method: "GET", Path: "/api/v1/users/{user_id}/picture", Tag: "Account", Access: Public, Status: http.StatusOK, ContentType: "image/png",
			Summary: "A user's picture (PNG; ETag and If-None-Match supported)", handle: s.userPicture},
	}
}
