package app

import (
	"strings"

	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/outlet"
)

// OutletInput is an outlet's fields as a client sent them: nil means not
// given. On create, absent fields take their defaults (timezone: the
// tenant's; active: true); on update they stay as they are. Address parts
// merge one by one; business hours, when given, replace the whole week.
type OutletInput struct {
	Name     *string
	Address  *AddressInput
	Phone    *string
	Email    *string
	Timezone *string
	Hours    *outlet.Hours
	Active   *bool
}

// AddressInput is a partial address: nil parts are not given.
type AddressInput struct {
	Line1      *string
	Line2      *string
	City       *string
	State      *string
	PostalCode *string
	Country    *string
}

// apply writes the given fields onto o and names the ones that changed
// (address parts as "address.city" …).
func (in *OutletInput) apply(o *outlet.Outlet) []string {
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
	set("name", &o.Name, in.Name, trim)
	if ad := in.Address; ad != nil {
		a := &o.Address
		set("address.line1", &a.Line1, ad.Line1, trim)
		set("address.line2", &a.Line2, ad.Line2, trim)
		set("address.city", &a.City, ad.City, trim)
		set("address.state", &a.State, ad.State, trim)
		set("address.postal_code", &a.PostalCode, ad.PostalCode, trim)
		set("address.country", &a.Country, ad.Country, trim)
	}
	set("phone", &o.Phone, in.Phone, trim)
	set("email", &o.Email, in.Email, identity.NormalizeEmail)
	set("timezone", &o.Timezone, in.Timezone, trim)
	if in.Hours != nil && !sameHours(o.Hours, *in.Hours) {
		o.Hours = dropClosedDays(*in.Hours)
		changed = append(changed, "business_hours")
	}
	if in.Active != nil && *in.Active != o.Active {
		o.Active = *in.Active
		changed = append(changed, "is_active")
	}
	return changed
}

// dropClosedDays returns h without its closed days, the stored form; an
// unknown day is kept so that validation reports it.
func dropClosedDays(h outlet.Hours) outlet.Hours {
	out := outlet.Hours{}
	for day, list := range h {
		if len(list) > 0 || !knownDay(day) {
			out[day] = list
		}
	}
	return out
}

func knownDay(day string) bool {
	for _, d := range outlet.Days() {
		if d == day {
			return true
		}
	}
	return false
}

// sameHours reports whether a and b open at the same times, ignoring how
// closed days are written.
func sameHours(a, b outlet.Hours) bool {
	for _, day := range outlet.Days() {
		x, y := a[day], b[day]
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
	}
	return len(dropClosedDays(a)) == len(dropClosedDays(b))
}
