package app

import (
	"strconv"
	"strings"

	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/plan"
)

// PlanInput creates a plan of the catalog, or changes the fields it names
// (nil: unchanged). Code is given at creation and never changes. Limits,
// when set, replace the plan's limits: a meter absent or null is
// unlimited.
type PlanInput struct {
	Code          *string
	Name          *string
	Description   *string
	Price         *int64
	Currency      *string
	BillingCycle  *string
	TrialDays     *int
	Features      *[]string
	Limits        map[string]*int64
	SetLimits     bool // Limits was given
	StripePriceID *string
	SortOrder     *int
	// Archived archives the plan (true: it takes no new subscribers and
	// leaves the public catalog; its subscribers keep it) or restores it.
	Archived *bool
	// ConfirmSubscribers acknowledges that changing the limits of a plan
	// with subscribers changes theirs.
	ConfirmSubscribers bool
}

// apply validates in and writes it onto p (a new plan when creating),
// normalising codes to their case.
func (in *PlanInput) apply(p *plan.Plan, creating bool) error {
	var c errs.Collector
	switch {
	case creating && in.Code == nil:
		c.Add("code", "required", "This field is required.")
	case creating && !plan.ValidCode(*in.Code):
		c.Add("code", "invalid_code", "Must be 2 to 32 lower-case letters, digits, '-' or '_', starting with a letter.")
	case creating:
		p.Code = *in.Code
	case in.Code != nil && *in.Code != p.Code:
		c.Add("code", "immutable", "A plan's code never changes.")
	}
	switch {
	case in.Name != nil:
		required(&c, "name", *in.Name, plan.MaxName)
		p.Name = strings.TrimSpace(*in.Name)
	case creating:
		c.Add("name", "required", "This field is required.")
	}
	if in.Description != nil {
		optionalLines(&c, "description", *in.Description, plan.MaxDesc)
		p.Description = *in.Description
	}
	if in.Price != nil {
		c.Check(*in.Price < 0, "price", "out_of_range", "Must be 0 or more, in minor units of the currency (cents).")
		p.Price = *in.Price
	}
	if in.Currency != nil {
		p.Currency = strings.ToUpper(strings.TrimSpace(*in.Currency))
		c.Check(!plan.ValidCurrency(p.Currency), "currency", "invalid_currency", "Must be an ISO 4217 code such as USD.")
	}
	if in.BillingCycle != nil {
		p.BillingCycle = strings.ToUpper(strings.TrimSpace(*in.BillingCycle))
		c.Check(!plan.ValidCycle(p.BillingCycle), "billing_cycle", "invalid_choice", "Must be MONTHLY or YEARLY.")
	}
	if in.TrialDays != nil {
		c.Check(*in.TrialDays < 0 || *in.TrialDays > plan.MaxTrialDays, "trial_days", "out_of_range", "Must be between 0 and 365.")
		p.TrialDays = *in.TrialDays
	}
	if in.Features != nil {
		checkFeatures(&c, *in.Features)
		p.Features = *in.Features
	}
	if in.SetLimits {
		p.Limits = checkLimits(&c, in.Limits)
	}
	if in.StripePriceID != nil {
		p.StripePriceID = strings.TrimSpace(*in.StripePriceID)
		c.Check(p.StripePriceID != "" && !plan.ValidStripePrice(p.StripePriceID), "stripe_price_id", "invalid_stripe_price",
			"Must be a Stripe price id such as price_1MoBy5LkdIwHu7ix, or empty.")
	}
	if in.SortOrder != nil {
		p.SortOrder = *in.SortOrder
	}
	return c.Err()
}

func checkFeatures(c *errs.Collector, features []string) {
	if len(features) > plan.MaxFeatures {
		c.Add("features", "too_many", "At most 50 features.")
		return
	}
	for i, f := range features {
		required(c, "features["+strconv.Itoa(i)+"]", f, plan.MaxFeature)
	}
}

// checkLimits validates limits (meter → cap, null for unlimited) and
// returns them as the plan's.
func checkLimits(c *errs.Collector, limits map[string]*int64) plan.Limits {
	out := plan.Limits{}
	for k, v := range limits {
		m := plan.Meter(k)
		switch {
		case !plan.KnownMeter(m):
			c.Add("limits."+k, "unknown_meter", "Not a meter; the meters are "+meterNames()+".")
		case v == nil:
		case *v < 0:
			c.Add("limits."+k, "out_of_range", "Must be 0 or more (omit the meter, or send null, for unlimited).")
		default:
			out[m] = *v
		}
	}
	return out
}

func meterNames() string {
	var names []string
	for _, m := range plan.Meters() {
		names = append(names, string(m))
	}
	return joinWords(names)
}

// sameLimits reports whether a and b cap the same meters alike.
func sameLimits(a, b plan.Limits) bool {
	if len(a) != len(b) {
		return false
	}
	for m, n := range a {
		if x, ok := b[m]; !ok || x != n {
			return false
		}
	}
	return true
}
