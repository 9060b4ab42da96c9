package exchange

import (
	"encoding/json"
	"time"
)

// The record types, in the order an export writes them: each refers only
// to records before it, so an import writes them in file order.
const (
	TypeTenant        = "tenant"
	TypeSetting       = "setting"
	TypeSubscription  = "subscription"
	TypePayment       = "payment"
	TypeOutlet        = "outlet"
	TypeUser          = "user"
	TypeMembership    = "membership"
	TypeInvite        = "invite"
	TypeAPIKey        = "api_key"
	TypeAuthConfig    = "auth_config"
	TypeService       = "service"
	TypeServiceOutlet = "service_outlet"
	TypeStaff         = "staff"
	TypeStaffOutlet   = "staff_outlet"
	TypeStaffService  = "staff_service"
	TypeCustomer      = "customer"
	TypeAppointment   = "appointment"
	TypeAuditEvent    = "audit_event"
)

// Types are the record types in file order.
func Types() []string {
	return []string{TypeTenant, TypeSetting, TypeSubscription, TypePayment, TypeOutlet, TypeUser, TypeMembership,
		TypeInvite, TypeAPIKey, TypeAuthConfig, TypeService, TypeServiceOutlet, TypeStaff, TypeStaffOutlet,
		TypeStaffService, TypeCustomer, TypeAppointment, TypeAuditEvent}
}

