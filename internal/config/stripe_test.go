package config

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestStripeSettings: both secrets or neither, in their formats, and never
// quoted in an error or the printed configuration.
func TestStripeSettings(t *testing.T) {
	const key, hook = "sk_test_51SecretValue", "whsec_SecretSigning"
	c := load(t, nil)
	if c.Stripe.Configured() || c.Stripe.APIURL != "https://api.stripe.com" {
		t.Errorf("default stripe = %+v", c.Stripe)
	}
	c = load(t, map[string]string{"TENANTRY_STRIPE_SECRET_KEY": key, "TENANTRY_STRIPE_WEBHOOK_SECRET": hook,
		"TENANTRY_STRIPE_API_URL": "http://127.0.0.1:12111/"})
	if !c.Stripe.Configured() || c.Stripe.SecretKey != key || c.Stripe.WebhookSecret != hook || c.Stripe.APIURL != "http://127.0.0.1:12111" {
		t.Errorf("stripe = %+v", c.Stripe)
	}
	var out bytes.Buffer
	c.Print(&out)
	if strings.Contains(out.String(), "SecretValue") || strings.Contains(out.String(), "SecretSigning") ||
		!strings.Contains(out.String(), "test mode, key ****, webhook secret ****, api http://127.0.0.1:12111") {
		t.Errorf("printed:\n%s", out.String())
	}
	for _, env := range []map[string]string{
		{"TENANTRY_STRIPE_SECRET_KEY": key},
		{"TENANTRY_STRIPE_WEBHOOK_SECRET": hook},
		{"TENANTRY_STRIPE_SECRET_KEY": "pk_test_SecretValue", "TENANTRY_STRIPE_WEBHOOK_SECRET": hook},
		{"TENANTRY_STRIPE_SECRET_KEY": key, "TENANTRY_STRIPE_WEBHOOK_SECRET": "SecretSigning"},
		{"TENANTRY_STRIPE_API_URL": "127.0.0.1:12111"},
	} {
		_, _, err := Load("test", nil, func(k string) string { return env[k] }, io.Discard)
		if err == nil {
			t.Errorf("%v accepted", env)
		} else if strings.Contains(err.Error(), "SecretValue") || strings.Contains(err.Error(), "SecretSigning") {
			t.Errorf("error quotes a secret: %v", err)
		}
	}
}
