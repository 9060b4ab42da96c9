package outlet

import (
	"fmt"
	"slices"

	"github.com/tenantry/tenantry/internal/errs"
)

// Days are the keys of Hours, Monday first.
var days = [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// Days returns the weekday keys of Hours, Monday first.
func Days() []string { return slices.Clone(days[:]) }

// Hours are an outlet's weekly business hours: for each weekday (lower-case
// English name) the intervals it is open. A day that is absent or has no
// intervals is closed.
type Hours map[string][]Interval

// Interval is one opening of a day, as "HH:MM" local times with Open < Close.
type Interval struct {
	Open  string
	Close string
}

// Validate reports unknown days, malformed times, empty or reversed
// intervals, and intervals of a day that are unsorted or overlap, each under
// field (for example "business_hours.monday[1].open").
func (h Hours) Validate(field string, c *errs.Collector) {
	keys := make([]string, 0, len(h))
	for day := range h {
		keys = append(keys, day)
	}
	slices.Sort(keys) // report in a stable order
	for _, day := range keys {
		if !slices.Contains(days[:], day) {
			c.Add(field+"."+day, "unknown_day", "Days are monday … sunday, in lower case.")
			continue
		}
		validateDay(h[day], field+"."+day, c)
	}
}

// MaxIntervals bounds the openings of one day.
const MaxIntervals = 12

func validateDay(list []Interval, field string, c *errs.Collector) {
	if len(list) > MaxIntervals {
		c.Add(field, "too_many", fmt.Sprintf("At most %d intervals a day.", MaxIntervals))
		return
	}
	prevClose := -1
	for i, iv := range list {
		at := fmt.Sprintf("%s[%d]", field, i)
		from, okOpen := Minutes(iv.Open)
		to, okClose := Minutes(iv.Close)
		c.Check(!okOpen, at+".open", "invalid_time", "Must be a time HH:MM between 00:00 and 23:59.")
		c.Check(!okClose, at+".close", "invalid_time", "Must be a time HH:MM between 00:00 and 23:59.")
		if !okOpen || !okClose {
			continue
		}
		if from >= to {
			c.Add(at, "open_not_before_close", "open must be earlier than close.")
			continue
		}
		if prevClose >= 0 && from < prevClose {
			c.Add(at, "overlapping_intervals", "Intervals of a day must be sorted and must not overlap.")
		}
		prevClose = max(prevClose, to)
	}
}

// Minutes parses "HH:MM" (00:00 to 23:59, two digits each) into minutes
// after midnight.
func Minutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}