// Tenant is the tenant's profile and its settings document.
type Tenant struct {
	ID           string          `json:"id"`
	Slug         string          `json:"slug"`
	Name         string          `json:"name"`
	Email        string          `json:"email"`
	Phone        string          `json:"phone"`
	Description  string          `json:"description"`
	Website      string          `json:"website"`
	BillingEmail string          `json:"billing_email"`
	LogoURL      string          `json:"logo_url"`
	Status       string          `json:"status"`
	StatusReason string          `json:"status_reason"`
	Settings     json.RawMessage `json:"settings"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

// Setting is one configuration value the tenant set (tenant_settings).
type Setting struct {
	Environment string          `json:"environment"`
	Key         string          `json:"key"`
	Value       json.RawMessage `json:"value"`
	Locked      bool            `json:"is_locked"`
	UpdatedBy   string          `json:"updated_by"`
	UpdatedAt   time.Time       `json:"updated_at"`
}

// Subscription is one of the tenant's subscriptions, current or past.
type Subscription struct {
	ID                     string          `json:"id"`
	Plan                   string          `json:"plan"`
	Status                 string          `json:"status"`
	TrialEndsAt            *time.Time      `json:"trial_ends_at"`
	CurrentPeriodStart     time.Time       `json:"current_period_start"`
	CurrentPeriodEnd       time.Time       `json:"current_period_end"`
	ScheduledPlan          string          `json:"scheduled_plan"`
	ScheduledAt            *time.Time      `json:"scheduled_at"`
	PastDueSince           *time.Time      `json:"past_due_since"`
	Provider               string          `json:"provider"`
	ProviderCustomerID     string          `json:"provider_customer_id"`
	ProviderSubscriptionID string          `json:"provider_subscription_id"`
	Trialed                json.RawMessage `json:"trialed"`
	CreatedAt              time.Time       `json:"created_at"`
	UpdatedAt              time.Time       `json:"updated_at"`
}

// Payment is an invoice or payment of a subscription.
type Payment struct {
	ID             string    `json:"id"`
	SubscriptionID string    `json:"subscription_id"`
	PlanID         string    `json:"plan_id"`
	Amount         int64     `json:"amount"`
	Currency       string    `json:"currency"`
	Status         string    `json:"status"`
	PeriodStart    time.Time `json:"period_start"`
	PeriodEnd      time.Time `json:"period_end"`
	Provider       string    `json:"provider"`
	ProviderRef    string    `json:"provider_ref"`
	FailureReason  string    `json:"failure_reason"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Outlet is one of the tenant's outlets, deleted ones included (with DeletedAt).
type Outlet struct {
	ID            string          `json:"id"`
	Name          string          `json:"name"`
	AddressLine1  string          `json:"address_line1"`
	AddressLine2  string          `json:"address_line2"`
	City          string          `json:"city"`
	State         string          `json:"state"`
	PostalCode    string          `json:"postal_code"`
	Country       string          `json:"country"`
	Phone         string          `json:"phone"`
	Email         string          `json:"email"`
	Timezone      string          `json:"timezone"`
	BusinessHours json.RawMessage `json:"business_hours"`
	Active        bool            `json:"is_active"`
	DeletedAt     *time.Time      `json:"deleted_at"`
	CreatedAt     time.Time       `json:"created_at"`
	UpdatedAt     time.Time       `json:"updated_at"`
}

// User is the profile of a member of the tenant: never a password hash,
// never platform admin rights.
type User struct {
	ID                   string          `json:"id"`
	Email                string          `json:"email"`
	FirstName            string          `json:"first_name"`
	LastName             string          `json:"last_name"`
	Phone                string          `json:"phone"`
	Active               bool            `json:"is_active"`
	PrimaryAddress       json.RawMessage `json:"primary_address"`
	CommunicationAddress json.RawMessage `json:"communication_address"`
	CreatedAt            time.Time       `json:"created_at"`
	UpdatedAt            time.Time       `json:"updated_at"`
}

// Membership is a user's role in the tenant.
type Membership struct {
	UserID    string          `json:"user_id"`
	ID        string          `json:"id"`
	Role      string          `json:"role"`
	OutletIDs json.RawMessage `json:"outlet_ids"`
	Status    string          `json:"status"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// Invite is an invitation to the tenant, without its token.
type Invite struct {
	ID         string          `json:"id"`
	Email      string          `json:"email"`
	Role       string          `json:"role"`
	OutletIDs  json.RawMessage `json:"outlet_ids"`
	InvitedBy  string          `json:"invited_by"`
	ExpiresAt  time.Time       `json:"expires_at"`
	AcceptedAt *time.Time      `json:"accepted_at"`
	AcceptedBy string          `json:"accepted_by"`
	RevokedAt  *time.Time      `json:"revoked_at"`
	CreatedAt  time.Time       `json:"created_at"`
}

// APIKey is an API key's metadata, without its secret or hash.
type APIKey struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Environment string          `json:"environment"`
	Scopes      json.RawMessage `json:"scopes"`
	Prefix      string          `json:"prefix"`
	CreatedBy   string          `json:"created_by"`
	CreatedAt   time.Time       `json:"created_at"`
	RotatedAt   *time.Time      `json:"rotated_at"`
	LastUsedAt  *time.Time      `json:"last_used_at"`
	RevokedAt   *time.Time      `json:"revoked_at"`
}

// AuthConfig is the tenant's own third-party sign-in providers, without
// their client secrets (the rest of its authentication configuration is
// settings).
type AuthConfig struct {
	Providers []Provider `json:"providers"` // nil when the tenant set none
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Provider is a third-party sign-in provider without its client secret.
type Provider struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	ClientID string `json:"client_id"`
}

// Service is a service the tenant offers, deleted ones included.
type Service struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Category        string     `json:"category"`
	DurationMinutes int        `json:"duration_minutes"`
	Price           int64      `json:"price"`
	Currency        string     `json:"currency"`
	TenantWide      bool       `json:"tenant_wide"`
	Active          bool       `json:"is_active"`
	DeletedAt       *time.Time `json:"deleted_at"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// ServiceOutlet is an outlet a service is limited to.
type ServiceOutlet struct {
	ServiceID string `json:"service_id"`
	OutletID  string `json:"outlet_id"`
}

// Staff is a staff member's profile, deleted ones included.
type Staff struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	Email        string          `json:"email"`
	Phone        string          `json:"phone"`
	UserID       string          `json:"user_id"`
	Position     string          `json:"position"`
	Skills       json.RawMessage `json:"skills"`
	CommissionBP int             `json:"commission_bp"`
	Active       bool            `json:"is_active"`
	DeletedAt    *time.Time      `json:"deleted_at"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
}

// StaffOutlet is an outlet a staff member works at, with the weekly
// availability there.
type StaffOutlet struct {
	StaffID      string          `json:"staff_id"`
	OutletID     string          `json:"outlet_id"`
	Availability json.RawMessage `json:"availability"`
}

// StaffService is a service a staff member provides.
type StaffService struct {
	StaffID   string `json:"staff_id"`
	ServiceID string `json:"service_id"`
}

// Customer is a customer of the tenant, deleted ones included.
type Customer struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	Email              string     `json:"email"`
	Phone              string     `json:"phone"`
	Notes              string     `json:"notes"`
	MarketingConsent   bool       `json:"marketing_consent"`
	MarketingConsentAt *time.Time `json:"marketing_consent_at"`
	Status             string     `json:"status"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
	DeletedAt          *time.Time `json:"deleted_at"`
}

// Appointment is a customer's appointment.
type Appointment struct {
	ID              string    `json:"id"`
	OutletID        string    `json:"outlet_id"`
	CustomerID      string    `json:"customer_id"`
	ServiceID       string    `json:"service_id"`
	StaffID         string    `json:"staff_id"`
	StartAt         time.Time `json:"start_at"`
	EndAt           time.Time `json:"end_at"`
	StartMonth      string    `json:"start_month"`
	Status          string    `json:"status"`
	Notes           string    `json:"notes"`
	Price           int64     `json:"price"`
	Currency        string    `json:"currency"`
	CancelReason    string    `json:"cancel_reason"`
	CreatedBy       string    `json:"created_by"`
	StatusChangedAt time.Time `json:"status_changed_at"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// AuditEvent is an event of the tenant's audit log.
type AuditEvent struct {
	ID             string          `json:"id"`
	ActorID        string          `json:"actor_id"`
	ActorEmail     string          `json:"actor_email"`
	ImpersonatorID string          `json:"impersonator_id"`
	Action         string          `json:"action"`
	ResourceType   string          `json:"resource_type"`
	ResourceID     string          `json:"resource_id"`
	Outcome        string          `json:"outcome"`
	IP             string          `json:"ip"`
	UserAgent      string          `json:"user_agent"`
	RequestID      string          `json:"request_id"`
	Details        json.RawMessage `json:"details"`
	CreatedAt      time.Time       `json:"created_at"`
}

// New returns a fresh record of type typ, or nil for an unknown type.
func New(typ string) any {
	switch typ {
	case TypeTenant:
		return &Tenant{}
	case TypeSetting:
		return &Setting{}
	case TypeSubscription:
		return &Subscription{}
	case TypePayment:
		return &Payment{}
	case TypeOutlet:
		return &Outlet{}
	case TypeUser:
		return &User{}
	case TypeMembership:
		return &Membership{}
	case TypeInvite:
		return &Invite{}
	case TypeAPIKey:
		return &APIKey{}
	case TypeAuthConfig:
		return &AuthConfig{}
	case TypeService:
		return &Service{}
	case TypeServiceOutlet:
		return &ServiceOutlet{}
	case TypeStaff:
		return &Staff{}
	case TypeStaffOutlet:
		return &StaffOutlet{}
	case TypeStaffService:
		return &StaffService{}
	case TypeCustomer:
		return &Customer{}
	case TypeAppointment:
		return &Appointment{}
	case TypeAuditEvent:
		return &AuditEvent{}
	}
	return nil
}
