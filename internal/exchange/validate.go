package exchange

import (
	"encoding/json"
	"fmt"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/customer"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/membership"
	"github.com/tenantry/tenantry/internal/outlet"
	"github.com/tenantry/tenantry/internal/tenant"
)

// Validate checks a record through the domain's own rules (the Validate
// methods of outlet, booking, customer, tenant …), as if it were entered
// through the API, plus what the format itself requires. The error is
// Invalid, its fields prefixed with the record type.
func Validate(typ string, rec any) error {
	var c errs.Collector
	switch r := rec.(type) {
	case *Tenant:
		c.Check(!tenant.ValidSlug(r.Slug), "slug", "invalid_slug", "Not a valid slug.")
		c.Check(r.Name == "", "name", "required", "A name is required.")
		c.Check(!tenant.Status(r.Status).Valid(), "status", "invalid_choice", "Not a tenant status.")
		checkJSON(&c, "settings", r.Settings)
	case *Setting:
		c.Check(r.Key == "", "key", "required", "A key is required.")
		checkJSON(&c, "value", r.Value)
	case *Outlet:
		o := r.Domain("")
		o.Validate(&c)
	case *User:
		c.Check(!identity.ValidEmail(identity.NormalizeEmail(r.Email)), "email", "invalid_email", "Not an email address.")
	case *Membership:
		c.Check(r.UserID == "", "user_id", "required", "A user is required.")
		c.Check(!membership.Role(r.Role).Valid(), "role", "invalid_choice", "Not a role.")
		checkIDs(&c, "outlet_ids", r.OutletIDs)
	case *Invite:
		c.Check(!membership.Role(r.Role).Valid(), "role", "invalid_choice", "Not a role.")
		checkIDs(&c, "outlet_ids", r.OutletIDs)
	case *APIKey:
		c.Check(r.Name == "", "name", "required", "A name is required.")
		checkIDs(&c, "scopes", r.Scopes)
	case *Service:
		s := r.Domain("")
		s.Validate(&c)
	case *Staff:
		s, err := r.Domain("")
		if err != nil {
			c.Add("skills", "invalid", "Must be a list of strings.")
			break
		}
		s.Validate(&c)
	case *StaffOutlet:
		h, err := ParseHours(r.Availability)
		if err != nil {
			c.Add("availability", "invalid", "Must be weekly hours.")
			break
		}
		h.Validate("availability", &c)
	case *Customer:
		x := r.Domain("")
		x.Validate(&c)
	case *Appointment:
		x := r.Domain("")
		x.Validate(&c)
	case *AuditEvent:
		c.Check(r.Action == "", "action", "required", "An action is required.")
		checkJSON(&c, "details", r.Details)
	}
	err := c.Err()
	if err == nil {
		return nil
	}
	e, _ := errs.As(err)
	for i := range e.Fields {
		e.Fields[i].Field = typ + "." + e.Fields[i].Field
	}
	e.Code = "import_record_invalid"
	e.Msg = fmt.Sprintf("A %s record breaks the domain rules.", typ)
	return e
}

func checkJSON(c *errs.Collector, field string, raw json.RawMessage) {
	c.Check(len(raw) > 0 && !json.Valid(raw), field, "invalid", "Must be JSON.")
}

func checkIDs(c *errs.Collector, field string, raw json.RawMessage) {
	var ids []string
	c.Check(len(raw) > 0 && json.Unmarshal(raw, &ids) != nil, field, "invalid", "Must be a list of strings.")
}

// ParseHours decodes weekly hours as stored ({"monday": [{"open": "09:00", "close": "17:00"}] …}).
func ParseHours(raw json.RawMessage) (outlet.Hours, error) {
	h := outlet.Hours{}
	if len(raw) == 0 {
		return h, nil
	}
	var row map[string][]struct {
		Open  string `json:"open"`
		Close string `json:"close"`
	}
	if err := json.Unmarshal(raw, &row); err != nil {
		return nil, fmt.Errorf("exchange: hours: %w", err)
	}
	for day, list := range row {
		ivs := make([]outlet.Interval, len(list))
		for i, iv := range list {
			ivs[i] = outlet.Interval{Open: iv.Open, Close: iv.Close}
		}
		h[day] = ivs
	}
	return h, nil
}

// Domain is the outlet as the outlet package knows it.
func (r *Outlet) Domain(tenantID string) *outlet.Outlet {
	h, _ := ParseHours(r.BusinessHours) // bad hours are reported by validation of the decoded week
	return &outlet.Outlet{TenantID: tenantID, ID: r.ID, Name: r.Name, Address: outlet.Address{Line1: r.AddressLine1,
		Line2: r.AddressLine2, City: r.City, State: r.State, PostalCode: r.PostalCode, Country: r.Country},
		Phone: r.Phone, Email: r.Email, Timezone: r.Timezone, Hours: h, Active: r.Active,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Domain is the service as the booking package knows it (without its outlets).
func (r *Service) Domain(tenantID string) *booking.Service {
	return &booking.Service{TenantID: tenantID, ID: r.ID, Name: r.Name, Category: r.Category,
		DurationMinutes: r.DurationMinutes, Price: r.Price, Currency: r.Currency, TenantWide: r.TenantWide,
		Active: r.Active, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Domain is the staff member as the booking package knows it (without
// its outlets and services, which are records of their own).
func (r *Staff) Domain(tenantID string) (*booking.Staff, error) {
	var skills []string
	if len(r.Skills) > 0 {
		if err := json.Unmarshal(r.Skills, &skills); err != nil {
			return nil, fmt.Errorf("exchange: skills: %w", err)
		}
	}
	return &booking.Staff{TenantID: tenantID, ID: r.ID, Name: r.Name, Email: r.Email, Phone: r.Phone,
		UserID: r.UserID, Position: r.Position, Skills: skills, CommissionBP: r.CommissionBP, Active: r.Active,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, nil
}

// Domain is the customer as the customer package knows it.
func (r *Customer) Domain(tenantID string) *customer.Customer {
	return &customer.Customer{TenantID: tenantID, ID: r.ID, Name: r.Name, Email: r.Email, Phone: r.Phone,
		Notes: r.Notes, MarketingConsent: r.MarketingConsent, MarketingConsentAt: r.MarketingConsentAt,
		Status: customer.Status(r.Status), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// Domain is the appointment r describes, in tenantID.
func (r *Appointment) Domain(tenantID string) *booking.Appointment {
	return &booking.Appointment{TenantID: tenantID, ID: r.ID, OutletID: r.OutletID, CustomerID: r.CustomerID,
		ServiceID: r.ServiceID, StaffID: r.StaffID, StartAt: r.StartAt, EndAt: r.EndAt, StartMonth: r.StartMonth,
		Status: booking.Status(r.Status), Notes: r.Notes, Price: r.Price, Currency: r.Currency, CancelReason: r.CancelReason,
		CreatedBy: r.CreatedBy, StatusChangedAt: r.StatusChangedAt, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}
