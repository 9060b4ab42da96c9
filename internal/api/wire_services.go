package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/booking"
)

// Service is something a tenant offers (reserva seed's service catalog):
// price in minor units of currency (the tenant's when the price was set),
// offered at every outlet (tenant_wide) or at outlet_ids only.
type Service struct {
	ID              string    `json:"id"`
	TenantID        string    `json:"tenant_id"`
	Name            string    `json:"name"`
	Category        string    `json:"category"`
	DurationMinutes int       `json:"duration_minutes"`
	Price           int64     `json:"price"`
	Currency        string    `json:"currency"`
	TenantWide      bool      `json:"tenant_wide"`
	OutletIDs       []string  `json:"outlet_ids"`
	IsActive        bool      `json:"is_active"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// ServiceRequest creates a service (name, duration_minutes and price
// required) or changes the fields it names (PUT is partial). outlet_ids
// absent or [] offers it at every outlet; outlet_ids, when sent, replace
// the old ones.
type ServiceRequest struct {
	Name            *string   `json:"name,omitempty"`
	Category        *string   `json:"category,omitempty"`
	DurationMinutes *int      `json:"duration_minutes,omitempty"`
	Price           *int64    `json:"price,omitempty"`
	OutletIDs       *[]string `json:"outlet_ids,omitempty"`
	IsActive        *bool     `json:"is_active,omitempty"`
}

func (r *ServiceRequest) input() app.ServiceInput {
	return app.ServiceInput{Name: r.Name, Category: r.Category, DurationMinutes: r.DurationMinutes, Price: r.Price,
		OutletIDs: r.OutletIDs, Active: r.IsActive}
}

func serviceOf(s *booking.Service) Service {
	return Service{ID: s.ID, TenantID: s.TenantID, Name: s.Name, Category: s.Category, DurationMinutes: s.DurationMinutes,
		Price: s.Price, Currency: s.Currency, TenantWide: s.TenantWide, OutletIDs: nonNilStrings(s.OutletIDs),
		IsActive: s.Active, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}
