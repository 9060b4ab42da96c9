package outlet

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

func TestOutletValidate(t *testing.T) {
	valid := func() Outlet {
		return Outlet{Name: "Downtown", Timezone: "Asia/Manila", Phone: "+63 (2) 555-0101", Email: "a@example.com",
			Address: Address{Line1: "1 Main", City: "Manila", PostalCode: "1000", Country: "PH"}}
	}
	for name, tc := range map[string]struct {
		edit func(*Outlet)
		want []string
	}{
		"valid":            {func(*Outlet) {}, nil},
		"bare minimum":     {func(o *Outlet) { *o = Outlet{Name: "x", Timezone: "UTC"} }, nil},
		"blank name":       {func(o *Outlet) { o.Name = "   " }, []string{"name:required"}},
		"long name":        {func(o *Outlet) { o.Name = strings.Repeat("é", MaxName+1) }, []string{"name:too_long"}},
		"bad phone":        {func(o *Outlet) { o.Phone = "call me" }, []string{"phone:invalid_phone"}},
		"short phone":      {func(o *Outlet) { o.Phone = "123" }, []string{"phone:invalid_phone"}},
		"bad email":        {func(o *Outlet) { o.Email = "nope" }, []string{"email:invalid_email"}},
		"no timezone":      {func(o *Outlet) { o.Timezone = "" }, []string{"timezone:invalid_timezone"}},
		"local tz":         {func(o *Outlet) { o.Timezone = "Local" }, []string{"timezone:invalid_timezone"}},
		"unknown tz":       {func(o *Outlet) { o.Timezone = "Mars/Olympus" }, []string{"timezone:invalid_timezone"}},
		"name with LF":     {func(o *Outlet) { o.Name = "Down\ntown" }, []string{"name:invalid_characters"}},
		"name with U+2028": {func(o *Outlet) { o.Name = "Down\u2028town" }, []string{"name:invalid_characters"}},
		"city with CR":     {func(o *Outlet) { o.Address.City = "Man\rila" }, []string{"address.city:invalid_characters"}},
		"line2 with RLO":   {func(o *Outlet) { o.Address.Line2 = "\u202eUnit 3" }, []string{"address.line2:invalid_characters"}},
		"email with NEL":   {func(o *Outlet) { o.Email = "a\u0085b@example.com" }, []string{"email:invalid_characters"}},
		"phone with tab":   {func(o *Outlet) { o.Phone = "+63\t2 555 0101" }, []string{"phone:invalid_characters"}},
		"name with ZWJ":    {func(o *Outlet) { o.Name = "👩\u200d👩\u200d👧 Downtown" }, nil},
		"long postcode":    {func(o *Outlet) { o.Address.PostalCode = strings.Repeat("9", MaxPostal+1) }, []string{"address.postal_code:too_long"}},
		"everything wrong": {func(o *Outlet) {
			*o = Outlet{Phone: "x", Email: "y", Timezone: "Nowhere", Address: Address{City: strings.Repeat("c", MaxShort+1)},
				Hours: Hours{"monday": {{Open: "10:00", Close: "09:00"}}, "caturday": nil}}
		}, []string{"name:required", "address.city:too_long", "phone:invalid_phone", "email:invalid_email",
			"timezone:invalid_timezone", "business_hours.caturday:unknown_day", "business_hours.monday[0]:open_not_before_close"}},
	} {
		o := valid()
		tc.edit(&o)
		var c errs.Collector
		o.Validate(&c)
		if got := problems(t, &c); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}
