package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/tenantry/tenantry/internal/auth"
	"github.com/tenantry/tenantry/internal/errs"
	"github.com/tenantry/tenantry/internal/setting"
)

var providerIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// validateAuthConfig checks an update's own fields, all at once: each
// value against its configuration key (type, bounds, schema) and the
// providers, and returns the values normalized, by key, with the fields
// given.
func (a *App) validateAuthConfig(tenantID string, in AuthConfigUpdate) (map[string]json.RawMessage, []string, error) {
	var c errs.Collector
	c.Check(in.BodyTenantID != "" && in.BodyTenantID != tenantID, "tenant_id", "mismatch",
		"Must be the tenant of the path, or left out.")
	values := map[string]json.RawMessage{}
	var fields []string
	for _, f := range authConfigFields {
		v, ok := in.Values[f.key]
		if !ok || f.key == "" {
			continue
		}
		d, _ := a.builtin.Lookup(f.key)
		norm, err := d.Normalize(v)
		var bad *setting.Invalid
		switch {
		case errors.As(err, &bad):
			c.Add(f.field, authFieldCode(f.key), bad.Msg)
		case err != nil:
			return nil, nil, err
		}
		values[f.key] = norm
		fields = append(fields, f.field)
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
	return values, fields, c.Err()
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
