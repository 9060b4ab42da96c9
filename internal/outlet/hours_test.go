package outlet

import (
	"reflect"
	"testing"

	"github.com/tenantry/tenantry/internal/errs"
)

// problems returns "field:code" for every problem c recorded.
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

func TestMinutes(t *testing.T) {
	for s, want := range map[string]int{"00:00": 0, "09:30": 570, "23:59": 1439, "12:00": 720} {
		if got, ok := Minutes(s); !ok || got != want {
			t.Errorf("Minutes(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "24:00", "9:00", "09:60", "09-00", "0900", "09:0a", "+9:00", "09:00:00", "２3:00"} {
		if _, ok := Minutes(s); ok {
			t.Errorf("Minutes(%q) accepted", s)
		}
	}
}

func TestHoursValidate(t *testing.T) {
	iv := func(o, c string) Interval { return Interval{Open: o, Close: c} }
	for name, tc := range map[string]struct {
		h    Hours
		want []string
	}{
		"empty week":   {Hours{}, nil},
		"closed days":  {Hours{"sunday": {}, "saturday": nil}, nil},
		"split day":    {Hours{"monday": {iv("09:00", "12:00"), iv("13:00", "17:00")}}, nil},
		"touching":     {Hours{"monday": {iv("09:00", "12:00"), iv("12:00", "17:00")}}, nil},
		"whole day":    {Hours{"friday": {iv("00:00", "23:59")}}, nil},
		"unknown day":  {Hours{"Monday": {iv("09:00", "17:00")}, "funday": {}}, []string{"business_hours.Monday:unknown_day", "business_hours.funday:unknown_day"}},
		"bad times":    {Hours{"tuesday": {iv("9:00", "24:00")}}, []string{"business_hours.tuesday[0].open:invalid_time", "business_hours.tuesday[0].close:invalid_time"}},
		"reversed":     {Hours{"monday": {iv("17:00", "09:00")}}, []string{"business_hours.monday[0]:open_not_before_close"}},
		"empty":        {Hours{"monday": {iv("09:00", "09:00")}}, []string{"business_hours.monday[0]:open_not_before_close"}},
		"overlap":      {Hours{"monday": {iv("09:00", "13:00"), iv("12:00", "17:00")}}, []string{"business_hours.monday[1]:overlapping_intervals"}},
		"unsorted":     {Hours{"monday": {iv("13:00", "17:00"), iv("09:00", "12:00")}}, []string{"business_hours.monday[1]:overlapping_intervals"}},
		"contained":    {Hours{"monday": {iv("08:00", "20:00"), iv("09:00", "10:00"), iv("10:00", "11:00")}}, []string{"business_hours.monday[1]:overlapping_intervals", "business_hours.monday[2]:overlapping_intervals"}},
		"past invalid": {Hours{"monday": {iv("09:00", "13:00"), iv("xx", "14:00"), iv("12:00", "15:00")}}, []string{"business_hours.monday[1].open:invalid_time", "business_hours.monday[2]:overlapping_intervals"}},
		"every day checked": {Hours{"monday": {iv("10:00", "09:00")}, "sunday": {iv("25:00", "26:00")}}, []string{
			"business_hours.monday[0]:open_not_before_close", "business_hours.sunday[0].open:invalid_time", "business_hours.sunday[0].close:invalid_time"}},
	} {
		var c errs.Collector
		tc.h.Validate("business_hours", &c)
		if got := problems(t, &c); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
}

func TestHoursTooManyIntervals(t *testing.T) {
	list := make([]Interval, MaxIntervals+1)
	for i := range list {
		list[i] = Interval{Open: "01:00", Close: "02:00"}
	}
	var c errs.Collector
	Hours{"monday": list}.Validate("h", &c)
	if got := problems(t, &c); !reflect.DeepEqual(got, []string{"h.monday:too_many"}) {
		t.Fatalf("too many intervals: %v", got)
	}
}

func TestDays(t *testing.T) {
	got := Days()
	if len(got) != 7 || got[0] != "monday" || got[6] != "sunday" {
		t.Fatalf("days: %v", got)
	}
	got[0] = "caturday"
	if Days()[0] != "monday" {
		t.Fatal("Days shares its array with callers")
	}
}
