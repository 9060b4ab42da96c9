package booking

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/outlet"
)

func problems(t *testing.T, c *errs.Collector) []string {
	t.Helper()
	err := c.Err()
	if err == nil {
		return nil
	}
	e, ok := err.(*errs.Error)
	if !ok || e.Kind != errs.Invalid {
		t.Fatalf("collector error %T %v", err, err)
	}
	out := []string{}
	for _, f := range e.Fields {
		out = append(out, f.Field+":"+f.Code)
	}
	return out
}

func TestServiceValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Service)
		want []string
	}{
		"valid":        {func(*Service) {}, nil},
		"blank name":   {func(s *Service) { s.Name = " " }, []string{"name:required"}},
		"long name":    {func(s *Service) { s.Name = strings.Repeat("x", MaxName+1) }, []string{"name:too_long"}},
		"short":        {func(s *Service) { s.DurationMinutes = 4 }, []string{"duration_minutes:out_of_range"}},
		"long":         {func(s *Service) { s.DurationMinutes = 1441 }, []string{"duration_minutes:out_of_range"}},
		"bounds":       {func(s *Service) { s.DurationMinutes = 1440; s.Price = 0 }, nil},
		"negative":     {func(s *Service) { s.Price = -1 }, []string{"price:out_of_range"}},
		"category LF":  {func(s *Service) { s.Category = "a\nb" }, []string{"category:invalid_characters"}},
		"long categ.":  {func(s *Service) { s.Category = strings.Repeat("c", MaxCategory+1) }, []string{"category:too_long"}},
		"many outlets": {func(s *Service) { s.OutletIDs = make([]string, MaxOutlets+1) }, []string{"outlet_ids:too_many"}},
	} {
		s := Service{Name: "Haircut", DurationMinutes: 30, Price: 2500}
		tc.edit(&s)
		var c errs.Collector
		s.Validate(&c)
		if got := problems(t, &c); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}

func TestStaffValidate(t *testing.T) {
	iv := func(o, c string) []outlet.Interval { return []outlet.Interval{{Open: o, Close: c}} }
	for name, tc := range map[string]struct {
		edit func(*Staff)
		want []string
	}{
		"valid":          {func(*Staff) {}, nil},
		"blank name":     {func(s *Staff) { s.Name = "" }, []string{"name:required"}},
		"bad email":      {func(s *Staff) { s.Email = "nope" }, []string{"email:invalid_email"}},
		"bad phone":      {func(s *Staff) { s.Phone = "call me" }, []string{"phone:invalid_phone"}},
		"long position":  {func(s *Staff) { s.Position = strings.Repeat("p", MaxPosition+1) }, []string{"position:too_long"}},
		"skills":         {func(s *Staff) { s.Skills = []string{"Cut", "", "cut", strings.Repeat("s", MaxSkill+1)} }, []string{"skills[1]:required", "skills[2]:duplicate", "skills[3]:too_long"}},
		"many skills":    {func(s *Staff) { s.Skills = make([]string, MaxSkills+1) }, []string{"skills:too_many"}},
		"commission":     {func(s *Staff) { s.CommissionBP = 10001 }, []string{"commission_rate:out_of_range"}},
		"not assigned":   {func(s *Staff) { s.Availability = map[string]outlet.Hours{"out_b": {"monday": iv("09:00", "10:00")}} }, []string{"availability.out_b:outlet_not_assigned"}},
		"bad week":       {func(s *Staff) { s.Availability = map[string]outlet.Hours{"out_a": {"monday": iv("10:00", "09:00")}} }, []string{"availability.out_a.monday[0]:open_not_before_close"}},
		"availability":   {func(s *Staff) { s.Availability = map[string]outlet.Hours{"out_a": {"monday": iv("09:00", "10:00")}} }, nil},
		"negative comm.": {func(s *Staff) { s.CommissionBP = -1 }, []string{"commission_rate:out_of_range"}},
	} {
		s := Staff{Name: "Ana", Email: "ana@example.com", Phone: "+63 2 555 0101", OutletIDs: []string{"out_a"}, CommissionBP: 1250}
		tc.edit(&s)
		var c errs.Collector
		s.Validate(&c)
		if got := problems(t, &c); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}

func TestCommissionBP(t *testing.T) {
	for in, want := range map[float64]int{0: 0, 12.5: 1250, 100: 10000, 33.33: 3333, 0.01: 1} {
		if got, ok := CommissionBP(in); !ok || got != want {
			t.Errorf("CommissionBP(%v) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []float64{12.345, 0.001} {
		if _, ok := CommissionBP(in); ok {
			t.Errorf("CommissionBP(%v) accepted", in)
		}
	}
	if CommissionPercent(1250) != 12.5 {
		t.Error("CommissionPercent(1250)")
	}
}

func TestWithinHours(t *testing.T) {
	open := outlet.Hours{"monday": {{Open: "09:00", Close: "12:00"}, {Open: "13:00", Close: "17:00"}}}
	avail := outlet.Hours{
		"monday":  {{Open: "09:00", Close: "12:00"}, {Open: "12:00", Close: "14:00"}, {Open: "13:00", Close: "17:00"}},
		"tuesday": {{Open: "10:00", Close: "11:00"}},
	}
	var c errs.Collector
	WithinHours(avail, open, "availability.out_a", &c)
	want := []string{"availability.out_a.monday[1]:outside_business_hours", "availability.out_a.tuesday[0]:outside_business_hours"}
	if got := problems(t, &c); !reflect.DeepEqual(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}
