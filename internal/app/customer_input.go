package app

import (
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/customer"
)

// CustomerInput is a customer's fields as a client sent them: nil means not
// given. On create, absent fields are empty (status: active, consent:
// false); on update they stay as they are.
type CustomerInput struct {
	Name             *string
	Email            *string
	Phone            *string
	Notes            *string
	MarketingConsent *bool
	Status           *string
}

// apply writes the given fields onto c and names the ones that changed.
// Consent turned on records now as its time; turned off clears it.
func (in *CustomerInput) apply(c *customer.Customer, now time.Time) []string {
	var changed []string
	set := func(name string, dst *string, v *string, norm func(string) string) {
		if v == nil {
			return
		}
		if nv := norm(*v); nv != *dst {
			*dst = nv
			changed = append(changed, name)
		}
	}
	trim := strings.TrimSpace
	set("name", &c.Name, in.Name, trim)
	set("email", &c.Email, in.Email, customer.NormalizeEmail)
	set("phone", &c.Phone, in.Phone, trim)
	set("notes", &c.Notes, in.Notes, func(s string) string { return s })
	if in.Status != nil && customer.Status(trim(*in.Status)) != c.Status {
		c.Status = customer.Status(trim(*in.Status))
		changed = append(changed, "status")
	}
	if in.MarketingConsent != nil && c.SetConsent(*in.MarketingConsent, now) {
		changed = append(changed, "marketing_consent")
	}
	return changed
}
