package booking

import (
	"fmt"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/outlet"
)

// WithinHours reports to c, under field, every interval of avail (a valid
// week, see outlet.Hours.Validate) that does not lie inside one opening of
// the same day of open (an outlet's business hours): code
// outside_business_hours at field.day[i].
func WithinHours(avail, open outlet.Hours, field string, c *errs.Collector) {
	for _, day := range sortedKeys(avail) {
		for i, iv := range avail[day] {
			if !inside(iv, open[day]) {
				c.Add(fmt.Sprintf("%s.%s[%d]", field, day, i), "outside_business_hours",
					fmt.Sprintf("%s–%s on %s is outside the outlet's business hours.", iv.Open, iv.Close, day))
			}
		}
	}
}

// inside reports whether iv lies within one of the openings of list.
func inside(iv outlet.Interval, list []outlet.Interval) bool {
	from, ok1 := outlet.Minutes(iv.Open)
	to, ok2 := outlet.Minutes(iv.Close)
	if !ok1 || !ok2 {
		return false
	}
	for _, o := range list {
		of, okf := outlet.Minutes(o.Open)
		ot, okt := outlet.Minutes(o.Close)
		if okf && okt && of <= from && to <= ot {
			return true
		}
	}
	return false
}
