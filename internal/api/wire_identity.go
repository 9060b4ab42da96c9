package api

import (
	"github.com/tenantry/tenantry/internal/membership"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/tenant"
)

// AccountRequest registers a global account (trueport seed).
type AccountRequest struct {
	Email     string `json:"email"`
	Password  string `json:"password" text:"verbatim"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// Account is a registered account; the password is never echoed.
type Account struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	CreatedAt time.Time `json:"created_at"`
}

// Message is a confirmation in words.
type Message struct {
	Message string `json:"message"`
}

// OTPRequest asks for a one-time sign-in code by email.
type OTPRequest struct {
	Email    string `json:"email"`
	TenantID string `json:"tenant_id,omitempty"`
}

// OTPVerifyRequest signs in with a one-time code; naming a tenant gets a
// tenant-scoped token at once, as with a password login.
type OTPVerifyRequest struct {
	Email      string `json:"email"`
	Code       string `json:"code"`
	TenantID   string `json:"tenant_id,omitempty"`
	LoginToken string `json:"login_token,omitempty" text:"verbatim"` // when the tenant requires one
}

// ForgotPasswordRequest asks for a password reset link by email.
type ForgotPasswordRequest struct {
	Email string `json:"email"`
}

// ResetPasswordRequest sets a new password with the token of a reset link.
type ResetPasswordRequest struct {
	Token       string `json:"token"`
	NewPassword string `json:"new_password" text:"verbatim"`
}

// SwitchEnvironmentRequest names the environment to act in: prod, staging or dev.
type SwitchEnvironmentRequest struct {
	Environment string `json:"environment"`
}

// SwitchEnvironmentResponse carries a scoped token for the new environment (trueport seed).
type SwitchEnvironmentResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Environment string `json:"environment"`
	TenantID    string `json:"tenant_id"`
	Role        string `json:"role"`
}

// PasswordStamp is a concurrency stamp to send with one password change (storegister seed).
type PasswordStamp struct {
	ConcurrencyStamp string    `json:"concurrency_stamp"`
	ExpiresAt        time.Time `json:"expires_at"`
}

// ChangePasswordRequest changes the caller's password, guarded by a stamp.
type ChangePasswordRequest struct {
	CurrentPassword  string `json:"current_password" text:"verbatim"`
	NewPassword      string `json:"new_password" text:"verbatim"`
	ConcurrencyStamp string `json:"concurrency_stamp"`
}

// PasswordChanged confirms a password change. Every earlier session of the
// user has ended, the caller's included: the new tokens continue it.
type PasswordChanged struct {
	Message      string `json:"message"`
	UserID       string `json:"user_id"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
}

// Address is a postal address of a profile.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// AddressPatch changes the fields of an address that it names.
type AddressPatch struct {
	Line1      *string `json:"line1,omitempty"`
	Line2      *string `json:"line2,omitempty"`
	City       *string `json:"city,omitempty"`
	State      *string `json:"state,omitempty"`
	PostalCode *string `json:"postal_code,omitempty"`
	Country    *string `json:"country,omitempty"`
}

// Profile is the signed-in user's profile (storegister seed). picture_url
// is null until a picture is uploaded.
type Profile struct {
	ID                   string    `json:"id"`
	Email                string    `json:"email"`
	FirstName            string    `json:"first_name"`
	LastName             string    `json:"last_name"`
	Phone                string    `json:"phone"`
	IsPlatformAdmin      bool      `json:"is_platform_admin"`
	PrimaryAddress       Address   `json:"primary_address"`
	CommunicationAddress Address   `json:"communication_address"`
	PictureURL           *string   `json:"picture_url"`
	CreatedAt            time.Time `json:"created_at"`
	UpdatedAt            time.Time `json:"updated_at"`
}

// UpdateProfileRequest changes the parts of the profile it names; an
// address changes field by field.
type UpdateProfileRequest struct {
	FirstName            *string       `json:"first_name,omitempty"`
	LastName             *string       `json:"last_name,omitempty"`
	Phone                *string       `json:"phone,omitempty"`
	PrimaryAddress       *AddressPatch `json:"primary_address,omitempty"`
	CommunicationAddress *AddressPatch `json:"communication_address,omitempty"`
}

// FilePart is a file sent as one part of a multipart/form-data body; the
// OpenAPI document describes it as binary.
type FilePart []byte

// PictureUpload is the multipart/form-data body of a picture upload: one
// part named picture holding a PNG, JPEG or WebP image of at most 2 MiB.
type PictureUpload struct {
	Picture FilePart `json:"picture"`
}

// MyTenant is one tenant the caller belongs to (trueport seed).
type MyTenant struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Slug   string `json:"slug"`
	Role   string `json:"role"`
	Status string `json:"status"`
	// Actions are the permission table's actions the role allows in this
	// tenant (docs/roles.md), sorted: what a client such as the console
	// may offer this member. The API checks each call anyway.
	Actions []string `json:"actions,omitempty"`
}

func accountOf(u *identity.User) Account {
	return Account{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, CreatedAt: u.CreatedAt}
}

func addressOf(a identity.Address) Address {
	return Address{Line1: a.Line1, Line2: a.Line2, City: a.City, State: a.State, PostalCode: a.PostalCode, Country: a.Country}
}

func (p *AddressPatch) patch() *app.AddressPatch {
	if p == nil {
		return nil
	}
	return &app.AddressPatch{Line1: p.Line1, Line2: p.Line2, City: p.City, State: p.State, PostalCode: p.PostalCode, Country: p.Country}
}

func profileOf(v *app.ProfileView) Profile {
	u := v.Profile.User
	out := Profile{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Phone: u.Phone,
		IsPlatformAdmin: u.IsPlatformAdmin, PrimaryAddress: addressOf(v.Profile.PrimaryAddress),
		CommunicationAddress: addressOf(v.Profile.CommunicationAddress), CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if v.PictureURL != "" {
		out.PictureURL = &v.PictureURL
	}
	return out
}

func myTenantsOf(list []tenant.Listing) []MyTenant {
	out := make([]MyTenant, 0, len(list))
	for _, l := range list {
		var actions []string
		for _, a := range membership.ActionsOf(l.Role) {
			actions = append(actions, string(a))
		}
		out = append(out, MyTenant{ID: l.Tenant.ID, Name: l.Tenant.Name, Slug: l.Tenant.Slug, Role: string(l.Role),
			Status: string(l.Tenant.Status), Actions: actions})
	}
	return out
}
