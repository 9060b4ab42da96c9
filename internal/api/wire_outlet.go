package api

import (
	"time"

	"github.com/tenantry/tenantry/internal/app"
	"github.com/tenantry/tenantry/internal/outlet"
)

// Outlet is a physical location of a tenant (reserva seed).
type Outlet struct {
	ID            string        `json:"id"`
	TenantID      string        `json:"tenant_id"`
	Name          string        `json:"name"`
	Address       Address       `json:"address"`
	Phone         string        `json:"phone"`
	Email         string        `json:"email"`
	Timezone      string        `json:"timezone"`
	BusinessHours BusinessHours `json:"business_hours"`
	IsActive      bool          `json:"is_active"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
}

// BusinessHours are an outlet's opening intervals on each weekday; a closed
// day is [].
type BusinessHours struct {
	Monday    []OpeningInterval `json:"monday"`
	Tuesday   []OpeningInterval `json:"tuesday"`
	Wednesday []OpeningInterval `json:"wednesday"`
	Thursday  []OpeningInterval `json:"thursday"`
	Friday    []OpeningInterval `json:"friday"`
	Saturday  []OpeningInterval `json:"saturday"`
	Sunday    []OpeningInterval `json:"sunday"`
}

// BusinessHoursRequest sets the opening intervals of each weekday, keyed
// monday … sunday; an absent day is closed, an unknown key is refused.
type BusinessHoursRequest map[string][]OpeningInterval

// OpeningInterval is one opening of a day in the outlet's local time,
// "HH:MM" with open before close.
type OpeningInterval struct {
	Open  string `json:"open"`
	Close string `json:"close"`
}

// OutletRequest creates an outlet (name required) or changes the fields it
// names (PUT is partial; business_hours, when sent, replace the whole week).
type OutletRequest struct {
	Name          *string              `json:"name,omitempty"`
	Address       *AddressPatch        `json:"address,omitempty"`
	Phone         *string              `json:"phone,omitempty"`
	Email         *string              `json:"email,omitempty"`
	Timezone      *string              `json:"timezone,omitempty"`
	BusinessHours BusinessHoursRequest `json:"business_hours,omitempty"`
	IsActive      *bool                `json:"is_active,omitempty"`
}

// OutletStats are the counts of a tenant's outlets.
type OutletStats struct {
	Total       int           `json:"total"`
	Active      int           `json:"active"`
	Inactive    int           `json:"inactive"`
	ByCity      []CityOutlets `json:"by_city"`
	GeneratedAt time.Time     `json:"generated_at"`
}

// CityOutlets counts the outlets of one city ("" when no city is given).
type CityOutlets struct {
	City   string `json:"city"`
	Total  int    `json:"total"`
	Active int    `json:"active"`
}

func (r *OutletRequest) input() app.OutletInput {
	in := app.OutletInput{Name: r.Name, Phone: r.Phone, Email: r.Email, Timezone: r.Timezone, Active: r.IsActive}
	if a := r.Address; a != nil {
		in.Address = &app.AddressInput{Line1: a.Line1, Line2: a.Line2, City: a.City, State: a.State,
			PostalCode: a.PostalCode, Country: a.Country}
	}
	if r.BusinessHours != nil {
		h := hoursOf(r.BusinessHours)
		in.Hours = &h
	}
	return in
}

func outletOf(o *outlet.Outlet) Outlet {
	hours := businessHoursOf(o.Hours)
	a := o.Address
	return Outlet{
		ID: o.ID, TenantID: o.TenantID, Name: o.Name, Phone: o.Phone, Email: o.Email, Timezone: o.Timezone,
		Address:       Address{Line1: a.Line1, Line2: a.Line2, City: a.City, State: a.State, PostalCode: a.PostalCode, Country: a.Country},
		BusinessHours: hours, IsActive: o.Active, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}

// hoursOf is the week a client sent, keyed by day.
func hoursOf(r BusinessHoursRequest) outlet.Hours {
	h := make(outlet.Hours, len(r))
	for day, list := range r {
		ivs := make([]outlet.Interval, len(list))
		for i, iv := range list {
			ivs[i] = outlet.Interval(iv)
		}
		h[day] = ivs
	}
	return h
}

// businessHoursOf is a week as the API shows it: every day, [] when closed.
func businessHoursOf(h outlet.Hours) BusinessHours {
	day := func(name string) []OpeningInterval {
		list := h[name]
		ivs := make([]OpeningInterval, len(list))
		for i, iv := range list {
			ivs[i] = OpeningInterval(iv)
		}
		return ivs
	}
	return BusinessHours{Monday: day("monday"), Tuesday: day("tuesday"), Wednesday: day("wednesday"),
		Thursday: day("thursday"), Friday: day("friday"), Saturday: day("saturday"), Sunday: day("sunday")}
}

func outletStatsOf(v *app.OutletStatsView) OutletStats {
	out := OutletStats{Total: v.Total, Active: v.Active, Inactive: v.Inactive, ByCity: []CityOutlets{}, GeneratedAt: v.GeneratedAt}
	for _, c := range v.ByCity {
		out.ByCity = append(out.ByCity, CityOutlets(c))
	}
	return out
}
