// Package booking describes the lean booking data plane of the reference
// product (issue 11): the services a tenant offers and the staff members who
// provide them, with the rules a valid one follows. Customers and
// appointments join it later. Pure: no SQL, no HTTP.
package booking

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/text"
)

// Service is something a tenant offers, at every outlet (TenantWide) or at
// the outlets of OutletIDs only.
type Service struct {
	TenantID        string
	ID              string
	Name            string
	Category        string // free text; the tenant's service_category_templates only suggest
	DurationMinutes int
	Price           int64  // in minor units of Currency
	Currency        string // the tenant's currency when the price was set
	TenantWide      bool
	OutletIDs       []string
	Active          bool
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Limits of a service's fields.
const (
	MaxName        = 200
	MaxCategory    = 100
	MinDuration    = 5
	MaxDuration    = 1440
	MaxPrice       = 1_000_000_000_000 // minor units
	MaxOutlets     = 100
	MaxServiceRefs = 200 // services one staff member provides
)

// Validate checks every field of s, reporting each problem to c. The
// outlets' existence is the caller's to check.
func (s *Service) Validate(c *errs.Collector) {
	checkName(c, s.Name)
	checkText(c, "category", s.Category, MaxCategory)
	c.Check(s.DurationMinutes < MinDuration || s.DurationMinutes > MaxDuration, "duration_minutes", "out_of_range",
		fmt.Sprintf("Must be between %d and %d minutes.", MinDuration, MaxDuration))
	c.Check(s.Price < 0 || s.Price > MaxPrice, "price", "out_of_range",
		"Must be a whole number of minor units (cents), 0 or more.")
	c.Check(len(s.OutletIDs) > MaxOutlets, "outlet_ids", "too_many", fmt.Sprintf("At most %d outlets.", MaxOutlets))
}

// OfferedAt reports whether s is offered at outletID.
func (s *Service) OfferedAt(outletID string) bool {
	return s.TenantWide || contains(s.OutletIDs, outletID)
}

func checkName(c *errs.Collector, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		c.Add("name", "required", "A name is required.")
	case utf8.RuneCountInString(name) > MaxName:
		c.Add("name", "too_long", fmt.Sprintf("At most %d characters.", MaxName))
	default:
		text.CheckLine(c, "name", name)
	}
}

// checkText checks an optional one-line text field of at most max characters.
func checkText(c *errs.Collector, field, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		c.Add(field, "too_long", fmt.Sprintf("At most %d characters.", max))
		return
	}
	text.CheckLine(c, field, v)
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
