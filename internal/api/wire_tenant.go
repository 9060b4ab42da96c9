package api

import (
	"encoding/json"
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/tenant"
)

// Settings are a tenant's preferences on the wire. In requests every field
// is optional; in responses every field is filled, defaults included.
type Settings struct {
	Timezone                 string   `json:"timezone,omitempty"`
	Currency                 string   `json:"currency,omitempty"`
	Language                 string   `json:"language,omitempty"`
	BusinessType             string   `json:"business_type,omitempty"`
	StaffPositionTemplates   []string `json:"staff_position_templates,omitempty"`
	ServiceCategoryTemplates []string `json:"service_category_templates,omitempty"`
	BookingAdvanceDays       *int     `json:"booking_advance_days,omitempty"`
	CancellationHours        *int     `json:"cancellation_hours,omitempty"`
	WalletEnabled            *bool    `json:"wallet_enabled,omitempty"`
	LoyaltyPointsEnabled     *bool    `json:"loyalty_points_enabled,omitempty"`
	// The pers seed's project settings (docs/compat-pers.md).
	FirebaseTenantID           string `json:"firebase_tenant_id,omitempty"`
	AllowJWTForUnauthenticated *bool  `json:"allow_jwt_for_unauthenticated,omitempty"`
	WalletManagement           string `json:"wallet_management,omitempty"` // custodial (default) or non-custodial
}

func (s *Settings) domain() tenant.Settings {
	if s == nil {
		return tenant.Settings{}
	}
	return tenant.Settings(*s)
}

// Subscription is a tenant's plan on the wire.
type Subscription struct {
	Plan               string     `json:"plan"`
	Status             string     `json:"status"`
	TrialEndsAt        *time.Time `json:"trial_ends_at"`
	CurrentPeriodStart *time.Time `json:"current_period_start,omitempty"`
	CurrentPeriodEnd   *time.Time `json:"current_period_end,omitempty"`
}

// Tenant is the full tenant document (reserva seed shape).
type Tenant struct {
	ID                  string       `json:"id"`
	Name                string       `json:"name"`
	Slug                string       `json:"slug"`
	Email               string       `json:"email"`
	Phone               string       `json:"phone"`
	Description         string       `json:"description"`
	Website             string       `json:"website"`
	BillingEmail        string       `json:"billing_email"`
	LogoURL             string       `json:"logo_url"`
	IsActive            bool         `json:"is_active"`
	Status              string       `json:"status"`
	StatusReason        string       `json:"status_reason,omitempty"`
	Subscription        Subscription `json:"subscription"`
	Settings            Settings     `json:"settings"`
	ClientPartnerID     *string      `json:"client_partner_id"`
	ClientPartnerNumber *string      `json:"client_partner_number"`
	SubscriptionID      string       `json:"subscription_id"`
	CreatedAt           time.Time    `json:"created_at"`
	UpdatedAt           time.Time    `json:"updated_at"`

	// The Paper.id partner account's state: platform admins only.
	PartnerStatus    string     `json:"partner_status,omitempty"`
	PartnerError     string     `json:"partner_error,omitempty"`
	PartnerUpdatedAt *time.Time `json:"partner_updated_at,omitempty"`
}

func tenantOf(v *app.TenantView) Tenant {
	t, s := v.Tenant, v.Subscription
	out := Tenant{
		ID: t.ID, Name: t.Name, Slug: t.Slug, Email: t.Email, Phone: t.Phone, Description: t.Description,
		Website: t.Website, BillingEmail: t.BillingEmail, LogoURL: t.LogoURL, IsActive: t.IsActive(),
		Status: string(t.Status), StatusReason: t.StatusReason, Settings: Settings(t.Settings.WithDefaults()),
		ClientPartnerID: t.ClientPartnerID, ClientPartnerNumber: t.ClientPartnerNumber, SubscriptionID: s.ID,
		CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
		Subscription: Subscription{Plan: s.Plan, Status: string(s.Status), TrialEndsAt: s.TrialEndsAt},
	}
	if s.ID != "" {
		out.Subscription.CurrentPeriodStart, out.Subscription.CurrentPeriodEnd = &s.CurrentPeriodStart, &s.CurrentPeriodEnd
	}
	if p := v.Partner; p != nil {
		out.PartnerStatus, out.PartnerError, out.PartnerUpdatedAt = string(p.Status), p.LastError, p.UpdatedAt
	}
	return out
}

