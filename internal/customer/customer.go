// Package customer describes a tenant's customers (the people who book its
// services): contact details, notes, marketing consent with the moment it
// was given, a status, and the rules a valid customer follows. Customers
// are tenant-wide, not bound to an outlet.
package customer

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/text"
)

// Status is where a customer stands with the tenant.
type Status string

// The statuses. Active customers may book; inactive ones are kept on file
// but no longer come (lapsed, moved away); blocked ones may not book.
const (
	Active   Status = "active"
	Inactive Status = "inactive"
	Blocked  Status = "blocked"
)

// Statuses lists every status, in a stable order.
func Statuses() []Status { return []Status{Active, Inactive, Blocked} }

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool {
	for _, x := range Statuses() {
		if x == s {
			return true
		}
	}
	return false
}

// Customer is one customer of a tenant.
type Customer struct {
	TenantID string
	ID       string
	Name     string
	Email    string // as given (trimmed, NFC); "" for none
	Phone    string
	Notes    string
	// MarketingConsent is whether the customer agreed to marketing;
	// MarketingConsentAt is when it last became true (nil while false).
	MarketingConsent   bool
	MarketingConsentAt *time.Time
	Status             Status
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Length limits of a customer's text fields.
const (
	MaxName  = 200
	MaxNotes = 4000
)

// EmailKey is the form of an email that uniqueness compares: trimmed,
// NFC and lower-cased ("" for none).
func EmailKey(email string) string { return identity.NormalizeEmail(email) }

// NormalizeEmail is how an email is stored: trimmed and NFC, its case kept.
func NormalizeEmail(email string) string { return strings.TrimSpace(text.Normalize(email)) }

// SetConsent sets the marketing consent: turning it on records now, turning
// it off clears the time, and keeping it as it is changes nothing. It
// reports whether anything changed.
func (c *Customer) SetConsent(consent bool, now time.Time) bool {
	if consent == c.MarketingConsent {
		return false
	}
	c.MarketingConsent = consent
	c.MarketingConsentAt = nil
	if consent {
		at := now
		c.MarketingConsentAt = &at
	}
	return true
}

// Validate checks every field of c, reporting each problem to col.
func (c *Customer) Validate(col *errs.Collector) {
	switch {
	case strings.TrimSpace(c.Name) == "":
		col.Add("name", "required", "A name is required.")
	case utf8.RuneCountInString(c.Name) > MaxName:
		col.Add("name", "too_long", "At most 200 characters.")
	default:
		text.CheckLine(col, "name", c.Name)
	}
	if c.Email != "" && text.CheckLine(col, "email", c.Email) && !identity.ValidEmail(EmailKey(c.Email)) {
		col.Add("email", "invalid_email", "Must be an email address such as name@example.com.")
	}
	if c.Phone != "" && text.CheckLine(col, "phone", c.Phone) && !tenant.ValidPhone(c.Phone) {
		col.Add("phone", "invalid_phone", "Must be a phone number such as +1-555-987-6543.")
	}
	if utf8.RuneCountInString(c.Notes) > MaxNotes {
		col.Add("notes", "too_long", "At most 4000 characters.")
	} else {
		text.CheckLines(col, "notes", c.Notes)
	}
	if !c.Status.Valid() {
		col.Add("status", "invalid_choice", "Must be active, inactive or blocked.")
	}
}
