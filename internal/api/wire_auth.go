package api

import (
	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/auth"
)

// RegisterRequest is a public self-service registration (reserva seed).
type RegisterRequest struct {
	BusinessName    string `json:"business_name"`
	BusinessEmail   string `json:"business_email"`
	BusinessPhone   string `json:"business_phone,omitempty"`
	BusinessType    string `json:"business_type,omitempty"`
	Description     string `json:"description,omitempty"`
	Website         string `json:"website,omitempty"`
	AdminFirstName  string `json:"admin_first_name"`
	AdminLastName   string `json:"admin_last_name"`
	AdminEmail      string `json:"admin_email"`
	AdminPassword   string `json:"admin_password" text:"verbatim"`
	PreferredSlug   string `json:"preferred_slug,omitempty"`
	TermsAccepted   bool   `json:"terms_accepted"`
	PrivacyAccepted bool   `json:"privacy_accepted"`
}

// RegisterResponse answers a registration (reserva seed).
type RegisterResponse struct {
	RegistrationID      string   `json:"registration_id"`
	TenantID            string   `json:"tenant_id"`
	Slug                string   `json:"slug"`
	ClientPartnerID     *string  `json:"client_partner_id"`
	ClientPartnerNumber *string  `json:"client_partner_number"`
	Status              string   `json:"status"`
	Message             string   `json:"message"`
	NextSteps           []string `json:"next_steps"`
}

var nextSteps = []string{
	"1. Log in with your admin credentials",
	"2. Complete your business profile and upload a logo",
	"3. Add your first outlet location with address and business hours",
	"4. Configure your services, pricing, and duration",
	"5. Add staff members and assign them to services",
	"6. Start accepting customer bookings!",
}

// LoginRequest is an email and password login.
type LoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password" text:"verbatim"`
	TenantID string `json:"tenant_id,omitempty"`
	// LoginToken is the tenant's login token, when it requires one
	// (auth.login_token_required; POST /api/v1/login-tokens).
	LoginToken string `json:"login_token,omitempty" text:"verbatim"`
}

// LoginTenant is one tenant a user belongs to, listed at login.
type LoginTenant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
	Role string `json:"role"`
}

// LoginResponse carries the tokens of a new session, or, when a second
// factor is needed, only an MFA challenge: mfa_required true, mfa_token (for
// POST /api/v1/auth/mfa/verify, 5 minutes, single use), factors ["totp"],
// expires_in 300, and mfa_enrollment_required true when the tenant requires
// TOTP that the user has not enrolled (the token then allows only
// /api/v1/auth/mfa/enroll and /api/v1/auth/mfa/enroll/verify).
type LoginResponse struct {
	AccessToken           string        `json:"access_token,omitempty"`
	RefreshToken          string        `json:"refresh_token,omitempty"`
	TokenType             string        `json:"token_type,omitempty"`
	ExpiresIn             int           `json:"expires_in"`
	TenantID              string        `json:"tenant_id,omitempty"`
	Role                  string        `json:"role,omitempty"`
	Environment           string        `json:"environment,omitempty"`
	Tenants               []LoginTenant `json:"tenants,omitzero"`
	MFARequired           bool          `json:"mfa_required,omitempty"`
	MFAEnrollmentRequired bool          `json:"mfa_enrollment_required,omitempty"`
	MFAToken              string        `json:"mfa_token,omitempty"`
	Factors               []string      `json:"factors,omitempty"`
}

func loginOf(s *app.Session) LoginResponse {
	if c := s.Challenge; c != nil {
		return LoginResponse{MFARequired: true, MFAEnrollmentRequired: c.EnrollmentRequired, MFAToken: c.Token,
			Factors: c.Factors, ExpiresIn: int(c.ExpiresIn.Seconds())}
	}
	out := LoginResponse{AccessToken: s.AccessToken, RefreshToken: s.RefreshToken, TokenType: "bearer",
		ExpiresIn: int(s.ExpiresIn.Seconds()), TenantID: s.TenantID, Tenants: []LoginTenant{}}
	if s.TenantID != "" {
		out.Role, out.Environment = roleName(s), s.Env
	}
	for _, t := range s.Tenants {
		out.Tenants = append(out.Tenants, LoginTenant{ID: t.Tenant.ID, Name: t.Tenant.Name, Slug: t.Tenant.Slug, Role: string(t.Role)})
	}
	return out
}

// roleName is the role shown for a session; platform admins acting in a
// tenant they are not a member of show as platform_admin.
func roleName(s *app.Session) string {
	if s.Role == "" {
		return "platform_admin"
	}
	return string(s.Role)
}

// SelectTenantRequest asks for a token scoped to one tenant.
type SelectTenantRequest struct {
	TenantID   string `json:"tenant_id"`
	LoginToken string `json:"login_token,omitempty" text:"verbatim"` // when the tenant requires one
}

// SelectTenantResponse carries a tenant-scoped token (trueport seed).
type SelectTenantResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	TenantID    string `json:"tenant_id"`
	Role        string `json:"role"`
	Environment string `json:"environment"`
}

// RefreshRequest presents a refresh token.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// RefreshResponse carries a rotated refresh token and a fresh access token.
type RefreshResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
}

// LogoutRequest optionally names the session to end; without it every
// session of the caller ends.
type LogoutRequest struct {
	RefreshToken string `json:"refresh_token,omitempty"`
}

// JWKS is the JSON Web Key Set of the token signing keys.
type JWKS struct {
	Keys []auth.JWK `json:"keys"`
}

// Health answers the probes.
type Health struct {
	Status   string `json:"status"`
	Database string `json:"database,omitempty"`
	// Redis is "shared" while rate limits and invalidations go through
	// Redis and "local" while Redis fails and this process keeps them;
	// absent without TENANTRY_REDIS_URL.
	Redis string `json:"redis,omitempty"`
}
