package config

import (
	"fmt"
	"net/url"
	"strings"
)

// stripeAPIURL is Stripe's own API, the default of TENANTRY_STRIPE_API_URL.
const stripeAPIURL = "https://api.stripe.com"

// Stripe is the platform's Stripe account. With no secret key there is no
// payment provider: plan changes apply at once and payments are recorded
// with provider "none".
type Stripe struct {
	SecretKey     string // sk_live_…, sk_test_… or a restricted rk_… key; never printed
	WebhookSecret string // whsec_…, verifies Stripe-Signature; never printed
	APIURL        string // Stripe's API, or a stripe-mock for development and tests
}

// Configured reports whether a Stripe secret key is set.
func (s Stripe) Configured() bool { return s.SecretKey != "" }

// validate checks the formats without ever quoting a secret.
func (s Stripe) validate() error {
	u, err := url.Parse(s.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("config: stripe-api-url %q: must be an http:// or https:// URL", s.APIURL)
	}
	if s.SecretKey == "" {
		if s.WebhookSecret != "" {
			return fmt.Errorf("config: TENANTRY_STRIPE_WEBHOOK_SECRET is set without TENANTRY_STRIPE_SECRET_KEY")
		}
		return nil
	}
	if !hasAnyPrefix(s.SecretKey, "sk_live_", "sk_test_", "rk_live_", "rk_test_") {
		return fmt.Errorf("config: TENANTRY_STRIPE_SECRET_KEY must start with sk_live_, sk_test_, rk_live_ or rk_test_")
	}
	if s.WebhookSecret == "" {
		return fmt.Errorf("config: TENANTRY_STRIPE_SECRET_KEY needs TENANTRY_STRIPE_WEBHOOK_SECRET too: without it no payment would ever be recorded")
	}
	if !strings.HasPrefix(s.WebhookSecret, "whsec_") {
		return fmt.Errorf("config: TENANTRY_STRIPE_WEBHOOK_SECRET must start with whsec_")
	}
	return nil
}

// describe is the printed form: the mode and the API, secrets masked.
func (s Stripe) describe() string {
	if !s.Configured() {
		return "(none: plan changes apply at once)"
	}
	mode := "live"
	if strings.Contains(s.SecretKey, "_test_") {
		mode = "test"
	}
	return fmt.Sprintf("%s mode, key ****, webhook secret ****, api %s", mode, s.APIURL)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
