package store

import (
	"reflect"
	"testing"

	"github.com/tenantry/tenantry/internal/outlet"
)

func TestHoursColumn(t *testing.T) {
	week := outlet.Hours{
		"monday":  {{Open: "09:00", Close: "12:00"}, {Open: "13:00", Close: "17:00"}},
		"tuesday": {{Open: "10:00", Close: "11:00"}},
		"sunday":  {},
	}
	for name, tc := range map[string]struct {
		src  any
		want outlet.Hours
		fast bool // read by parseHours rather than encoding/json
	}{
		"empty":              {"{}", outlet.Hours{}, true},
		"as written":         {`{"monday":[{"open":"09:00","close":"12:00"},{"open":"13:00","close":"17:00"}],"sunday":[],"tuesday":[{"open":"10:00","close":"11:00"}]}`, week, true},
		"as jsonb":           {[]byte(`{"monday": [{"open": "09:00", "close": "12:00"}, {"open": "13:00", "close": "17:00"}], "sunday": [], "tuesday": [{"close": "11:00", "open": "10:00"}]}`), week, true},
		"pretty":             {"\n{ \"sunday\" : [ ] ,\r\n\t\"monday\":[{\"open\":\"09:00\",\"close\":\"12:00\"},{\"open\":\"13:00\",\"close\":\"17:00\"}],\"tuesday\":[{\"open\":\"10:00\",\"close\":\"11:00\"}]}\n", week, true},
		"escaped (fallback)": {`{"tuesday":[{"open":"10:00","close":"11\u003a00"}]}`, outlet.Hours{"tuesday": {{Open: "10:00", Close: "11:00"}}}, false},
		"extra key (fallback)": {`{"tuesday":[{"open":"10:00","close":"11:00","note":"x"}]}`,
			outlet.Hours{"tuesday": {{Open: "10:00", Close: "11:00"}}}, false},
	} {
		var got outlet.Hours
		if err := (hoursCol{&got}).Scan(tc.src); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
		var b []byte
		switch s := tc.src.(type) {
		case string:
			b = []byte(s)
		case []byte:
			b = s
		}
		if _, ok := parseHours(b); ok != tc.fast {
			t.Errorf("%s: parsed by the fast path = %v, want %v", name, ok, tc.fast)
		}
	}
	for _, bad := range []any{"", "[]", `{"monday":[{"open":"09:00"}`, `{"monday":{}}`, `{"monday":[]} x`, 42} {
		var got outlet.Hours
		if err := (hoursCol{&got}).Scan(bad); err == nil {
			t.Errorf("Scan(%v) accepted: %v", bad, got)
		}
	}
	s, err := hoursArg(week)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := parseHours([]byte(s)); !ok || !reflect.DeepEqual(got, week) {
		t.Fatalf("round trip of %s: %v, %v", s, got, ok)
	}
}
