package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
)

// AdminTenant is a tenant as the platform admins' list shows it.
type AdminTenant struct {
	ID               string    `json:"id"`
	Name             string    `json:"name"`
	Slug             string    `json:"slug"`
	Status           string    `json:"status"`
	SubscriptionPlan string    `json:"subscription_plan"`
	MemberCount      int       `json:"member_count"`
	CreatedAt        time.Time `json:"created_at"`
}

// AdminTenantList is a page of the platform admins' tenant list. Next, when
// set, is the after cursor of the following page.
type AdminTenantList struct {
	Items []AdminTenant `json:"items"`
	Total int           `json:"total"`
	Next  string        `json:"next,omitempty"`
}

// StatusChangeEntry is one change of a tenant's status. Actor is null when
// the platform made it (billing); ImpersonatedBy names the platform admin
// behind an impersonation token.
type StatusChangeEntry struct {
	From           string      `json:"from"`
	To             string      `json:"to"`
	Reason         string      `json:"reason"`
	Action         string      `json:"action"`
	Actor          *AdminActor `json:"actor"`
	ImpersonatedBy string      `json:"impersonated_by,omitempty"`
	At             time.Time   `json:"at"`
}

// AdminActor is who made a change.
type AdminActor struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// StatusHistory is a tenant's status changes, oldest first.
type StatusHistory struct {
	TenantID string              `json:"tenant_id"`
	Items    []StatusChangeEntry `json:"items"`
}

// AdminUser is a user as the platform admins' list shows it. Status is
// active, inactive (deactivated with its last tenant) or locked.
type AdminUser struct {
	ID              string     `json:"id"`
	Email           string     `json:"email"`
	FirstName       string     `json:"first_name"`
	LastName        string     `json:"last_name"`
	Status          string     `json:"status"`
	IsPlatformAdmin bool       `json:"is_platform_admin"`
	TenantCount     int        `json:"tenant_count"`
	LastLoginAt     *time.Time `json:"last_login_at"`
	CreatedAt       time.Time  `json:"created_at"`
}

// AdminUserList is a page of the platform admins' user list.
type AdminUserList struct {
	Items []AdminUser `json:"items"`
	Total int         `json:"total"`
}

// AdminUserRequest changes a user's platform administration or lock
// (partial: an omitted field is unchanged).
type AdminUserRequest struct {
	IsPlatformAdmin *bool   `json:"is_platform_admin,omitempty"`
	Status          *string `json:"status,omitempty"`
}

func adminUserOf(u *app.AdminUser) AdminUser {
	return AdminUser{ID: u.ID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, Status: app.UserStatus(u),
		IsPlatformAdmin: u.PlatformAdmin, TenantCount: u.TenantCount, LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt}
}

// ImpersonateRequest names the user to act as, the tenant, and why.
type ImpersonateRequest struct {
	UserID   string `json:"user_id"`
	TenantID string `json:"tenant_id"`
	Reason   string `json:"reason"`
}

// ImpersonateResponse is the impersonation token: a tenant-scoped access
// token whose act claim names the platform admin; there is no refresh token.
type ImpersonateResponse struct {
	AccessToken    string `json:"access_token"`
	TokenType      string `json:"token_type"`
	ExpiresIn      int    `json:"expires_in"`
	UserID         string `json:"user_id"`
	TenantID       string `json:"tenant_id"`
	Role           string `json:"role"`
	ImpersonatorID string `json:"impersonator_id"`
}
