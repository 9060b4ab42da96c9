package app

import (
	"strings"

	"github.com/tenantry/tenantry/internal/booking"
)

// ServiceInput is a service's fields as a client sent them: nil means not
// given. On create, name, duration and price are required; absent outlet
// ids mean every outlet, absent active means true. On update absent fields
// stay as they are; outlet_ids, when given, replace the outlets ([] is
// every outlet).
type ServiceInput struct {
	Name            *string
	Category        *string
	DurationMinutes *int
	Price           *int64
	OutletIDs       *[]string
	Active          *bool
}

// apply writes the given fields onto s and names the ones that changed.
func (in *ServiceInput) apply(s *booking.Service) []string {
	var changed []string
	setText := func(name string, dst, v *string) {
		if v != nil && strings.TrimSpace(*v) != *dst {
			*dst = strings.TrimSpace(*v)
			changed = append(changed, name)
		}
	}
	setText("name", &s.Name, in.Name)
	setText("category", &s.Category, in.Category)
	if v := in.DurationMinutes; v != nil && *v != s.DurationMinutes {
		s.DurationMinutes = *v
		changed = append(changed, "duration_minutes")
	}
	if v := in.Price; v != nil && *v != s.Price {
		s.Price = *v
		changed = append(changed, "price")
	}
	if in.OutletIDs != nil {
		ids := cleanIDs(*in.OutletIDs)
		if wide := len(ids) == 0; wide != s.TenantWide || !sameIDs(ids, s.OutletIDs) {
			s.TenantWide, s.OutletIDs = wide, ids
			changed = append(changed, "outlet_ids")
		}
	}
	if in.Active != nil && *in.Active != s.Active {
		s.Active = *in.Active
		changed = append(changed, "is_active")
	}
	return changed
}
