// Package outlet describes a tenant's physical locations: their address,
// contact details, time zone, weekly business hours and active flag, and the
// rules a valid outlet follows.
package outlet

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/tenant"
	"github.com/tenantry/tenantry/internal/text"
)

// Outlet is one physical location of a tenant.
type Outlet struct {
	TenantID  string
	ID        string
	Name      string
	Address   Address
	Phone     string
	Email     string
	Timezone  string
	Hours     Hours
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Address is an outlet's postal address; every part is optional.
type Address struct {
	Line1      string
	Line2      string
	City       string
	State      string
	PostalCode string
	Country    string
}

// Length limits of an outlet's text fields.
const (
	MaxName    = 200
	MaxLine    = 200
	MaxShort   = 100
	MaxPostal  = 20
	MaxPhone   = 40
	MaxCountry = 64
)

// Validate checks every field of o, reporting each problem to c. Email is
// expected normalized (identity.NormalizeEmail).
func (o *Outlet) Validate(c *errs.Collector) {
	switch {
	case strings.TrimSpace(o.Name) == "":
		c.Add("name", "required", "A name is required.")
	case utf8.RuneCountInString(o.Name) > MaxName:
		c.Add("name", "too_long", "At most 200 characters.")
	default:
		text.CheckLine(c, "name", o.Name)
	}
	o.Address.validate(c)
	if o.Phone != "" && text.CheckLine(c, "phone", o.Phone) && !phoneLike(o.Phone) {
		c.Add("phone", "invalid_phone", "Must be a phone number such as +63-2-555-0101.")
	}
	if o.Email != "" && text.CheckLine(c, "email", o.Email) && !identity.ValidEmail(o.Email) {
		c.Add("email", "invalid_email", "Must be an email address such as branch@example.com.")
	}
	if _, err := time.LoadLocation(o.Timezone); o.Timezone == "" || o.Timezone == "Local" || err != nil {
		c.Add("timezone", "invalid_timezone", "Must be an IANA time zone such as Asia/Manila.")
	}
	o.Hours.Validate("business_hours", c)
}

func (a Address) validate(c *errs.Collector) {
	for _, f := range []struct {
		field, v string
		max      int
	}{
		{"line1", a.Line1, MaxLine}, {"line2", a.Line2, MaxLine}, {"city", a.City, MaxShort},
		{"state", a.State, MaxShort}, {"postal_code", a.PostalCode, MaxPostal}, {"country", a.Country, MaxCountry},
	} {
		if utf8.RuneCountInString(f.v) > f.max {
			c.Add("address."+f.field, "too_long", fmt.Sprintf("At most %d characters.", f.max))
		} else {
			text.CheckLine(c, "address."+f.field, f.v)
		}
	}
}

// ValidPhone reports whether p looks like a phone number, by the rule of an
// outlet's phone (other areas' phone fields follow it too).
func ValidPhone(p string) bool { return phoneLike(p) }

// phoneLike reports whether p looks like a phone number: digits and
// separators only, 5 to 20 digits, at most MaxPhone characters.
func phoneLike(p string) bool {
	if len(p) > MaxPhone || strings.Trim(p, "0123456789 +()-.") != "" {
		return false
	}
	digits := len(strings.TrimPrefix(tenant.NormalizePhone(p), "+"))
	return digits >= 5 && digits <= 20
}
