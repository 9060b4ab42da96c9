package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/membership"
)

// TenantUser is a user of a tenant (reserva seed): the global account with
// its membership of the tenant. status is the membership's (active or
// inactive), is_active the account's.
type TenantUser struct {
	ID        string    `json:"id"`
	TenantID  string    `json:"tenant_id"`
	Email     string    `json:"email"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Phone     string    `json:"phone"`
	Role      string    `json:"role"`
	OutletIDs []string  `json:"outlet_ids"`
	Status    string    `json:"status"`
	IsActive  bool      `json:"is_active"`
	CreatedAt time.Time `json:"created_at"`
	JoinedAt  time.Time `json:"joined_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func tenantUserOf(m *membership.Member) TenantUser {
	return TenantUser{ID: m.UserID, TenantID: m.TenantID, Email: m.User.Email, FirstName: m.User.FirstName,
		LastName: m.User.LastName, Phone: m.User.Phone, Role: string(m.Role), OutletIDs: nonNilIDs(m.OutletIDs),
		Status: string(m.Status), IsActive: m.User.IsActive, CreatedAt: m.User.CreatedAt, JoinedAt: m.CreatedAt,
		UpdatedAt: m.UpdatedAt}
}

// CreateUserRequest adds a user to the tenant of the token (reserva seed).
// Without a password a new account is emailed a link to choose one; an
// email that already has an account gets a membership of that account.
type CreateUserRequest struct {
	Email     string   `json:"email"`
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Password  string   `json:"password,omitempty" text:"verbatim"`
	Phone     string   `json:"phone,omitempty"`
	Role      string   `json:"role"`
	OutletIDs []string `json:"outlet_ids,omitempty"`
}

// UpdateUserRequest changes the fields it names; status active or
// inactive is the membership's.
type UpdateUserRequest struct {
	FirstName *string   `json:"first_name,omitempty"`
	LastName  *string   `json:"last_name,omitempty"`
	Phone     *string   `json:"phone,omitempty"`
	Role      *string   `json:"role,omitempty"`
	OutletIDs *[]string `json:"outlet_ids,omitempty"`
	Status    *string   `json:"status,omitempty"`
}

// Member is a member of a tenant (trueport seed).
type Member struct {
	ID        string    `json:"id"`
	UserID    string    `json:"user_id"`
	Email     string    `json:"email"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Role      string    `json:"role"`
	OutletIDs []string  `json:"outlet_ids"`
	Status    string    `json:"status"`
	JoinedAt  time.Time `json:"joined_at"`
}

func memberOf(m *membership.Member) Member {
	return Member{ID: m.ID, UserID: m.UserID, Email: m.User.Email, FirstName: m.User.FirstName, LastName: m.User.LastName,
		Role: string(m.Role), OutletIDs: nonNilIDs(m.OutletIDs), Status: string(m.Status), JoinedAt: m.CreatedAt}
}

// UpdateMemberRequest changes a member's role and outlets; an absent field
// stays as it is.
type UpdateMemberRequest struct {
	Role      *string   `json:"role,omitempty"`
	OutletIDs *[]string `json:"outlet_ids,omitempty"`
}

// InviteRequest invites someone by email to the tenant of the token.
type InviteRequest struct {
	Email     string   `json:"email"`
	Role      string   `json:"role"`
	OutletIDs []string `json:"outlet_ids,omitempty"`
}

// Invite is an invitation; status is pending, accepted, revoked or expired.
type Invite struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	OutletIDs  []string   `json:"outlet_ids"`
	Status     string     `json:"status"`
	InvitedBy  string     `json:"invited_by"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

func inviteOf(i *app.InviteView) Invite {
	return Invite{ID: i.ID, Email: i.Email, Role: string(i.Role), OutletIDs: nonNilIDs(i.OutletIDs),
		Status: string(i.Status), InvitedBy: i.InvitedBy, ExpiresAt: i.ExpiresAt, AcceptedAt: i.AcceptedAt,
		RevokedAt: i.RevokedAt, CreatedAt: i.CreatedAt}
}

// AcceptInviteRequest accepts an invitation with the token of its link; the
// password and names are needed only when no account has the invited email.
type AcceptInviteRequest struct {
	Token     string `json:"token"`
	Password  string `json:"password,omitempty" text:"verbatim"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

// AcceptInviteResponse confirms an accepted invitation. session is the
// login answer of a new account (tenant-scoped tokens, or an MFA
// challenge); it is null for an existing account, which signs in as usual
// (POST /api/v1/auth/login with this tenant_id).
type AcceptInviteResponse struct {
	Status         string         `json:"status"`
	TenantID       string         `json:"tenant_id"`
	UserID         string         `json:"user_id"`
	Email          string         `json:"email"`
	Role           string         `json:"role"`
	AccountCreated bool           `json:"account_created"`
	Session        *LoginResponse `json:"session"`
}

// AssociateRequest associates an existing user with a tenant (supertokens
// seed); role defaults to viewer.
type AssociateRequest struct {
	UserID string `json:"user_id"`
	Role   string `json:"role,omitempty"`
}

// AssociateResponse answers an association (supertokens seed).
type AssociateResponse struct {
	Status               string `json:"status"`
	WasAlreadyAssociated bool   `json:"was_already_associated"`
}

// DisassociateRequest removes a user from a tenant (supertokens seed).
type DisassociateRequest struct {
	UserID string `json:"user_id"`
}

// DisassociateResponse answers a disassociation (supertokens seed).
type DisassociateResponse struct {
	Status        string `json:"status"`
	WasAssociated bool   `json:"was_associated"`
}

func nonNilIDs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
