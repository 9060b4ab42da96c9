package plan

import (
	"regexp"

	"golang.org/x/text/currency"
)

// Limits on what a platform admin may write into the catalog.
const (
	MaxName      = 100
	MaxDesc      = 1000
	MaxFeatures  = 50
	MaxFeature   = 200
	MaxTrialDays = 365
)

var (
	codeRE  = regexp.MustCompile(`^[a-z][a-z0-9_-]{1,31}$`)
	priceRE = regexp.MustCompile(`^price_[A-Za-z0-9]{1,200}$`)
)

// ValidCode reports whether code may name a plan: 2 to 32 lower-case
// letters, digits, '-' or '_', starting with a letter.
func ValidCode(code string) bool { return codeRE.MatchString(code) }

// ValidStripePrice reports whether id has the form of a Stripe price id
// ("price_" and letters or digits).
func ValidStripePrice(id string) bool { return priceRE.MatchString(id) }

// ValidCurrency reports whether code is the upper-case ISO 4217 code of a
// currency that is legal tender somewhere today (funds, metals and the
// test code are not).
func ValidCurrency(code string) bool {
	if len(code) != 3 {
		return false
	}
	it := currency.Query()
	for it.Next() {
		if it.Unit().String() == code {
			return true
		}
	}
	return false
}

// ValidCycle reports whether c is a billing cycle.
func ValidCycle(c string) bool { return c == Monthly || c == Yearly }
