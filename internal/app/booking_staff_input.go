package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tenantry/tenantry/internal/booking"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/identity"
	"github.com/tenantry/tenantry/internal/outlet"
)

// StaffInput is a staff member's fields as a client sent them: nil means
// not given. On create only the name is required; on update absent fields
// stay as they are. Lists, when given, replace the old ones; availability,
// when given, replaces every outlet's week (a closed day or an empty week
// may be left out). Dropping an outlet drops its availability. An empty
// user_id unlinks the user.
type StaffInput struct {
	Name           *string
	Email          *string
	Phone          *string
	UserID         *string
	Position       *string
	OutletIDs      *[]string
	ServiceIDs     *[]string
	Skills         *[]string
	CommissionRate *float64 // percent, up to two decimals
	Availability   *map[string]outlet.Hours
	Active         *bool
}

// apply writes the given fields onto s and names the ones that changed; a
// commission rate with more than two decimals is reported to c.
func (in *StaffInput) apply(s *booking.Staff, c *errs.Collector) []string {
	var changed []string
	set := func(name string, dst, v *string, norm func(string) string) {
		if v != nil && norm(*v) != *dst {
			*dst = norm(*v)
			changed = append(changed, name)
		}
	}
	trim := strings.TrimSpace
	set("name", &s.Name, in.Name, trim)
	set("email", &s.Email, in.Email, identity.NormalizeEmail)
	set("phone", &s.Phone, in.Phone, trim)
	set("user_id", &s.UserID, in.UserID, trim)
	set("position", &s.Position, in.Position, trim)
	setList := func(name string, dst *[]string, v *[]string, norm func([]string) []string, same func(a, b []string) bool) {
		if v != nil && !same(norm(*v), *dst) {
			*dst = norm(*v)
			changed = append(changed, name)
		}
	}
	setList("outlet_ids", &s.OutletIDs, in.OutletIDs, cleanIDs, sameIDs)
	setList("service_ids", &s.ServiceIDs, in.ServiceIDs, cleanIDs, sameIDs)
	setList("skills", &s.Skills, in.Skills, trimAll, slices.Equal[[]string])
	if v := in.CommissionRate; v != nil {
		bp, ok := booking.CommissionBP(*v)
		c.Check(!ok, "commission_rate", "too_precise", "A percentage with at most two decimals, such as 12.5.")
		if ok && bp != s.CommissionBP {
			s.CommissionBP = bp
			changed = append(changed, "commission_rate")
		}
	}
	if in.Availability != nil {
		if avail := availabilityOf(*in.Availability, s.OutletIDs); !sameAvailability(avail, s.Availability) {
			s.Availability = avail
			changed = append(changed, "availability")
		}
	} else {
		for outletID := range s.Availability { // a dropped outlet takes its week along
			if !slices.Contains(s.OutletIDs, outletID) {
				delete(s.Availability, outletID)
			}
		}
	}
	if in.Active != nil && *in.Active != s.Active {
		s.Active = *in.Active
		changed = append(changed, "is_active")
	}
	return changed
}

// availabilityOf is the stored form of the weeks a client sent: closed days
// and the empty weeks of assigned outlets left out; a week of an outlet not
// assigned stays, for validation to report.
func availabilityOf(in map[string]outlet.Hours, outletIDs []string) map[string]outlet.Hours {
	out := make(map[string]outlet.Hours, len(in))
	for outletID, week := range in {
		w := dropClosedDays(week)
		if len(w) > 0 || !slices.Contains(outletIDs, outletID) {
			out[strings.TrimSpace(outletID)] = w
		}
	}
	return out
}

func sameAvailability(a, b map[string]outlet.Hours) bool {
	if len(a) != len(b) {
		return false
	}
	for k, w := range a {
		v, ok := b[k]
		if !ok || !sameHours(w, v) {
			return false
		}
	}
	return true
}

func trimAll(list []string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = strings.TrimSpace(v)
	}
	return out
}

// indexed names element i of a list field, as "service_ids[2]".
func indexed(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }
