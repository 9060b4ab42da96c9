package app

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
)

var providerIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// validateAuthConfig checks an update's own fields, all at once.
func validateAuthConfig(tenantID string, in AuthConfigUpdate) error {
	var c errs.Collector
	c.Check(in.BodyTenantID != "" && in.BodyTenantID != tenantID, "tenant_id", "mismatch",
		"Must be the tenant of the path, or left out.")
	checkFactors(&c, "first_factors", in.FirstFactors, auth.FirstFactors)
	checkFactors(&c, "required_secondary_factors", in.RequiredSecondaryFactors, auth.SecondaryFactors)
	if v := in.AccessTokenValidity; v != nil {
		c.Check(*v < int(auth.MinAccessValidity.Seconds()) || *v > int(auth.MaxAccessValidity.Seconds()),
			"core_config.access_token_validity", "out_of_range", "Must be between 60 and 86400 seconds.")
	}
	if v := in.RefreshTokenValidity; v != nil {
		c.Check(*v < int(auth.MinAccessValidity.Seconds()) || *v > int(auth.MaxRefreshValidity.Seconds()),
			"core_config.refresh_token_validity", "out_of_range", "Must be between 60 and 31536000 seconds (365 days).")
	}
	if in.Providers != nil {
		seen := map[string]bool{}
		for i, p := range *in.Providers {
			f := fmt.Sprintf("providers[%d].", i)
			switch {
			case p.ID == "":
				c.Add(f+"id", "required", "This field is required.")
			case !providerIDRE.MatchString(p.ID):
				c.Add(f+"id", "invalid_format", "Use 1 to 64 lower-case letters, digits, '-' or '_', such as google.")
			case seen[p.ID]:
				c.Add(f+"id", "duplicate", "Each provider id may appear once.")
			}
			seen[p.ID] = true
			required(&c, f+"name", p.Name, 100)
			required(&c, f+"client_id", p.ClientID, 512)
			if p.ClientSecret != nil {
				optional(&c, f+"client_secret", *p.ClientSecret, 4096)
			}
		}
	}
	return c.Err()
}

func checkFactors(c *errs.Collector, field string, list *[]string, allowed []string) {
	if list == nil {
		return
	}
	for _, f := range *list {
		if !slices.Contains(allowed, f) {
			c.Add(field, "unknown_factor", fmt.Sprintf("Unknown factor %q; allowed: %s.", f, strings.Join(allowed, ", ")))
			return
		}
	}
}

// checkEffective refuses a resolved configuration under which nobody could
// log in, or whose refresh tokens would outlive nothing their access tokens do.
func checkEffective(e auth.Effective) error {
	var c errs.Collector
	c.Check(!e.CanLogIn(), "first_factors", "no_login_method",
		"At least one of emailpassword (with email_password_enabled) or otp-email (with passwordless_enabled) "+
			"must stay allowed, or nobody could log in.")
	c.Check(e.RefreshTokenValidity < e.AccessTokenValidity, "core_config.refresh_token_validity", "shorter_than_access",
		"Must be at least the access token validity ("+fmt.Sprint(int(e.AccessTokenValidity/time.Second))+" seconds).")
	return c.Err()
}

func joinFields(fields []string) string { return strings.Join(fields, ",") }
