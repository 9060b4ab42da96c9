package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/customer"
)

// Customer is a person who books a tenant's services.
type Customer struct {
	ID                 string     `json:"id"`
	TenantID           string     `json:"tenant_id"`
	Name               string     `json:"name"`
	Email              string     `json:"email"`
	Phone              string     `json:"phone"`
	Notes              string     `json:"notes"`
	MarketingConsent   bool       `json:"marketing_consent"`
	MarketingConsentAt *time.Time `json:"marketing_consent_at"`
	Status             string     `json:"status"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// CustomerRequest creates a customer (name required) or changes the fields
// it names (PUT is partial). Status is active (the default), inactive or
// blocked; marketing_consent true records marketing_consent_at from the
// server's clock when it turns on, false clears it.
type CustomerRequest struct {
	Name             *string `json:"name,omitempty"`
	Email            *string `json:"email,omitempty"`
	Phone            *string `json:"phone,omitempty"`
	Notes            *string `json:"notes,omitempty"`
	MarketingConsent *bool   `json:"marketing_consent,omitempty"`
	Status           *string `json:"status,omitempty"`
}

// CustomerList is a page of a tenant's customers. Next, when set, is the
// after cursor of the following page.
type CustomerList struct {
	Items []Customer `json:"items"`
	Total int        `json:"total"`
	Next  string     `json:"next,omitempty"`
}

func (r *CustomerRequest) input() app.CustomerInput {
	return app.CustomerInput{Name: r.Name, Email: r.Email, Phone: r.Phone, Notes: r.Notes,
		MarketingConsent: r.MarketingConsent, Status: r.Status}
}

func customerOf(c *customer.Customer) Customer {
	return Customer{ID: c.ID, TenantID: c.TenantID, Name: c.Name, Email: c.Email, Phone: c.Phone, Notes: c.Notes,
		MarketingConsent: c.MarketingConsent, MarketingConsentAt: c.MarketingConsentAt, Status: string(c.Status),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}
