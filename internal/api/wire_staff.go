package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/outlet"
)

// StaffMember is a service provider's profile (reserva seed's staff),
// optionally linked to a user of the tenant. commission_rate is a
// percentage with up to two decimals (stored as basis points);
// availability holds, per outlet of outlet_ids, the weekly hours worked
// there in the outlet's time zone.
type StaffMember struct {
	ID             string                   `json:"id"`
	TenantID       string                   `json:"tenant_id"`
	Name           string                   `json:"name"`
	Email          string                   `json:"email"`
	Phone          string                   `json:"phone"`
	UserID         *string                  `json:"user_id"`
	Position       string                   `json:"position"`
	OutletIDs      []string                 `json:"outlet_ids"`
	ServiceIDs     []string                 `json:"service_ids"`
	Skills         []string                 `json:"skills"`
	CommissionRate float64                  `json:"commission_rate"`
	Availability   map[string]BusinessHours `json:"availability"`
	IsActive       bool                     `json:"is_active"`
	CreatedAt      time.Time                `json:"created_at"`
	UpdatedAt      time.Time                `json:"updated_at"`
}

// StaffRequest creates a staff member (name required) or changes the
// fields it names (PUT is partial). Lists, when sent, replace the old ones;
// availability, when sent, replaces every outlet's week; user_id "" unlinks
// the user.
type StaffRequest struct {
	Name           *string                         `json:"name,omitempty"`
	Email          *string                         `json:"email,omitempty"`
	Phone          *string                         `json:"phone,omitempty"`
	UserID         *string                         `json:"user_id,omitempty"`
	Position       *string                         `json:"position,omitempty"`
	OutletIDs      *[]string                       `json:"outlet_ids,omitempty"`
	ServiceIDs     *[]string                       `json:"service_ids,omitempty"`
	Skills         *[]string                       `json:"skills,omitempty"`
	CommissionRate *float64                        `json:"commission_rate,omitempty"`
	Availability   map[string]BusinessHoursRequest `json:"availability,omitempty"`
	IsActive       *bool                           `json:"is_active,omitempty"`
}

func (r *StaffRequest) input() app.StaffInput {
	in := app.StaffInput{Name: r.Name, Email: r.Email, Phone: r.Phone, UserID: r.UserID, Position: r.Position,
		OutletIDs: r.OutletIDs, ServiceIDs: r.ServiceIDs, Skills: r.Skills, CommissionRate: r.CommissionRate, Active: r.IsActive}
	if r.Availability != nil {
		weeks := make(map[string]outlet.Hours, len(r.Availability))
		for outletID, week := range r.Availability {
			weeks[outletID] = hoursOf(week)
		}
		in.Availability = &weeks
	}
	return in
}

func staffOf(s *booking.Staff) StaffMember {
	out := StaffMember{ID: s.ID, TenantID: s.TenantID, Name: s.Name, Email: s.Email, Phone: s.Phone, Position: s.Position,
		OutletIDs: nonNilStrings(s.OutletIDs), ServiceIDs: nonNilStrings(s.ServiceIDs), Skills: nonNilStrings(s.Skills),
		CommissionRate: booking.CommissionPercent(s.CommissionBP), Availability: map[string]BusinessHours{},
		IsActive: s.Active, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	if s.UserID != "" {
		out.UserID = &s.UserID
	}
	for outletID, week := range s.Availability {
		out.Availability[outletID] = businessHoursOf(week)
	}
	return out
}