// TenantSummary is one row of a tenant listing.
type TenantSummary struct {
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	Slug         string       `json:"slug"`
	Email        string       `json:"email"`
	IsActive     bool         `json:"is_active"`
	Status       string       `json:"status"`
	Role         string       `json:"role,omitempty"`
	Subscription Subscription `json:"subscription"`
	CreatedAt    time.Time    `json:"created_at"`

	// The Paper.id partner account's state: platform admins only.
	PartnerStatus    string     `json:"partner_status,omitempty"`
	PartnerError     string     `json:"partner_error,omitempty"`
	PartnerUpdatedAt *time.Time `json:"partner_updated_at,omitempty"`
}

func summaryOf(l tenant.Listing) TenantSummary {
	out := TenantSummary{ID: l.Tenant.ID, Name: l.Tenant.Name, Slug: l.Tenant.Slug, Email: l.Tenant.Email,
		IsActive: l.Tenant.IsActive(), Status: string(l.Tenant.Status), Role: string(l.Role),
		Subscription: Subscription{Plan: l.Subscription.Plan, Status: string(l.Subscription.Status), TrialEndsAt: l.Subscription.TrialEndsAt},
		CreatedAt:    l.Tenant.CreatedAt}
	if p := l.Partner; p != nil {
		out.PartnerStatus, out.PartnerError, out.PartnerUpdatedAt = string(p.Status), p.LastError, p.UpdatedAt
	}
	return out
}

// CreateTenantRequest creates a tenant: a platform admin may name its admin
// user (reserva seed); anyone else creates an organization they own (trueport seed).
type CreateTenantRequest struct {
	Name           string    `json:"name"`
	Slug           string    `json:"slug,omitempty"`
	Email          string    `json:"email,omitempty"`
	Phone          string    `json:"phone,omitempty"`
	Description    string    `json:"description,omitempty"`
	Website        string    `json:"website,omitempty"`
	BillingEmail   string    `json:"billing_email,omitempty"`
	AdminEmail     string    `json:"admin_email,omitempty"`
	AdminPassword  string    `json:"admin_password,omitempty" text:"verbatim"`
	AdminFirstName string    `json:"admin_first_name,omitempty"`
	AdminLastName  string    `json:"admin_last_name,omitempty"`
	Settings       *Settings `json:"settings,omitempty"`
}

// UpdateTenantRequest is a partial tenant update. Slug and subscription
// fields are accepted only to be refused with a clear code.
type UpdateTenantRequest struct {
	Name               *string         `json:"name,omitempty"`
	Email              *string         `json:"email,omitempty"`
	Phone              *string         `json:"phone,omitempty"`
	Description        *string         `json:"description,omitempty"`
	Website            *string         `json:"website,omitempty"`
	BillingEmail       *string         `json:"billing_email,omitempty"`
	LogoURL            *string         `json:"logo_url,omitempty"`
	Settings           *Settings       `json:"settings,omitempty"`
	Slug               *string         `json:"slug,omitempty"`
	Subscription       json.RawMessage `json:"subscription,omitempty"`
	SubscriptionID     *string         `json:"subscription_id,omitempty"`
	Plan               *string         `json:"plan,omitempty"`
	SubscriptionStatus *string         `json:"subscription_status,omitempty"`
}

func (u *UpdateTenantRequest) input() app.UpdateTenantInput {
	in := app.UpdateTenantInput{Name: u.Name, Email: u.Email, Phone: u.Phone, Description: u.Description,
		Website: u.Website, BillingEmail: u.BillingEmail, LogoURL: u.LogoURL, SlugGiven: u.Slug != nil}
	if u.Settings != nil {
		s := u.Settings.domain()
		in.Settings = &s
	}
	for name, given := range map[string]bool{"subscription": len(u.Subscription) > 0, "subscription_id": u.SubscriptionID != nil,
		"plan": u.Plan != nil, "subscription_status": u.SubscriptionStatus != nil} {
		if given {
			in.SubscriptionGiven = append(in.SubscriptionGiven, name)
		}
	}
	return in
}

// StatusRequest changes a tenant's status.
type StatusRequest struct {
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// Availability answers a slug availability check.
type Availability struct {
	Slug      string `json:"slug"`
	Available bool   `json:"available"`
}

// StaffPositionTemplates lists a tenant's staff position templates.
type StaffPositionTemplates struct {
	TenantID               string   `json:"tenant_id"`
	StaffPositionTemplates []string `json:"staff_position_templates"`
}

// ServiceCategoryTemplates lists a tenant's service category templates.
type ServiceCategoryTemplates struct {
	TenantID                 string   `json:"tenant_id"`
	ServiceCategoryTemplates []string `json:"service_category_templates"`
}
