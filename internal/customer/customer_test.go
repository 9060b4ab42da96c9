package customer

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tenantry/tenantry/internal/errs"
)

func TestCustomerValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Customer)
		want []string
	}{
		"valid":         {func(*Customer) {}, nil},
		"bare minimum":  {func(c *Customer) { *c = Customer{Name: "x", Status: Active} }, nil},
		"blank name":    {func(c *Customer) { c.Name = "  " }, []string{"name:required"}},
		"long name":     {func(c *Customer) { c.Name = strings.Repeat("é", MaxName+1) }, []string{"name:too_long"}},
		"bad email":     {func(c *Customer) { c.Email = "nope" }, []string{"email:invalid_email"}},
		"upper email":   {func(c *Customer) { c.Email = "Ana.Cruz@Example.COM" }, nil},
		"bad phone":     {func(c *Customer) { c.Phone = "call me" }, []string{"phone:invalid_phone"}},
		"short phone":   {func(c *Customer) { c.Phone = "12345" }, []string{"phone:invalid_phone"}},
		"notes lines":   {func(c *Customer) { c.Notes = "prefers mornings\nallergic to latex" }, nil},
		"long notes":    {func(c *Customer) { c.Notes = strings.Repeat("n", MaxNotes+1) }, []string{"notes:too_long"}},
		"notes control": {func(c *Customer) { c.Notes = "a\x00b" }, []string{"notes:invalid_characters"}},
		"name with LF":  {func(c *Customer) { c.Name = "Ana\nCruz" }, []string{"name:invalid_characters"}},
		"bad status":    {func(c *Customer) { c.Status = "vip" }, []string{"status:invalid_choice"}},
	} {
		t.Run(name, func(t *testing.T) {
			c := Customer{Name: "Ana Cruz", Email: "ana@example.com", Phone: "+63 917 555 0101", Status: Active}
			tc.edit(&c)
			var col errs.Collector
			c.Validate(&col)
			var got []string
			if e, ok := col.Err().(*errs.Error); ok {
				for _, f := range e.Fields {
					got = append(got, f.Field+":"+f.Code)
				}
			}
			sort.Strings(got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSetConsent(t *testing.T) {
	var c Customer
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if !c.SetConsent(true, t1) || c.MarketingConsentAt == nil || !c.MarketingConsentAt.Equal(t1) {
		t.Fatalf("consent on: %+v", c)
	}
	if c.SetConsent(true, t1.Add(time.Hour)) || !c.MarketingConsentAt.Equal(t1) {
		t.Errorf("consent kept on moved its time: %+v", c)
	}
	if !c.SetConsent(false, t1) || c.MarketingConsentAt != nil || c.MarketingConsent {
		t.Errorf("consent off: %+v", c)
	}
	if EmailKey(" Ana@Example.COM ") != "ana@example.com" || NormalizeEmail(" Ana@Example.COM ") != "Ana@Example.COM" {
		t.Error("email forms")
	}
}
